package dev.greenlight.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies one log's chain from its record lines as they come back from elsewhere (a database, a
 * topic), in sequence order, with exactly the per-record checks of {@link AuditVerifier}: each
 * line's hash recomputed from its bytes, {@code seq} and {@code prev} following on, checkpoints
 * consistent with the chain and, with keys, signed; saved checkpoints (of this log) matched. Stops
 * at the first problem. Not thread-safe: one verifier per chain, fed by one thread.
 *
 * <pre>{@code
 * ChainVerifier v = new ChainVerifier(options);
 * for (byte[] line : linesInSeqOrder) { if (!v.accept(line)) break; }
 * VerifyResult r = v.finish();
 * }</pre>
 */
public final class ChainVerifier {
    private final VerifyOptions options;
    private final RecordCheck chain = new RecordCheck();
    private final AuditVerifier.Checks checks;
    private String problem;
    private long problemSeq;
    private boolean finished;

    /** Checks against {@code options}' keys and saved checkpoints; its checkpoint-file flag is not used (there is no file). */
    public ChainVerifier(VerifyOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.checks = new AuditVerifier.Checks(options.keys(), options.checkpoints());
    }

    /** The next record's line (without the newline); false, and {@link #problem()} set, when it is not sound or does not follow on. */
    public boolean accept(byte[] line) {
        if (problem != null || finished) {
            throw new IllegalStateException("the chain already " + (finished ? "finished" : "failed: " + problem));
        }
        String p = chain.check(line);
        if (p == null) {
            AuditRecord rec = new AuditRecord(chain.seq, chain.type, chain.hash, null, chain.seq, 0, chain.node);
            p = checks.visit(rec);
            if (p != null) {
                problemSeq = chain.seq;
            }
        } else {
            problemSeq = chain.seq + 1;
        }
        problem = p;
        return p == null;
    }

    /** The first problem found, or null. */
    public String problem() {
        return problem;
    }

    /** The sequence number of the record the problem is at (or the one that should have come). */
    public long problemSeq() {
        return problemSeq;
    }

    /** The sequence number of the last record accepted (0 before the first). */
    public long lastSeq() {
        return chain.seq;
    }

    /** The hash of the last record accepted ({@link AuditRecordFormat#GENESIS} before the first). */
    public String lastHash() {
        return chain.prev;
    }

    /** The log's id (the hash of record 1), null before it. */
    public String logId() {
        return chain.logId;
    }

    /**
     * The result once every line was given: the end-of-chain checks too (a saved checkpoint beyond
     * the end means records were cut off; signed checkpoints need a key unless chain-only; strict).
     * {@code file} is null; {@code badLine} is the record's sequence number.
     */
    public VerifyResult finish() {
        finished = true;
        RecordCheck c = chain;
        List<String> notes = new ArrayList<>();
        String p = problem;
        long at = problemSeq;
        if (p == null) {
            for (VerifyOptions.Saved s : options.checkpoints()) {
                if (s.checkpoint().seq() > c.seq) {
                    p = "the log ends at seq " + c.seq + " but checkpoint " + s.source() + " covers seq "
                            + s.checkpoint().seq() + ": records were removed from its end (truncated)";
                    at = c.seq + 1;
                    break;
                }
            }
        }
        if (p == null && !options.keys().isEmpty() && checks.signed == 0 && c.seq > 0) {
            p = "no checkpoint signed by the given key: the log cannot be authenticated (a rewrite without the key drops them)";
            at = c.seq + 1;
        }
        if (p == null) {
            p = AuditVerifier.authenticity(options, checks, options.checkpoints(), c.seq);
            at = c.seq + 1;
        }
        if (p != null) {
            return new VerifyResult(false, c.decisions + c.reviews, c.decisions, c.reviews, c.checkpoints, checks.signed,
                    c.seq, c.prev, 0, null, at, 0, at, p, false, notes);
        }
        if (options.keys().isEmpty()) {
            notes.add(c.checkpoints == 0 ? "no checkpoints: NOT authenticated (the chain alone cannot tell a rewrite)"
                    : "checkpoint signatures not checked: NOT authenticated (give the public key to check them)");
        } else {
            long uncovered = c.seq - checks.lastSignedSeq;
            notes.add("signatures good; " + uncovered + (uncovered == 1 ? " record" : " records")
                    + " after the last signed checkpoint (seq " + checks.lastSignedSeq + ") not yet covered by a signature");
        }
        if (c.crossLinks > 0) {
            notes.add(RecordCheck.crossLinkNote(c.crossLinks));
        }
        return new VerifyResult(true, c.decisions + c.reviews, c.decisions, c.reviews, c.checkpoints, checks.signed,
                c.seq, c.prev, 0, null, 0, 0, 0, null, false, notes);
    }
}
