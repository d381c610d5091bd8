package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;

/**
 * The RFC 3161 time-stamp of a claim signature ({@code sigTst} in v1 signatures, {@code sigTst2}
 * in v2): when the signature existed, by a time-stamp authority's word. BouncyCastle reads it
 * because the JDK has no public CMS parser. Immutable.
 *
 * @param time      the token's {@code genTime}
 * @param authority the CN of the time-stamp authority's certificate, or empty
 */
record TimeStamp(Instant time, String authority) {

    /**
     * The first time-stamp token in the unprotected header whose CMS signature verifies with its own
     * certificate; {@code null} when there is none. A token that does not verify is ignored, so a
     * forged time cannot move the certificate-validity check into a certificate's lifetime.
     */
    static TimeStamp of(JsonNode unprotected) {
        for (String key : new String[] {"sigTst2", "sigTst"}) {
            for (JsonNode token : unprotected.path(key).path("tstTokens")) {
                TimeStamp t = parse(token.path("val"));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** v2 writers store the token itself; v1 writers stored the whole TimeStampResp around it. */
    private static TimeStampToken token(byte[] der) throws Exception {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (CMSException | TSPException | IllegalArgumentException e) {
            return new TimeStampResponse(der).getTimeStampToken();
        }
    }

    private static TimeStamp parse(JsonNode val) {
        if (!val.isBinary()) {
            return null;
        }
        try {
            TimeStampToken token = token(val.binaryValue());
            if (token == null) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certs = token.getCertificates().getMatches(
                    (Selector<X509CertificateHolder>) (Selector<?>) token.getSID());
            if (certs.isEmpty()) {
                return null;
            }
            X509CertificateHolder holder = certs.iterator().next();
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            // checks the CMS signature, the imprint's structure, and that the TSA certificate was
            // valid (and a time-stamping certificate) at genTime
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
            return new TimeStamp(token.getTimeStampInfo().getGenTime().toInstant(),
                    Certificates.commonName(cert.getSubjectX500Principal()));
        } catch (Exception | LinkageError e) {
            // BouncyCastle reports bad tokens through a dozen exception types; any of them means
            // "no usable time-stamp", and the signature is then judged at the current time
            return null;
        }
    }
}
