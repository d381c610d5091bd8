package dev.greenlight.plugins.hashmatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact lookup of 256-bit hashes (SHA-256 banks): an open-addressing hash table of entry numbers
 * over {@link BankEntries}, so it costs one {@code int} slot pair per entry on top of the entries.
 *
 * <p>Immutable once built, and so thread-safe. {@link #lookup} never returns {@code null}.
 */
final class ExactHashBank {
    private static final int EMPTY = -1;

    private final BankEntries entries;
    private final int[] slots;
    private final int mask;
    private final int shift;

    ExactHashBank(BankEntries entries) {
        this.entries = entries;
        // A load factor of at most 1/2 keeps linear probe runs short.
        int capacity = Integer.highestOneBit(Math.max(2, entries.size()) * 2 - 1) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
        Arrays.fill(slots, EMPTY);
        for (int e = 0; e < entries.size(); e++) {
            int s = slot(entries.word(e, 0), entries.word(e, 1));
            while (slots[s] != EMPTY) {
                s = (s + 1) & mask;
            }
            slots[s] = e;
        }
    }

    int size() {
        return entries.size();
    }

    /**
     * Every entry whose hash equals {@code query} (one per bank that lists it), in load order: equal
     * hashes share a home slot, and linear probing places each later one further along.
     */
    List<BankMatch> lookup(Hash256 query) {
        List<BankMatch> found = new ArrayList<>(1);
        for (int s = slot(query.word(0), query.word(1)); slots[s] != EMPTY; s = (s + 1) & mask) {
            int e = slots[s];
            if (entries.distance(e, query) == 0) {
                found.add(BankMatch.of(entries, e, 0));
            }
        }
        return found;
    }

    private int slot(long w0, long w1) {
        // SHA-256 words are already uniform; Fibonacci hashing (top bits of a multiply) keeps
        // arbitrary hashes spread too.
        long h = (w0 ^ Long.rotateLeft(w1, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> shift);
    }
}
