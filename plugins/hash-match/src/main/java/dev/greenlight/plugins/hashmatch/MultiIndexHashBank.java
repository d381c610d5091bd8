package dev.greenlight.plugins.hashmatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Near-neighbour lookup of 256-bit hashes by Hamming distance (PDQ banks), by multi-index hashing
 * (Norouzi, Punjani and Fleet, 2012; the PDQ reference's {@code MIH256} does the same).
 *
 * <p>The 256 bits are cut into 16 chunks of 16 bits, and each chunk value has a posting list of the
 * entries that have it. By the pigeonhole principle, a hash within distance {@code t} of the query
 * differs in at most {@code r = t / 16} bits in at least one chunk (if every chunk differed in
 * {@code r + 1} or more, the total would be at least {@code 16 (r + 1) > t}). So a lookup probes,
 * in each chunk, the query's value and every value within {@code r} bits of it (17 values per chunk
 * at the usual threshold of 31), and checks the full distance of each entry found. With a million
 * random entries a posting list holds about 15, so a lookup checks about 4,000 entries instead of a
 * million. Beyond {@code r = 2} (thresholds of 48 and up) probing costs more than it saves and a
 * lookup scans every entry.
 *
 * <p>Memory: the entries plus 16 {@code int}s per entry and 16 offset tables of 64 Ki {@code int}s
 * (about 68 MB per million entries besides the entries).
 *
 * <p>Immutable once built, and so thread-safe. {@link #lookup} never returns {@code null}.
 */
final class MultiIndexHashBank {
    static final int CHUNKS = 16;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_VALUES = 1 << CHUNK_BITS;
    private static final int MAX_PROBE_RADIUS = 2;
    // XOR masks of every 16-bit value within MAX_PROBE_RADIUS bits of 0, nearest first.
    private static final int[] NEIGHBOUR_MASKS = neighbourMasks();
    private static final int[] MASKS_WITHIN = {1, 1 + CHUNK_BITS, 1 + CHUNK_BITS + CHUNK_BITS * (CHUNK_BITS - 1) / 2};

    private final BankEntries entries;
    // Posting lists in compressed form: for chunk c, the entries with value v are
    // postings[c][offsets[c][v] .. offsets[c][v + 1]).
    private final int[][] offsets = new int[CHUNKS][];
    private final int[][] postings = new int[CHUNKS][];

    MultiIndexHashBank(BankEntries entries) {
        this.entries = entries;
        int n = entries.size();
        for (int c = 0; c < CHUNKS; c++) {
            // Counting sort of the entries by this chunk's value.
            int[] start = new int[CHUNK_VALUES + 1];
            for (int e = 0; e < n; e++) {
                start[chunk(entries, e, c) + 1]++;
            }
            for (int v = 0; v < CHUNK_VALUES; v++) {
                start[v + 1] += start[v];
            }
            int[] next = start.clone();
            int[] list = new int[n];
            for (int e = 0; e < n; e++) {
                list[next[chunk(entries, e, c)]++] = e;
            }
            offsets[c] = start;
            postings[c] = list;
        }
    }

    int size() {
        return entries.size();
    }

    /**
     * Every entry within {@code maxDistance} bits of {@code query}, nearest first (ties in load
     * order).
     *
     * @throws IllegalArgumentException when {@code maxDistance} is outside 0–256
     */
    List<BankMatch> lookup(Hash256 query, int maxDistance) {
        if (maxDistance < 0 || maxDistance > Hash256.BITS) {
            throw new IllegalArgumentException("maxDistance must be 0-256, was " + maxDistance);
        }
        int radius = maxDistance / CHUNKS;
        List<int[]> hits = radius > MAX_PROBE_RADIUS ? scan(query, maxDistance) : probe(query, maxDistance, radius);
        hits.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        List<BankMatch> found = new ArrayList<>(hits.size());
        for (int[] hit : hits) {
            found.add(BankMatch.of(entries, hit[0], hit[1]));
        }
        return found;
    }

    private List<int[]> probe(Hash256 query, int maxDistance, int radius) {
        List<int[]> hits = new ArrayList<>();
        int[] queryChunks = new int[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            queryChunks[c] = chunk(query, c);
        }
        int probes = MASKS_WITHIN[radius];
        for (int c = 0; c < CHUNKS; c++) {
            int[] start = offsets[c];
            int[] list = postings[c];
            for (int p = 0; p < probes; p++) {
                int value = queryChunks[c] ^ NEIGHBOUR_MASKS[p];
                for (int i = start[value], end = start[value + 1]; i < end; i++) {
                    int e = list[i];
                    int d = entries.distance(e, query);
                    // Within one chunk an entry sits in one list, so it is seen once per chunk; it
                    // is reported from the first chunk where it is within the radius.
                    if (d <= maxDistance && !seenInEarlierChunk(e, queryChunks, c, radius)) {
                        hits.add(new int[] {e, d});
                    }
                }
            }
        }
        return hits;
    }

    private boolean seenInEarlierChunk(int entry, int[] queryChunks, int chunk, int radius) {
        for (int c = 0; c < chunk; c++) {
            if (Integer.bitCount(chunk(entries, entry, c) ^ queryChunks[c]) <= radius) {
                return true;
            }
        }
        return false;
    }

    private List<int[]> scan(Hash256 query, int maxDistance) {
        List<int[]> hits = new ArrayList<>();
        for (int e = 0, n = entries.size(); e < n; e++) {
            int d = entries.distance(e, query);
            if (d <= maxDistance) {
                hits.add(new int[] {e, d});
            }
        }
        return hits;
    }

    private static int chunk(BankEntries entries, int entry, int c) {
        return (int) (entries.word(entry, c >>> 2) >>> ((c & 3) * CHUNK_BITS)) & (CHUNK_VALUES - 1);
    }

    private static int chunk(Hash256 hash, int c) {
        return (int) (hash.word(c >>> 2) >>> ((c & 3) * CHUNK_BITS)) & (CHUNK_VALUES - 1);
    }

    private static int[] neighbourMasks() {
        int[] masks = new int[1 + CHUNK_BITS + CHUNK_BITS * (CHUNK_BITS - 1) / 2];
        int k = 1;
        for (int i = 0; i < CHUNK_BITS; i++) {
            masks[k++] = 1 << i;
        }
        for (int i = 0; i < CHUNK_BITS; i++) {
            for (int j = i + 1; j < CHUNK_BITS; j++) {
                masks[k++] = (1 << i) | (1 << j);
            }
        }
        return masks;
    }
}
