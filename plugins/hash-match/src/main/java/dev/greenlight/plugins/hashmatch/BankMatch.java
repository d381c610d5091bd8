package dev.greenlight.plugins.hashmatch;

import java.util.Objects;

/**
 * One bank entry that matched a query. Immutable.
 *
 * @param bank     the bank's name (never {@code null})
 * @param hash     the entry's hash (never {@code null})
 * @param label    the entry's label, empty when it has none (never {@code null})
 * @param distance Hamming distance from the query (0 for exact matches)
 */
record BankMatch(String bank, Hash256 hash, String label, int distance) {
    BankMatch {
        Objects.requireNonNull(bank, "bank");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(label, "label");
    }

    static BankMatch of(BankEntries entries, int entry, int distance) {
        return new BankMatch(entries.bank(entry), entries.hash(entry), entries.label(entry), distance);
    }
}
