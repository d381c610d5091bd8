package dev.greenlight.plugins.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies a {@code c2pa.hash.bmff} hard binding (v1, v2, v3) of an ISO BMFF file (MP4, MOV, M4A,
 * HEIF): the hash of the file except the boxes (or parts of boxes) its {@code exclusions} name by
 * {@code xpath}. From v2 on, the file offset of each top-level box that is hashed goes into the
 * hash (as a 64-bit big-endian number) before the box, so that moving boxes breaks the binding.
 * Merkle-tree bindings of fragmented files are not supported ({@code assertion.bmffHash.malformed}).
 * Stateless; thread-safe.
 */
final class BmffHash {
    private BmffHash() {
    }

    /**
     * {@code null} when the binding matches; otherwise {@code assertion.bmffHash.mismatch}, or
     * {@code assertion.bmffHash.malformed} when the assertion is not one this reader can check.
     *
     * @param withOffsets v2 and v3 hashing (top-level box offsets included)
     */
    static String verify(JsonNode a, String defaultAlg, ByteBuffer file, boolean withOffsets) {
        if (!a.path("hash").isBinary()) {
            return "assertion.bmffHash.malformed";
        }
        byte[] digest = digest(a, defaultAlg, file, withOffsets);
        if (digest == null) {
            return "assertion.bmffHash.malformed";
        }
        try {
            return MessageDigest.isEqual(digest, a.path("hash").binaryValue()) ? null : "assertion.bmffHash.mismatch";
        } catch (IOException e) {
            return "assertion.bmffHash.malformed";
        }
    }

    /**
     * The hash the assertion's exclusions and algorithm give for {@code file}; {@code null} when the
     * assertion is malformed or uses a Merkle tree. Writers (the benchmark's) use it to bind a file.
     */
    static byte[] digest(JsonNode a, String defaultAlg, ByteBuffer file, boolean withOffsets) {
        MessageDigest md = Digests.of(a.path("alg").isTextual() ? a.path("alg").asText() : defaultAlg);
        if (md == null || (a.has("merkle") && !a.path("merkle").isNull())) {
            return null;
        }
        List<BmffBoxes.Box> top = BmffBoxes.topLevel(file);
        List<long[]> excluded = new ArrayList<>();
        int[] visits = {Limits.MAX_BMFF_VISITS};
        for (JsonNode e : a.path("exclusions")) {
            if (!e.path("xpath").isTextual()) {
                return null;
            }
            String[] path = e.path("xpath").asText().replaceFirst("^/", "").split("/");
            if (path.length > Limits.MAX_JUMBF_DEPTH * 4) {
                return null;        // deeper than any real box tree
            }
            List<BmffBoxes.Box> found = find(file, top, path, 0, visits);
            if (found == null) {
                return null;
            }
            for (BmffBoxes.Box box : found) {
                if (matches(file, box, e)) {
                    addRanges(excluded, box, e.path("subset"));
                }
            }
            if (excluded.size() > Limits.MAX_EXCLUSIONS) {
                return null;
            }
        }
        List<long[]> ranges = merged(excluded);
        // one sweep over boxes and ranges, both in file order: linear however many there are
        int k = 0;
        for (BmffBoxes.Box box : top) {
            long end = box.end();
            while (k < ranges.size() && ranges.get(k)[1] <= box.start()) {
                k++;
            }
            if (k < ranges.size() && ranges.get(k)[0] <= box.start() && ranges.get(k)[1] >= end) {
                continue;       // the whole box is excluded, its offset too
            }
            if (withOffsets) {
                md.update(ByteBuffer.allocate(8).putLong(box.start()).array());
            }
            long pos = box.start();
            for (int j = k; j < ranges.size() && ranges.get(j)[0] < end; j++) {
                Digests.update(md, file, pos, Math.max(pos, ranges.get(j)[0]));
                pos = Math.max(pos, ranges.get(j)[1]);
            }
            Digests.update(md, file, Math.min(pos, end), end);
        }
        return md.digest();
    }

    /** The ranges sorted and overlapping ones joined, so that they are disjoint and in order. */
    private static List<long[]> merged(List<long[]> ranges) {
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
    }

    /**
     * The boxes at {@code path[depth..]} below {@code level}; {@code null} when finding them would
     * visit more boxes than {@code visits} has left (a hostile tree, or xpaths that match everything).
     */
    private static List<BmffBoxes.Box> find(ByteBuffer f, List<BmffBoxes.Box> level, String[] path, int depth,
                                            int[] visits) {
        List<BmffBoxes.Box> out = new ArrayList<>();
        for (BmffBoxes.Box b : level) {
            if (--visits[0] < 0) {
                return null;
            }
            if (!b.type().equals(path[depth])) {
                continue;
            }
            if (depth == path.length - 1) {
                out.add(b);
            } else {
                // meta is a full box: its children follow a version and flags
                long from = b.payloadStart() + (b.type().equals("meta") ? 4 : 0);
                List<BmffBoxes.Box> below = find(f, BmffBoxes.children(f, from, b.end()), path, depth + 1, visits);
                if (below == null) {
                    return null;
                }
                out.addAll(below);
            }
        }
        return out;
    }

    /** Whether {@code box} meets the exclusion's conditions: length, version, flags and data at offsets. */
    private static boolean matches(ByteBuffer f, BmffBoxes.Box box, JsonNode e) {
        try {
            if (e.path("length").canConvertToLong() && e.path("length").asLong() != box.size()) {
                return false;
            }
            long fullBox = box.payloadStart();
            if (e.path("version").canConvertToInt()
                    && (fullBox >= box.end() || (f.get((int) fullBox) & 0xff) != e.path("version").asInt())) {
                return false;
            }
            if (e.path("flags").isBinary()) {
                byte[] flags = e.path("flags").binaryValue();
                if (fullBox + 4 > box.end() || !StoreLocator.matches(f, (int) fullBox + 1, flags)) {
                    return false;
                }
            }
            for (JsonNode d : e.path("data")) {
                long at = box.start() + d.path("offset").asLong(-1);
                byte[] value = d.path("value").isBinary() ? d.path("value").binaryValue() : null;
                if (value == null || at < box.start() || at + value.length > box.end()
                        || !StoreLocator.matches(f, (int) at, value)) {
                    return false;
                }
            }
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static void addRanges(List<long[]> out, BmffBoxes.Box box, JsonNode subset) {
        if (!subset.isArray() || subset.isEmpty()) {
            out.add(new long[] {box.start(), box.end()});
            return;
        }
        for (JsonNode s : subset) {
            long from = box.start() + Math.max(0, s.path("offset").asLong());
            long length = s.path("length").asLong();
            long to = length <= 0 ? box.end() : Math.min(box.end(), from + length);
            if (from < to) {
                out.add(new long[] {from, to});
            }
        }
    }
}
