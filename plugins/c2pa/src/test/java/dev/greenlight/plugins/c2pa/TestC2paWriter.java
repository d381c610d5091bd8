package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal C2PA writer for tests and the benchmark: signs a JPEG (store in APP11 segments after
 * SOI, {@code c2pa.hash.data}) or an MP4 (store in a C2PA {@code uuid} box appended at the end,
 * {@code c2pa.hash.bmff.v2}) with a v1 claim, a {@code c2pa.actions} assertion and an ES256
 * COSE_Sign1 without a time-stamp. Not a general writer: no ingredients, no thumbnails. Stateless
 * apart from the signer; not thread-safe.
 */
final class TestC2paWriter {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final String LABEL = "urn:uuid:6a1c3e0e-7d0b-4b8e-9a55-0c2a9f3b1d42";
    private static final String DST = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    private final TestSigner signer;

    TestC2paWriter(TestSigner signer) {
        this.signer = signer;
    }

    /** {@code jpeg} with a signed store after its SOI marker. */
    byte[] signJpeg(byte[] jpeg) throws Exception {
        long exclusionLength = 0;
        byte[] store;
        byte[] segments;
        // the exclusion's CBOR size depends on the store's size, which depends on it: iterate to a fixed point
        while (true) {
            store = store("image/jpeg", dataHash(2, exclusionLength, new byte[32]));
            segments = app11(store);
            if (segments.length == exclusionLength) {
                break;
            }
            exclusionLength = segments.length;
        }
        byte[] unsigned = jpegWith(jpeg, segments);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(unsigned, 0, 2);
        md.update(unsigned, 2 + segments.length, unsigned.length - 2 - segments.length);
        store = store("image/jpeg", dataHash(2, exclusionLength, md.digest()));
        return jpegWith(jpeg, app11(store));
    }

    /** {@code mp4} with a signed store in a C2PA {@code uuid} box appended at its end (no offsets move). */
    byte[] signMp4(byte[] mp4) throws Exception {
        Map<String, Object> binding = bmffHash(new byte[32]);
        byte[] unsigned = concat(mp4, uuidBox(store("video/mp4", binding)));
        JsonNode tree = CBOR.readTree(CBOR.writeValueAsBytes(binding));
        byte[] hash = BmffHash.digest(tree, "sha256", ByteBuffer.wrap(unsigned), true);
        return concat(mp4, uuidBox(store("video/mp4", bmffHash(hash))));
    }

    private static Map<String, Object> dataHash(long start, long length, byte[] hash) {
        Map<String, Object> exclusion = new LinkedHashMap<>();
        exclusion.put("start", start);
        exclusion.put("length", length);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("exclusions", List.of(exclusion));
        a.put("name", "jumbf manifest");
        a.put("alg", "sha256");
        a.put("hash", hash);
        a.put("pad", new byte[0]);
        return a;
    }

    private static Map<String, Object> bmffHash(byte[] hash) {
        Map<String, Object> uuid = new LinkedHashMap<>();
        uuid.put("xpath", "/uuid");
        uuid.put("data", List.of(Map.of("offset", 8, "value", StoreLocator.BMFF_C2PA_UUID)));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("exclusions", List.of(uuid, Map.of("xpath", "/ftyp"), Map.of("xpath", "/mfra")));
        a.put("alg", "sha256");
        a.put("hash", hash);
        a.put("name", "jumbf manifest");
        return a;
    }

    private byte[] store(String format, Map<String, Object> binding) throws Exception {
        String bindingLabel = binding.containsKey("exclusions") && binding.containsKey("pad") ? "c2pa.hash.data" : "c2pa.hash.bmff.v2";
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("action", "c2pa.created");
        action.put("digitalSourceType", DST);
        byte[] actions = assertion("c2pa.actions", Map.of("actions", List.of(action)));
        byte[] hashAssertion = assertion(bindingLabel, binding);
        List<Map<String, Object>> refs = new ArrayList<>();
        refs.add(ref("c2pa.actions", actions));
        refs.add(ref(bindingLabel, hashAssertion));
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("claim_generator", "greenlight-test-writer/1");
        claim.put("dc:format", format);
        claim.put("instanceID", "xmp:iid:" + LABEL.substring(9));
        claim.put("signature", "self#jumbf=c2pa.signature");
        claim.put("assertions", refs);
        claim.put("alg", "sha256");
        byte[] claimCbor = CBOR.writeValueAsBytes(claim);
        byte[] protectedHeader = protectedHeader();
        byte[] signature = signer.sign(Cbor.sigStructure(protectedHeader, new byte[0], claimCbor));
        byte[] cose = coseSign1(protectedHeader, signature);
        byte[] manifest = superbox("63326d6100110010800000aa00389b71", LABEL,
                superbox("6332617300110010800000aa00389b71", "c2pa.assertions", actions, hashAssertion),
                superbox("6332636c00110010800000aa00389b71", "c2pa.claim", box("cbor", claimCbor)),
                superbox("6332637300110010800000aa00389b71", "c2pa.signature", box("cbor", cose)));
        return superbox("6332706100110010800000aa00389b71", "c2pa", manifest);
    }

    private static Map<String, Object> ref(String label, byte[] assertionBox) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(assertionBox, 8, assertionBox.length - 8);        // the superbox payload
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", "self#jumbf=c2pa.assertions/" + label);
        r.put("hash", md.digest());
        return r;
    }

    private static byte[] assertion(String label, Object content) throws Exception {
        return superbox("63626f7200110010800000aa00389b71", label, box("cbor", CBOR.writeValueAsBytes(content)));
    }

    /** {1: -7 (ES256), 33: [signer certificate]}, with integer keys as COSE requires. */
    private byte[] protectedHeader() throws Exception {
        byte[] der = signer.signer().getEncoded();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xa2, 0x01, 0x26, 0x18, 0x21, (byte) 0x81});
        bstrHead(out, der.length);
        out.writeBytes(der);
        return out.toByteArray();
    }

    private static byte[] coseSign1(byte[] protectedHeader, byte[] signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xd2, (byte) 0x84});
        bstrHead(out, protectedHeader.length);
        out.writeBytes(protectedHeader);
        out.write(0xa0);        // empty unprotected header
        out.write(0xf6);        // detached payload
        bstrHead(out, signature.length);
        out.writeBytes(signature);
        return out.toByteArray();
    }

    private static void bstrHead(ByteArrayOutputStream out, int length) {
        if (length < 24) {
            out.write(0x40 | length);
        } else if (length < 256) {
            out.write(0x58);
            out.write(length);
        } else {
            out.write(0x59);
            out.write(length >>> 8);
            out.write(length & 0xff);
        }
    }

    static byte[] superbox(String uuidHex, String label, byte[]... children) {
        ByteArrayOutputStream jumd = new ByteArrayOutputStream();
        jumd.writeBytes(StoreLocator.hex(uuidHex));
        jumd.write(0x03);       // requestable, labelled
        jumd.writeBytes(label.getBytes(StandardCharsets.UTF_8));
        jumd.write(0);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(box("jumd", jumd.toByteArray()));
        for (byte[] c : children) {
            payload.writeBytes(c);
        }
        return box("jumb", payload.toByteArray());
    }

    static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload).array();
    }

    private static byte[] app11(byte[] store) {
        byte[] file = SeedFiles.jpegAround(store);
        return java.util.Arrays.copyOfRange(file, 2, file.length - 2);   // the segments only
    }

    private static byte[] jpegWith(byte[] jpeg, byte[] segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segments.length);
        out.write(jpeg, 0, 2);
        out.writeBytes(segments);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] uuidBox(byte[] store) {
        int size = 8 + 16 + 4 + 9 + 8 + store.length;
        return ByteBuffer.allocate(size).putInt(size).put("uuid".getBytes(StandardCharsets.ISO_8859_1))
                .put(StoreLocator.BMFF_C2PA_UUID).putInt(0).put("manifest\0".getBytes(StandardCharsets.ISO_8859_1))
                .putLong(0).put(store).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
