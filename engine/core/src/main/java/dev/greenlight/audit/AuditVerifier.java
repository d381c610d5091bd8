package dev.greenlight.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a log: every record sound and in its place in the chain (across segments); every
 * checkpoint consistent with the chain, and signed by a given key when keys are given; and the log
 * consistent with its checkpoint file and with any checkpoint saved elsewhere (same hash at the
 * checkpoint's sequence number, not shorter). Stops at the first problem and names it. Reads
 * segment by segment with a bound on line length, so a damaged or hostile log cannot exhaust
 * memory. Never writes. Thread-safe (stateless).
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /** Chain and checkpoint file ({@link VerifyOptions#DEFAULT}). */
    public static VerifyResult verify(Path base) throws IOException {
        return verify(base, VerifyOptions.DEFAULT);
    }

    public static VerifyResult verify(Path base, VerifyOptions options) throws IOException {
        List<VerifyOptions.Saved> saved = new ArrayList<>(options.checkpoints());
        List<String> notes = new ArrayList<>();
        Path cpFile = Segments.checkpointFile(base);
        if (options.checkpointFile() && Files.exists(cpFile)) {
            try {
                saved.add(new VerifyOptions.Saved(Checkpoint.read(cpFile), cpFile.toString()));
            } catch (IOException e) {
                return failure(base, "the checkpoint file is unreadable: " + e.getMessage(), notes);
            }
        }
        for (VerifyOptions.Saved s : saved) {
            if (!options.keys().isEmpty() && s.checkpoint().signed() && key(options.keys(), s.checkpoint()) == null) {
                return failure(base, "checkpoint " + s.source() + " is signed by key " + s.checkpoint().keyId()
                        + ", which is not among the given keys", notes);
            }
            if (!options.keys().isEmpty() && s.checkpoint().signed() && !s.checkpoint().verify(key(options.keys(), s.checkpoint()))) {
                return failure(base, "checkpoint " + s.source() + ": its signature does not verify (it was altered)", notes);
            }
        }
        Checks checks = new Checks(options.keys(), saved);
        LogScan.Result scan;
        try {
            List<Path> segments = Segments.list(base);
            String logId = segments.size() > 1 ? firstHash(segments.get(0)) : null;
            if (logId != null && Runtime.getRuntime().availableProcessors() > 1) {
                scan = ParallelScan.scan(segments, logId, options.keys(), saved, checks);
            } else {
                scan = LogScan.scanChain(base, checks::visit);
            }
        } catch (AuditException e) {
            return failure(base, e.getMessage(), notes); // a missing segment
        }
        RecordCheck c = scan.chain;
        if (!scan.intact()) {
            return new VerifyResult(false, c.decisions + c.reviews + c.appeals + c.fulfilments, c.decisions, c.reviews, c.checkpoints, checks.signed,
                    c.seq, c.prev, scan.segments.size(), scan.problemFile, scan.problemLine, scan.problemOffset,
                    scan.problemSeq, scan.problem + (scan.tail ? "; nothing sound follows, so opening the log for writing cuts it off" : ""),
                    scan.tail, notes);
        }
        String problem = null;
        for (VerifyOptions.Saved s : saved) {
            if (s.checkpoint().seq() > c.seq) {
                problem = "the log ends at seq " + c.seq + " but checkpoint " + s.source() + " covers seq "
                        + s.checkpoint().seq() + ": records were removed from its end (truncated)";
                break;
            }
        }
        if (problem == null && !options.keys().isEmpty() && checks.signed == 0 && c.seq > 0) {
            problem = "no checkpoint signed by the given key: the log cannot be authenticated (a rewrite without the key drops them)";
        }
        if (problem == null) {
            problem = authenticity(options, checks, saved, c.seq);
        }
        Path last = scan.segments.isEmpty() ? base : scan.segments.get(scan.segments.size() - 1);
        if (problem != null) {
            return new VerifyResult(false, c.decisions + c.reviews + c.appeals + c.fulfilments, c.decisions, c.reviews, c.checkpoints, checks.signed, c.seq,
                    c.prev, scan.segments.size(), last, 0, scan.lastSegmentSize, c.seq + 1, problem, false, notes);
        }
        if (options.keys().isEmpty()) {
            notes.add(c.checkpoints == 0 ? "no checkpoints: NOT authenticated (the chain alone cannot tell a rewrite; use --strict with --key)"
                    : "checkpoint signatures not checked: NOT authenticated (give the public key to check them)");
        } else {
            long uncovered = c.seq - checks.lastSignedSeq;
            notes.add("signatures good; " + uncovered + (uncovered == 1 ? " record" : " records")
                    + " after the last signed checkpoint (seq " + checks.lastSignedSeq + ") not yet covered by a signature");
        }
        for (VerifyOptions.Saved s : saved) {
            notes.add("consistent with checkpoint " + s.source() + " (seq " + s.checkpoint().seq() + ")");
        }
        if (c.fulfilments > 0) {
            notes.add(c.fulfilments + (c.fulfilments == 1 ? " fulfilment record" : " fulfilment records")
                    + " of conditions among the records");
        }
        if (c.crossLinks > 0) {
            notes.add(RecordCheck.crossLinkNote(c.crossLinks));
        }
        return new VerifyResult(true, c.decisions + c.reviews + c.appeals + c.fulfilments, c.decisions, c.reviews, c.checkpoints, checks.signed, c.seq,
                c.prev, scan.segments.size(), null, 0, 0, 0, null, false, notes);
    }

    /**
     * Without a key, checkpoints that say they are signed prove nothing: whoever rewrote the log
     * could recompute the chain and the checkpoint file and copy the key id. So unless told to
     * check the chain alone, such a log is not reported intact. In strict mode, a key is needed, and
     * no record may follow the last signed checkpoint (a log closed cleanly ends with one; records
     * after it were appended without the key, or the log was not closed).
     */
    static String authenticity(VerifyOptions options, Checks checks, List<VerifyOptions.Saved> saved, long lastSeq) {
        String keyId = checks.keyId;
        for (VerifyOptions.Saved s : saved) {
            if (keyId == null && s.checkpoint().signed()) {
                keyId = s.checkpoint().keyId();
            }
        }
        if (options.keys().isEmpty() && options.strict()) {
            return "strict verification needs the public key (--key): without it nothing in the log is authenticated";
        }
        if (options.keys().isEmpty() && keyId != null && !options.chainOnly()) {
            return "the checkpoints say they are signed (key " + keyId + ") but no public key was given to check them: "
                    + "a rewrite that recomputed the chain and the checkpoint file would look the same; give --key "
                    + "(or --chain-only to check the chain alone, unauthenticated)";
        }
        if (options.strict() && lastSeq > checks.lastSignedSeq) {
            long n = lastSeq - checks.lastSignedSeq;
            return n + (n == 1 ? " record follows" : " records follow") + " the last signed checkpoint (seq "
                    + checks.lastSignedSeq + "): a log closed cleanly ends with one, so these were added without the key "
                    + "(or the log was not closed: open and close it once, then verify again)";
        }
        return null;
    }

    /** The stated hash of the segment's first record when it is sound on its own (else the sequential scan names the problem). */
    private static String firstHash(Path segment) throws IOException {
        byte[] first = RecordAt.firstLine(segment);
        return first != null && RecordCheck.selfConsistent(first) ? RecordCheck.statedHash(first) : null;
    }

    private static VerifyResult failure(Path base, String problem, List<String> notes) {
        return new VerifyResult(false, 0, 0, 0, 0, 0, 0, AuditRecordFormat.GENESIS, 0, base, 0, 0, 0, problem, false, notes);
    }

    private static PublicKey key(List<PublicKey> keys, Checkpoint cp) {
        for (PublicKey k : keys) {
            if (AuditKeys.keyId(k).equals(cp.keyId())) {
                return k;
            }
        }
        return null;
    }

    /** The checks beyond the chain, record by record. */
    static final class Checks {
        private final List<PublicKey> keys;
        private final List<VerifyOptions.Saved> saved;
        long signed;
        long lastSignedSeq;
        /** The key id of the first signed checkpoint, null when none is. */
        String keyId;
        /** The first unsigned checkpoint seen while no signed one had been (with keys given), or null. */
        AuditRecord firstUnsigned;

        Checks(List<PublicKey> keys, List<VerifyOptions.Saved> saved) {
            this.keys = keys;
            this.saved = saved;
        }

        String visit(AuditRecord rec) {
            for (VerifyOptions.Saved s : saved) {
                Checkpoint cp = s.checkpoint();
                if (rec.seq() == 1 && !cp.log().equals(rec.hash())) {
                    return "record 1 is not the first record of the log that checkpoint " + s.source()
                            + " was made for: the log was rewritten from its start (or it is another log)";
                }
                if (rec.seq() == cp.seq() && !cp.head().equals(rec.hash())) {
                    return "record differs from checkpoint " + s.source() + " (which states hash " + cp.head()
                            + "): the log was rewritten at or before this record";
                }
            }
            if (!rec.isCheckpoint()) {
                return null;
            }
            Checkpoint cp = rec.checkpoint();
            if (cp.signed()) {
                signed++;
                lastSignedSeq = rec.seq();
                if (keyId == null) {
                    keyId = cp.keyId();
                }
            }
            if (keys.isEmpty()) {
                return null;
            }
            if (!cp.signed()) {
                if (signed == 0 && firstUnsigned == null) {
                    firstUnsigned = rec;
                }
                return signed > 0 ? "checkpoint is unsigned, after signed ones: it was written without the key (was the log rewritten?)"
                        : null;
            }
            PublicKey k = key(keys, cp);
            if (k == null) {
                return "checkpoint is signed by key " + cp.keyId() + ", which is not among the given keys";
            }
            if (!cp.verify(k)) {
                return "checkpoint signature does not verify: the checkpoint or the chain before it was changed";
            }
            return null;
        }
    }
}
