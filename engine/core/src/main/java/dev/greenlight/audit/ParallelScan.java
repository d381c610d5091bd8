package dev.greenlight.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code verify}'s reading of a log of several segments on every core: each segment is checked as a
 * chain of its own ({@link LogScan#scanSegment}: hashes, record shapes, sequence and links inside
 * it, checkpoints, signatures), in parallel; then, in order, the joints (each segment's first record
 * follows the previous segment's last: the next {@code seq}, and its {@code prev} is that record's
 * hash) and what spans segments (an unsigned checkpoint after signed ones in an earlier segment).
 * The result is what one sequential scan gives: the first problem in log order, and the counts up to
 * it. Thread-safe (stateless).
 */
final class ParallelScan {
    private ParallelScan() {
    }

    /**
     * @param logId  the first record's hash (which checkpoints name)
     * @param merged receives the counts of the per-segment checks, as one sequential {@link AuditVerifier.Checks} would have them
     */
    static LogScan.Result scan(List<Path> segments, String logId, List<PublicKey> keys, List<VerifyOptions.Saved> saved,
                               AuditVerifier.Checks merged) throws IOException {
        int threads = Math.min(segments.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "greenlight-audit-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<AuditVerifier.Checks> checks = new ArrayList<>();
            List<CompletableFuture<LogScan.Result>> parts = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                AuditVerifier.Checks c = new AuditVerifier.Checks(keys, saved);
                checks.add(c);
                int index = i;
                parts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return LogScan.scanSegment(segments, index, logId, c::visit);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            return join(segments, parts, checks, keys, merged);
        } finally {
            pool.shutdownNow();
        }
    }

    private static LogScan.Result join(List<Path> segments, List<CompletableFuture<LogScan.Result>> parts,
                                       List<AuditVerifier.Checks> checks, List<PublicKey> keys,
                                       AuditVerifier.Checks merged) throws IOException {
        LogScan.Result out = new LogScan.Result();
        out.segments = segments;
        RecordCheck total = out.chain;
        for (int i = 0; i < parts.size(); i++) {
            LogScan.Result r = result(parts.get(i));
            AuditVerifier.Checks c = checks.get(i);
            RecordCheck seg = r.chain;
            boolean hasRecords = seg.seq > 0 || seg.startSeq > 0;
            if (i > 0 && seg.startSeq > 0) {
                String joint = seg.startSeq != total.seq + 1
                        ? "sequence number " + seg.startSeq + " where " + (total.seq + 1)
                        + " was expected (a record was removed, inserted or moved)"
                        : !seg.startPrev.equals(total.prev)
                        ? "\"prev\" does not match the hash of the record before it (seq " + total.seq
                        + "): that record or this one was changed" : null;
                if (joint != null) {
                    return problem(out, segments.get(i), 1, 0, total.seq + 1, joint, false);
                }
            }
            if (!keys.isEmpty() && merged.signed > 0 && c.firstUnsigned != null
                    && (r.intact() || c.firstUnsigned.seq() < r.problemSeq)) {
                AuditRecord u = c.firstUnsigned;
                total.seq = u.seq(); // as a sequential scan stands when its visitor rejects a record
                return problem(out, u.file(), u.line(), u.offset(), u.seq(),
                        "checkpoint is unsigned, after signed ones: it was written without the key (was the log rewritten?)", false);
            }
            merged.signed += c.signed;
            if (c.signed > 0) {
                merged.lastSignedSeq = c.lastSignedSeq;
            }
            if (merged.keyId == null) {
                merged.keyId = c.keyId;
            }
            if (hasRecords) {
                total.decisions += seg.decisions;
                total.reviews += seg.reviews;
                total.appeals += seg.appeals;
                total.fulfilments += seg.fulfilments;
                total.crossLinks += seg.crossLinks;
                total.checkpoints += seg.checkpoints;
                total.seq = seg.seq;
                total.prev = seg.prev;
            }
            if (!r.intact()) {
                long badSeq = hasRecords ? r.problemSeq : total.seq + 1;
                return problem(out, r.problemFile, r.problemLine, r.problemOffset, badSeq, r.problem, r.tail, r);
            }
            if (i == parts.size() - 1) {
                out.lastSegmentSize = r.lastSegmentSize;
                out.goodEnd = r.goodEnd;
                out.goodLines = r.goodLines;
            }
        }
        return out;
    }

    private static LogScan.Result problem(LogScan.Result out, Path file, long line, long offset, long seq, String problem,
                                          boolean tail) {
        out.problem = problem;
        out.problemFile = file;
        out.problemLine = line;
        out.problemOffset = offset;
        out.problemSeq = seq;
        out.tail = tail;
        return out;
    }

    private static LogScan.Result problem(LogScan.Result out, Path file, long line, long offset, long seq, String problem,
                                          boolean tail, LogScan.Result from) {
        out.lastSegmentSize = from.lastSegmentSize;
        out.goodEnd = from.goodEnd;
        return problem(out, file, line, offset, seq, problem, tail);
    }

    private static LogScan.Result result(CompletableFuture<LogScan.Result> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
