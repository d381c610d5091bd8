package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiIndexHashBankTest {

    @Test
    void lookup_randomBankWithPlantedNearDuplicates_equalsBruteForce() {
        Random random = new Random(42);
        BankEntries.Builder builder = BankEntries.builder();
        for (int i = 0; i < 20_000; i++) {
            builder.add(random(random), "bank" + (i % 3), "e" + i);
        }
        List<Hash256> queries = new ArrayList<>();
        for (int q = 0; q < 200; q++) {
            Hash256 query = random(random);
            queries.add(query);
            // Near-duplicates at every distance 0..40 from the query, some clustered in few chunks
            // (the hard case for multi-indexing) and some spread out.
            for (int d = 0; d <= 40; d++) {
                builder.add(flip(query, d, random, q % 2 == 0), "planted", "q" + q + "d" + d);
            }
        }
        BankEntries entries = builder.build();
        MultiIndexHashBank bank = new MultiIndexHashBank(entries);

        int compared = 0;
        for (Hash256 query : queries) {
            for (int threshold : new int[] {0, 1, 15, 16, 31, 32, 40, 47, 48, 63}) {
                List<BankMatch> expected = bruteForce(entries, query, threshold);
                assertThat(bank.lookup(query, threshold)).as("threshold %d", threshold).isEqualTo(expected);
                compared += expected.size();
            }
        }
        // Guards against a vacuous pass: the planted neighbours must actually have been found.
        assertThat(compared).isGreaterThan(200 * 100);
    }

    @Test
    void lookup_resultsAreNearestFirst() {
        Random random = new Random(1);
        Hash256 query = random(random);
        BankEntries entries = BankEntries.builder()
                .add(flip(query, 20, random, false), "b", "far")
                .add(flip(query, 3, random, false), "b", "near")
                .add(query, "b", "same")
                .build();

        assertThat(new MultiIndexHashBank(entries).lookup(query, 31)).extracting(BankMatch::label, BankMatch::distance)
                .containsExactly(tuple("same", 0), tuple("near", 3),
                        tuple("far", 20));
    }

    @Test
    void lookup_emptyBank_findsNothing() {
        assertThat(new MultiIndexHashBank(BankEntries.builder().build()).lookup(random(new Random(2)), 31)).isEmpty();
    }

    @Test
    void lookup_negativeDistance_isRejected() {
        MultiIndexHashBank bank = new MultiIndexHashBank(BankEntries.builder().build());
        assertThatThrownBy(() -> bank.lookup(random(new Random(3)), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    static List<BankMatch> bruteForce(BankEntries entries, Hash256 query, int threshold) {
        List<BankMatch> found = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            int d = entries.hash(e).hammingDistance(query);
            if (d <= threshold) {
                found.add(BankMatch.of(entries, e, d));
            }
        }
        // Stable sort keeps load order among equal distances, as the bank promises.
        found.sort((a, b) -> Integer.compare(a.distance(), b.distance()));
        return found;
    }

    static Hash256 random(Random random) {
        return Hash256.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    /** {@code hash} with exactly {@code bits} distinct bits flipped, optionally all within the first few chunks. */
    static Hash256 flip(Hash256 hash, int bits, Random random, boolean clustered) {
        long[] w = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
        boolean[] flipped = new boolean[256];
        int span = clustered ? Math.max(64, bits * 2) : 256;
        for (int done = 0; done < bits; ) {
            int b = random.nextInt(Math.min(span, 256));
            if (!flipped[b]) {
                flipped[b] = true;
                w[b >>> 6] ^= 1L << (b & 63);
                done++;
            }
        }
        return Hash256.ofWords(w[0], w[1], w[2], w[3]);
    }
}
