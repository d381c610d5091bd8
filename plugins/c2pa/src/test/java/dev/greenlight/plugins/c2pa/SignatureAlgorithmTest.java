package dev.greenlight.plugins.c2pa;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Every COSE algorithm C2PA allows verifies with the JDK's providers, and rejects a changed payload. */
class SignatureAlgorithmTest {
    @ParameterizedTest
    @CsvSource({"-7,EC,secp256r1", "-35,EC,secp384r1", "-36,EC,secp521r1", "-37,RSA,2048", "-38,RSA,2048",
            "-39,RSA,2048", "-8,Ed25519,"})
    void verifiesItsOwnSignatures(int cose, String keyType, String param) throws Exception {
        SignatureAlgorithm alg = SignatureAlgorithm.of(cose);
        KeyPairGenerator g = KeyPairGenerator.getInstance(keyType);
        if (keyType.equals("EC")) {
            g.initialize(new ECGenParameterSpec(param));
        } else if (keyType.equals("RSA")) {
            g.initialize(Integer.parseInt(param));
        }
        KeyPair keys = g.generateKeyPair();
        byte[] data = "Sig_structure".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(switch (alg) {
            case ES256 -> "SHA256withECDSAinP1363Format";
            case ES384 -> "SHA384withECDSAinP1363Format";
            case ES512 -> "SHA512withECDSAinP1363Format";
            case PS256, PS384, PS512 -> "RSASSA-PSS";
            case Ed25519 -> "Ed25519";
        });
        s.initSign(keys.getPrivate());
        if (alg.name().startsWith("PS")) {
            int bits = Integer.parseInt(alg.name().substring(2));
            String hash = "SHA-" + bits;
            s.setParameter(new java.security.spec.PSSParameterSpec(hash, "MGF1",
                    new java.security.spec.MGF1ParameterSpec(hash), bits / 8, 1));
        }
        s.update(data);
        byte[] sig = s.sign();
        assertThat(alg.verify(keys.getPublic(), data, sig)).isTrue();
        data[0] ^= 1;
        assertThat(alg.verify(keys.getPublic(), data, sig)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0", "-257", "-65535", "1"})
    void otherAlgorithmsAreNotAllowed(int cose) {
        assertThat(SignatureAlgorithm.of(cose)).isNull();
    }
}
