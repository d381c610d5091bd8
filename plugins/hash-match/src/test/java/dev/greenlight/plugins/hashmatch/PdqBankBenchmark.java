package dev.greenlight.plugins.hashmatch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Measures PDQ bank lookups at 10k, 100k and 1M random hashes (with planted near-duplicates, so
 * that hits are exercised) and PDQ hashing time per reference image. A plain program, not a test:
 * timings on a shared machine make poor assertions.
 *
 * <p>Run after {@code mvn -o -q -f plugins/hash-match/pom.xml test-compile}, from
 * {@code plugins/hash-match}: {@code java -Xmx2g -cp target/classes:target/test-classes
 * dev.greenlight.plugins.hashmatch.PdqBankBenchmark}
 */
public final class PdqBankBenchmark {
    private static final int THRESHOLD = 31;
    private static final int QUERIES = 2_000;

    private PdqBankBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        System.out.printf("PDQ bank lookups, threshold %d, %d queries per size (half random, half near-duplicates of entries)%n",
                THRESHOLD, QUERIES);
        for (int size : new int[] {10_000, 100_000, 1_000_000}) {
            lookups(size);
        }
        hashing();
    }

    private static void lookups(int size) {
        Random random = new Random(size);
        BankEntries.Builder builder = BankEntries.builder();
        List<Hash256> stored = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Hash256 h = MultiIndexHashBankTest.random(random);
            stored.add(h);
            builder.add(h, "bench", "");
        }
        long t0 = System.nanoTime();
        BankEntries entries = builder.build();
        MultiIndexHashBank bank = new MultiIndexHashBank(entries);
        long buildMillis = (System.nanoTime() - t0) / 1_000_000;

        List<Hash256> queries = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            queries.add(q % 2 == 0 ? MultiIndexHashBankTest.random(random)
                    // Near-duplicate of a stored hash at distance 0..40: hits up to 31, misses beyond.
                    : MultiIndexHashBankTest.flip(stored.get(random.nextInt(size)), q % 41, random, false));
        }
        for (Hash256 q : queries) { // warm-up: let the JIT compile the lookup
            bank.lookup(q, THRESHOLD);
        }
        long hits = 0;
        long start = System.nanoTime();
        for (Hash256 q : queries) {
            hits += bank.lookup(q, THRESHOLD).size();
        }
        double microsPerLookup = (System.nanoTime() - start) / 1_000.0 / queries.size();

        // The same queries by linear scan, for comparison (and as a check on the hit count).
        int scanQueries = Math.min(queries.size(), size >= 1_000_000 ? 200 : 2_000);
        long scanHits = 0;
        long scanStart = System.nanoTime();
        for (int i = 0; i < scanQueries; i++) {
            scanHits += bank.lookup(queries.get(i), 48).stream().filter(m -> m.distance() <= THRESHOLD).count();
        }
        double scanMicros = (System.nanoTime() - scanStart) / 1_000.0 / scanQueries;
        long indexHitsSubset = queries.subList(0, scanQueries).stream().mapToLong(q -> bank.lookup(q, THRESHOLD).size()).sum();

        System.out.printf("  %,9d hashes: %8.1f us/lookup multi-index, %8.1f us/lookup linear scan; %d hits (scan agrees: %b); build %d ms%n",
                size, microsPerLookup, scanMicros, hits, scanHits == indexHitsSubset, buildMillis);
    }

    private static void hashing() throws IOException {
        PdqHasher hasher = new PdqHasher();
        System.out.println("PDQ hashing per image (decode with ImageIO, then hash; mean of 10 after 3 warm-ups)");
        for (Fixtures.Expected row : Fixtures.expected()) {
            byte[] bytes;
            try (InputStream in = PdqBankBenchmark.class.getResourceAsStream("/pdq/" + row.file())) {
                bytes = in.readAllBytes();
            }
            BufferedImage image = null;
            long decode = 0;
            long hash = 0;
            for (int i = 0; i < 13; i++) {
                long t0 = System.nanoTime();
                image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
                long t1 = System.nanoTime();
                hasher.hash(image);
                long t2 = System.nanoTime();
                if (i >= 3) {
                    decode += t1 - t0;
                    hash += t2 - t1;
                }
            }
            System.out.printf("  %-42s %5d x %-5d decode %6.2f ms, hash %6.2f ms%n", row.file(), image.getWidth(), image.getHeight(),
                    decode / 10 / 1e6, hash / 10 / 1e6);
        }
    }
}
