package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads CBOR (claims, assertions, COSE) and JSON (older assertions) into Jackson trees under depth
 * and size limits, and writes the one CBOR structure verification needs (the COSE
 * {@code Sig_structure}). Thread-safe: the mappers are configured once and shared.
 *
 * <p>Map keys that are integers (COSE header labels) come out as their decimal text ({@code "1"},
 * {@code "33"}); tags (COSE_Sign1's 18) are dropped; byte strings are binary nodes.
 */
final class Cbor {
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(Limits.MAX_CBOR_DEPTH)
            .maxStringLength(Limits.MAX_STORE_BYTES)
            .maxDocumentLength(Limits.MAX_STORE_BYTES)
            .maxNumberLength(64)
            .build();
    private static final ObjectMapper CBOR = new ObjectMapper(CBORFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .build();

    private Cbor() {
    }

    /**
     * The tree of {@code bytes}.
     *
     * @throws MalformedStoreException with {@code code} when the bytes are not one well-formed item
     *                                 within the limits
     */
    static JsonNode read(byte[] bytes, String code) throws MalformedStoreException {
        return read(CBOR, bytes, code);
    }

    /** As {@link #read}, for a JSON content box. */
    static JsonNode readJson(byte[] bytes, String code) throws MalformedStoreException {
        return read(JSON, bytes, code);
    }

    private static JsonNode read(ObjectMapper mapper, byte[] bytes, String code) throws MalformedStoreException {
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new MalformedStoreException(code, "empty content");
            }
            return node;
        } catch (IOException | RuntimeException e) {
            // Jackson reports hostile input as IOException, and a few shapes (a huge declared
            // length, a bad half-float) as runtime exceptions: both mean "malformed".
            throw new MalformedStoreException(code, "malformed content: " + e.getClass().getSimpleName());
        }
    }

    /** CBOR of COSE's {@code Sig_structure = ["Signature1", protected, external_aad, payload]} (RFC 9052 §4.4). */
    static byte[] sigStructure(byte[] protectedHeader, byte[] externalAad, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + protectedHeader.length + 32);
        out.write(0x84);
        byte[] context = "Signature1".getBytes(StandardCharsets.US_ASCII);
        head(out, 3, context.length);
        out.writeBytes(context);
        head(out, 2, protectedHeader.length);
        out.writeBytes(protectedHeader);
        head(out, 2, externalAad.length);
        out.writeBytes(externalAad);
        head(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void head(ByteArrayOutputStream out, int major, long length) {
        int m = major << 5;
        if (length < 24) {
            out.write(m | (int) length);
        } else if (length < 0x100) {
            out.write(m | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write(m | 25);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(m | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
    }
}
