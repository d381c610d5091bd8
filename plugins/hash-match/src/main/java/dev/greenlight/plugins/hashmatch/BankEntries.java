package dev.greenlight.plugins.hashmatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entries of all banks of one algorithm, stored in columns (four {@code long}s of hash, a bank
 * number and a label per entry) so that a million entries cost about 40 MB rather than the ~150 MB
 * of one object per entry. Entry numbers are positions in load order.
 *
 * <p>Immutable once built, and so thread-safe. Labels are empty strings when absent, never
 * {@code null}.
 */
final class BankEntries {
    private final long[] words;
    private final int[] banks;
    private final String[] labels;
    private final List<String> bankNames;

    private BankEntries(long[] words, int[] banks, String[] labels, List<String> bankNames) {
        this.words = words;
        this.banks = banks;
        this.labels = labels;
        this.bankNames = bankNames;
    }

    static Builder builder() {
        return new Builder();
    }

    int size() {
        return banks.length;
    }

    /** Word {@code w} (0–3) of entry {@code entry}'s hash: the hot path reads these without allocating. */
    long word(int entry, int w) {
        return words[entry * 4 + w];
    }

    /** Hamming distance between entry {@code entry}'s hash and {@code q}. */
    int distance(int entry, Hash256 q) {
        int at = entry * 4;
        return Long.bitCount(words[at] ^ q.word(0)) + Long.bitCount(words[at + 1] ^ q.word(1))
                + Long.bitCount(words[at + 2] ^ q.word(2)) + Long.bitCount(words[at + 3] ^ q.word(3));
    }

    Hash256 hash(int entry) {
        int at = entry * 4;
        return Hash256.ofWords(words[at], words[at + 1], words[at + 2], words[at + 3]);
    }

    String bank(int entry) {
        return bankNames.get(banks[entry]);
    }

    String label(int entry) {
        return labels[entry];
    }

    /** The distinct bank names, in order of first appearance. */
    List<String> bankNames() {
        return bankNames;
    }

    /** Collects entries; not thread-safe. */
    static final class Builder {
        private long[] words = new long[64];
        private int[] banks = new int[16];
        private String[] labels = new String[16];
        private int size;
        private final Map<String, Integer> bankNumbers = new HashMap<>();
        private final List<String> bankNames = new ArrayList<>();
        private final Map<String, String> labelPool = new HashMap<>();

        Builder add(Hash256 hash, String bank, String label) {
            Objects.requireNonNull(bank, "bank");
            if (size == banks.length) {
                int capacity = size * 2;
                words = Arrays.copyOf(words, capacity * 4);
                banks = Arrays.copyOf(banks, capacity);
                labels = Arrays.copyOf(labels, capacity);
            }
            for (int w = 0; w < 4; w++) {
                words[size * 4 + w] = hash.word(w);
            }
            banks[size] = bankNumbers.computeIfAbsent(bank, b -> {
                bankNames.add(b);
                return bankNames.size() - 1;
            });
            // Big banks repeat a few labels ("known-spam-campaign-7") many times: keep one copy.
            String l = label == null ? "" : label;
            labels[size] = labelPool.computeIfAbsent(l, k -> k);
            size++;
            return this;
        }

        int size() {
            return size;
        }

        BankEntries build() {
            return new BankEntries(Arrays.copyOf(words, size * 4), Arrays.copyOf(banks, size),
                    Arrays.copyOf(labels, size), List.copyOf(bankNames));
        }
    }
}
