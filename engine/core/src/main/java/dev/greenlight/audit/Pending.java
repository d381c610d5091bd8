package dev.greenlight.audit;

import dev.greenlight.model.Verdict;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;

/**
 * One request to the writer: a record's content members (already canonical JSON, without the
 * envelope the writer adds: {@code prev}, {@code seq}, {@code type}, {@code v}), the texts to keep
 * aside, and the future its caller waits on for the sequence number once the record is durable.
 */
final class Pending {
    enum Kind { RECORD, ERASE, CLOSE }

    final Kind kind;
    final String type;
    final SortedMap<String, byte[]> members;
    final Map<String, String> asides;
    /** For the decision index: the decision's id, submission id and verdict (decision and review records). */
    final String decisionId;
    final String submissionId;
    final Verdict verdict;
    /** For an erase: the hash whose text to erase. */
    final String eraseHash;
    final CompletableFuture<Long> done = new CompletableFuture<>();
    /** The sequence number the writer gave the record (writer thread; read after {@link #done} completes). */
    long assigned;

    private Pending(Kind kind, String type, SortedMap<String, byte[]> members, Map<String, String> asides,
                    String decisionId, String submissionId, Verdict verdict, String eraseHash) {
        this.kind = kind;
        this.type = type;
        this.members = members;
        this.asides = asides;
        this.decisionId = decisionId;
        this.submissionId = submissionId;
        this.verdict = verdict;
        this.eraseHash = eraseHash;
    }

    static Pending record(String type, SortedMap<String, byte[]> members, Map<String, String> asides, String decisionId,
                          String submissionId, Verdict verdict) {
        return new Pending(Kind.RECORD, type, members, asides, decisionId, submissionId, verdict, null);
    }

    static Pending erase(String hash) {
        return new Pending(Kind.ERASE, null, null, Map.of(), null, null, null, hash);
    }

    static Pending close() {
        return new Pending(Kind.CLOSE, null, null, Map.of(), null, null, null, null);
    }
}
