package dev.greenlight.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a log's segments in order as one chain, record by record, with a bound on line length (a
 * damaged or hostile file cannot exhaust memory), and stops at the first problem: a record that is
 * not sound, does not follow on, or that the caller's visitor rejects. Used by recovery, by
 * {@code verify} and by readers. Stateless.
 */
final class LogScan {
    /** A record longer than this is damage, not data (submissions are limited to 1 MiB). */
    static final int MAX_RECORD_BYTES = 8 << 20;

    private LogScan() {
    }

    /** Sees each sound record; returns a problem to stop there, or null to go on. */
    interface Visitor {
        String visit(AuditRecord record);
    }

    /** What a scan found. */
    static final class Result {
        List<Path> segments;
        RecordCheck chain = new RecordCheck();
        /** Records read by this scan (fewer than the chain's length when it resumed from a state file). */
        long read;
        /** Where the last checkpoint record this scan read is: segment number (0: none read) and offset. */
        int lastCheckpointSegment;
        long lastCheckpointOffset;
        /** Line number of the last sound record in the segment where the scan stopped (0: none). */
        int goodLines;
        /** The first problem, or null when every record is sound. */
        String problem;
        Path problemFile;
        long problemLine;
        long problemOffset;
        /** The sequence number the bad record should have had. */
        long problemSeq;
        /** The problem is a torn tail: in the last segment, with no sound record after it. */
        boolean tail;
        /** Offset just after the last sound record of the segment where the scan stopped. */
        long goodEnd;
        /** Size of the last segment as read. */
        long lastSegmentSize;

        boolean intact() {
            return problem == null;
        }

        String where() {
            return problemFile + ":" + problemLine + ": record seq " + problemSeq + " (offset " + problemOffset + ")";
        }
    }

    static Result scan(Path base, Visitor visitor) throws IOException {
        Result r = new Result();
        r.segments = Segments.list(base);
        return scan(r, 0, 0, 0, visitor);
    }

    /**
     * As {@link #scan(Path, Visitor)}, but the visitor's records hold only what the checks read
     * ({@link RecordCheck#wholeTree}): seq, type, hash, place, and a review's or checkpoint's member.
     */
    static Result scanChain(Path base, Visitor visitor) throws IOException {
        Result r = new Result();
        r.segments = Segments.list(base);
        r.chain.wholeTree = false;
        return scan(r, 0, 0, 0, visitor);
    }

    /**
     * Reads on from a known place: segment {@code segments.get(segment - 1)} from byte {@code offset}
     * (just after line {@code line}), with the chain as {@code chain} has it there.
     */
    static Result scanFrom(List<Path> segments, int segment, long offset, int line, RecordCheck chain, Visitor visitor)
            throws IOException {
        Result r = new Result();
        r.segments = segments;
        r.chain = chain;
        return scan(r, segment - 1, offset, line, visitor);
    }

    /**
     * Checks one segment ({@code segments.get(index)}) as a chain of its own, from its first record
     * on ({@link RecordCheck#anchored} false for all but the first segment): what {@code verify}
     * runs for each segment in parallel before checking the joints.
     */
    static Result scanSegment(List<Path> segments, int index, String logId, Visitor visitor) throws IOException {
        Result r = new Result();
        r.segments = segments;
        r.chain.wholeTree = false;
        r.chain.anchored = index == 0;
        r.chain.logId = index == 0 ? null : logId;
        return scan(r, index, 0, 0, index + 1, visitor);
    }

    private static Result scan(Result r, int firstSegment, long firstOffset, int firstLine, Visitor visitor)
            throws IOException {
        return scan(r, firstSegment, firstOffset, firstLine, r.segments.size(), visitor);
    }

    private static Result scan(Result r, int firstSegment, long firstOffset, int firstLine, int endSegment, Visitor visitor)
            throws IOException {
        for (int i = firstSegment; i < endSegment; i++) {
            Path file = r.segments.get(i);
            boolean last = i == r.segments.size() - 1;
            long startOffset = i == firstSegment ? firstOffset : 0;
            r.goodEnd = startOffset;
            r.goodLines = i == firstSegment ? firstLine : 0;
            try (InputStream in = Files.newInputStream(file)) {
                // each line is checked where it was read, without a copy
                SegmentLines lines = new SegmentLines(in, MAX_RECORD_BYTES);
                if (startOffset > 0) {
                    in.skipNBytes(startOffset);
                    lines.startAt(startOffset, r.goodLines);
                }
                while (lines.advance()) {
                    String problem = lines.overlong() ? "record longer than " + MAX_RECORD_BYTES + " bytes"
                            : !lines.terminated() ? "incomplete last record (no newline): the write was torn"
                            : r.chain.check(lines.buffer(), lines.start(), lines.length());
                    boolean fromVisitor = false;
                    if (problem == null && visitor != null) {
                        AuditRecord rec = new AuditRecord(r.chain.seq, r.chain.type, r.chain.hash, file,
                                lines.lineNumber(), lines.lineOffset(), r.chain.node);
                        problem = visitor.visit(rec);
                        fromVisitor = problem != null;
                    }
                    if (problem != null) {
                        r.problem = problem;
                        r.problemFile = file;
                        r.problemLine = lines.lineNumber();
                        r.problemOffset = lines.lineOffset();
                        r.problemSeq = fromVisitor ? r.chain.seq : r.chain.seq + 1;
                        r.tail = last && !fromVisitor && nothingSoundAfter(lines);
                        r.lastSegmentSize = last ? Files.size(file) : 0;
                        return r;
                    }
                    if (AuditRecordFormat.CHECKPOINT.equals(r.chain.type)) {
                        r.lastCheckpointSegment = i + 1;
                        r.lastCheckpointOffset = lines.lineOffset();
                    }
                    r.goodEnd = lines.lineOffset() + lines.length() + 1;
                    r.goodLines = lines.lineNumber();
                    r.read++;
                }
            }
            if (last) {
                r.lastSegmentSize = Files.size(file);
            }
        }
        return r;
    }

    /** True when no later line of the segment is a sound record (so what failed is a torn tail). */
    private static boolean nothingSoundAfter(SegmentLines lines) throws IOException {
        byte[] line;
        while ((line = lines.next()) != null) {
            if (!lines.overlong() && lines.terminated() && RecordCheck.selfConsistent(line)) {
                return false;
            }
        }
        return true;
    }
}
