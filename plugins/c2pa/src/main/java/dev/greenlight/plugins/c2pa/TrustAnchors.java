package dev.greenlight.plugins.c2pa;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges a claim signer's certificate: the C2PA certificate profile, validity at the signing time,
 * and a PKIX path to one of the configured trust anchors (revocation not checked: no network).
 * Immutable; thread-safe.
 */
final class TrustAnchors {
    /** No anchors: every signer is {@code signingCredential.untrusted}. */
    static final TrustAnchors NONE = new TrustAnchors(List.of());

    /** Extended key usages C2PA allows for claim signers (C2PA 2.x, "Certificate Profile"). */
    private static final Set<String> ALLOWED_EKU = Set.of(
            "1.3.6.1.5.5.7.3.4",            // id-kp-emailProtection
            "1.3.6.1.5.5.7.3.36",           // id-kp-documentSigning
            "1.3.6.1.5.5.7.3.8",            // id-kp-timeStamping
            "1.3.6.1.5.5.7.3.9",            // id-kp-OCSPSigning
            "1.3.6.1.4.1.311.76.59.1.9",    // Microsoft C2PA signing
            "1.3.6.1.4.1.62558.2.1");       // c2pa-kp-claimSigning
    private static final String ANY_EKU = "2.5.29.37.0";

    private final Set<TrustAnchor> anchors;

    TrustAnchors(List<X509Certificate> roots) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : roots) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(set);
    }

    int size() {
        return anchors.size();
    }

    /**
     * The failure codes for {@code chain} (signer first) at {@code at}: empty when the signer is
     * trusted; otherwise one of {@code signingCredential.invalid} (not a C2PA signing certificate),
     * {@code signingCredential.expired} (outside its validity then), {@code signingCredential.untrusted}.
     */
    List<String> check(List<X509Certificate> chain, Instant at) {
        X509Certificate signer = chain.get(0);
        if (!profileOk(signer)) {
            return List.of("signingCredential.invalid");
        }
        try {
            signer.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return List.of("signingCredential.expired");
        }
        if (anchors.isEmpty()) {
            return List.of("signingCredential.untrusted");
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
            return List.of();
        } catch (CertPathValidatorException e) {
            return List.of("signingCredential.untrusted");
        } catch (GeneralSecurityException | RuntimeException e) {
            return List.of("signingCredential.untrusted");
        }
    }

    /** digitalSignature key usage, an allowed extended key usage, and not self-signed. */
    private static boolean profileOk(X509Certificate signer) {
        boolean[] ku = signer.getKeyUsage();
        if (ku == null || !ku[0]) {
            return false;
        }
        try {
            List<String> eku = signer.getExtendedKeyUsage();
            if (eku == null || eku.contains(ANY_EKU) || eku.stream().noneMatch(ALLOWED_EKU::contains)) {
                return false;
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return !signer.getSubjectX500Principal().equals(signer.getIssuerX500Principal());
    }
}
