package dev.greenlight.plugins.c2pa;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * A throw-away ES256 signing identity for tests and the benchmark: a root CA and a signer
 * certificate with the C2PA profile (digitalSignature, emailProtection). Immutable.
 *
 * @param root   the root certificate (a trust anchor for {@code trusted})
 * @param signer the signing certificate, issued by {@code root}
 * @param keys   the signer's key pair
 */
record TestSigner(X509Certificate root, X509Certificate signer, KeyPair keys) {

    static TestSigner create() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair rootKeys = g.generateKeyPair();
        KeyPair signerKeys = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name rootName = new X500Name("CN=Greenlight Test Root,O=Greenlight Tests");
        var rootBuilder = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(365, ChronoUnit.DAYS)), rootName, rootKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate root = new JcaX509CertificateConverter().getCertificate(
                rootBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        var signerBuilder = new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(365, ChronoUnit.DAYS)), new X500Name("CN=Greenlight Test Signer,O=Greenlight Tests"),
                signerKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        X509Certificate signer = new JcaX509CertificateConverter().getCertificate(
                signerBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        return new TestSigner(root, signer, signerKeys);
    }

    /** ES256 signature (raw r||s, as COSE wants it) over {@code data}. */
    byte[] sign(byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }
}
