package dev.greenlight.audit;

import dev.greenlight.model.Verdict;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;

/**
 * One request to the writer: records to append (one, or a caller's whole batch, which is committed
 * in order and together), an erasure, or the close; and the future its caller waits on.
 * Safe to hand between threads: the entries are filled before the request is submitted, and only
 * {@link Entry#assigned} is written after, by the committer, before the future completes.
 */
final class Pending {
    enum Kind { RECORDS, ERASE, CLOSE }

    /**
     * One record: its content members (already canonical JSON, without the envelope the writer adds:
     * {@code prev}, {@code seq}, {@code type}, {@code v}) and the texts to keep aside.
     */
    static final class Entry {
        final String type;
        final SortedMap<String, byte[]> members;
        final Map<String, String> asides;
        /** For the decision index: the decision's id, submission id and verdict (decision and review records). */
        final String decisionId;
        final String submissionId;
        final Verdict verdict;
        /** The sequence number the writer gave the record (read after the request's future completes). */
        long assigned;

        Entry(String type, SortedMap<String, byte[]> members, Map<String, String> asides, String decisionId,
              String submissionId, Verdict verdict) {
            this.type = type;
            this.members = members;
            this.asides = asides;
            this.decisionId = decisionId;
            this.submissionId = submissionId;
            this.verdict = verdict;
        }
    }

    final Kind kind;
    final List<Entry> entries;
    /** For an erase: the hash whose text to erase. */
    final String eraseHash;
    /**
     * Completes once the request is done: with the last record's sequence number (records), the
     * copies erased (erase), or the last sequence number (close).
     */
    final CompletableFuture<Long> done = new CompletableFuture<>();

    private Pending(Kind kind, List<Entry> entries, String eraseHash) {
        this.kind = kind;
        this.entries = entries;
        this.eraseHash = eraseHash;
    }

    static Pending records(List<Entry> entries) {
        return new Pending(Kind.RECORDS, List.copyOf(entries), null);
    }

    static Pending record(Entry entry) {
        return new Pending(Kind.RECORDS, List.of(entry), null);
    }

    static Pending erase(String hash) {
        return new Pending(Kind.ERASE, List.of(), hash);
    }

    static Pending close() {
        return new Pending(Kind.CLOSE, List.of(), null);
    }

    void fail(Throwable cause) {
        done.completeExceptionally(cause);
    }
}
