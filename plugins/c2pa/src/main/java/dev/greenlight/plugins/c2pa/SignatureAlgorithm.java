package dev.greenlight.plugins.c2pa;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The COSE algorithms C2PA allows for claim signatures, verified with the JDK's own providers
 * (ECDSA with raw {@code r||s}, RSASSA-PSS, EdDSA are all in Java 17). Immutable; thread-safe.
 */
enum SignatureAlgorithm {
    ES256(-7, "SHA256withECDSAinP1363Format", null),
    ES384(-35, "SHA384withECDSAinP1363Format", null),
    ES512(-36, "SHA512withECDSAinP1363Format", null),
    PS256(-37, "RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)),
    PS384(-38, "RSASSA-PSS", new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1)),
    PS512(-39, "RSASSA-PSS", new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1)),
    Ed25519(-8, "EdDSA", null);

    private final int coseId;
    private final String jca;
    private final PSSParameterSpec pss;

    SignatureAlgorithm(int coseId, String jca, PSSParameterSpec pss) {
        this.coseId = coseId;
        this.jca = jca;
        this.pss = pss;
    }

    /** The algorithm with this COSE id, or {@code null} when C2PA does not allow it. */
    static SignatureAlgorithm of(int coseId) {
        for (SignatureAlgorithm a : values()) {
            if (a.coseId == coseId) {
                return a;
            }
        }
        return null;
    }

    /** Whether {@code signature} is {@code key}'s signature over {@code data}; false for a key of the wrong type. */
    boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(jca);
            s.initVerify(key);
            if (pss != null) {
                s.setParameter(pss);
            }
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a wrong key type, a malformed signature or key: all mean "does not verify"
            return false;
        }
    }
}
