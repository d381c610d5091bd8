package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies a {@code c2pa.hash.data} hard binding: the hash of the whole file except the excluded
 * byte ranges (the manifest store itself). Stateless; thread-safe.
 */
final class DataHash {
    private DataHash() {
    }

    /**
     * {@code null} when the binding matches, otherwise the failure code:
     * {@code assertion.dataHash.mismatch}, or {@code assertion.dataHash.malformed} when the assertion
     * is not a well-formed data hash or its exclusions fall outside the file.
     */
    static String verify(JsonNode a, String defaultAlg, ByteBuffer file) {
        MessageDigest md = Digests.of(a.path("alg").isTextual() ? a.path("alg").asText() : defaultAlg);
        if (md == null || !a.path("hash").isBinary()) {
            return "assertion.dataHash.malformed";
        }
        List<long[]> ranges = new ArrayList<>();
        for (JsonNode e : a.path("exclusions")) {
            if (ranges.size() >= Limits.MAX_EXCLUSIONS || !e.path("start").canConvertToLong()
                    || !e.path("length").canConvertToLong()) {
                return "assertion.dataHash.malformed";
            }
            long start = e.path("start").asLong();
            long length = e.path("length").asLong();
            if (start < 0 || length < 0 || start > file.limit() || length > file.limit() - start) {
                return "assertion.dataHash.malformed";
            }
            ranges.add(new long[] {start, start + length});
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        long pos = 0;
        for (long[] r : ranges) {
            Digests.update(md, file, pos, r[0]);
            pos = Math.max(pos, r[1]);
        }
        Digests.update(md, file, pos, file.limit());
        try {
            return MessageDigest.isEqual(md.digest(), a.path("hash").binaryValue()) ? null : "assertion.dataHash.mismatch";
        } catch (java.io.IOException e) {
            return "assertion.dataHash.malformed";
        }
    }
}
