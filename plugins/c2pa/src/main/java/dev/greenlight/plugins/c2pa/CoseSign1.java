package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A claim signature: a COSE_Sign1 (RFC 9052) with a detached payload (the claim). Immutable by
 * convention (the arrays are never written after parsing).
 *
 * @param protectedBytes the protected header exactly as signed
 * @param unprotected    the unprotected header map
 * @param signature      the signature bytes
 * @param alg            the COSE algorithm id (protected header label 1)
 * @param chain          the {@code x5chain} certificates, signer first
 */
record CoseSign1(byte[] protectedBytes, JsonNode unprotected, byte[] signature, int alg, List<X509Certificate> chain) {

    /**
     * Parses a {@code c2pa.signature} box's COSE_Sign1.
     *
     * @throws MalformedStoreException {@code claimSignature.missing} when the box or its CBOR is
     *                                 missing, {@code claimSignature.mismatch} when it is malformed,
     *                                 {@code signingCredential.invalid} when the certificates are
     *                                 missing or unreadable
     */
    static CoseSign1 of(JumbfBox box) throws MalformedStoreException {
        if (box == null || box.content("cbor") == null) {
            throw new MalformedStoreException("claimSignature.missing", "no claim signature");
        }
        JsonNode cose = Cbor.read(box.content("cbor").payload(), "claimSignature.mismatch");
        if (!cose.isArray() || cose.size() != 4 || !cose.get(0).isBinary() || !cose.get(3).isBinary()) {
            throw new MalformedStoreException("claimSignature.mismatch", "the signature is not a COSE_Sign1");
        }
        byte[] protectedBytes = binary(cose.get(0));
        JsonNode prot = protectedBytes.length == 0 ? MissingNode.getInstance()
                : Cbor.read(protectedBytes, "claimSignature.mismatch");
        JsonNode unprot = cose.get(1).isObject() ? cose.get(1) : MissingNode.getInstance();
        if (!prot.path("1").isInt()) {
            throw new MalformedStoreException("algorithm.unsupported", "the signature names no algorithm");
        }
        JsonNode x5 = firstPresent(prot.path("33"), unprot.path("33"), unprot.path("x5chain"));
        return new CoseSign1(protectedBytes, unprot, binary(cose.get(3)), prot.path("1").asInt(), certificates(x5));
    }

    private static JsonNode firstPresent(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (!n.isMissingNode() && !n.isNull()) {
                return n;
            }
        }
        return MissingNode.getInstance();
    }

    private static List<X509Certificate> certificates(JsonNode x5) throws MalformedStoreException {
        List<JsonNode> ders = new ArrayList<>();
        if (x5.isBinary()) {
            ders.add(x5);
        } else if (x5.isArray()) {
            x5.forEach(ders::add);
        }
        if (ders.isEmpty() || ders.size() > Limits.MAX_CHAIN) {
            throw new MalformedStoreException("signingCredential.invalid", "x5chain holds " + ders.size() + " certificates");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (JsonNode der : ders) {
                if (!der.isBinary()) {
                    throw new MalformedStoreException("signingCredential.invalid", "x5chain entry is not a byte string");
                }
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(binary(der))));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new MalformedStoreException("signingCredential.invalid", "unreadable certificate: " + e.getMessage());
        }
        return List.copyOf(chain);
    }

    static byte[] binary(JsonNode n) throws MalformedStoreException {
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new MalformedStoreException("claimSignature.mismatch", "not a byte string");
        }
    }
}
