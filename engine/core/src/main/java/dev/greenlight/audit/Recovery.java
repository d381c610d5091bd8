package dev.greenlight.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a log for writing: read it all, decide whether it can be continued, and repair what a
 * crash may leave — and nothing else.
 * <ul>
 *   <li>A torn tail (an incomplete, zero-filled or garbled end of the last segment with no sound
 *       record after it: a write that never completed, so never acknowledged) is copied aside to
 *       {@code SEGMENT.torn-OFFSET} and cut off, with a warning.</li>
 *   <li>A bad record anywhere else (sound records after it, or in an earlier segment), a missing
 *       segment, or a log shorter than its checkpoint file is damage: opening is refused with the
 *       file, offset and sequence number, and nothing is changed.</li>
 * </ul>
 * Runs once per open, before the log is shared. Thread-safe (stateless).
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger("greenlight.audit");

    private Recovery() {
    }

    /**
     * What recovery leaves for the writer.
     *
     * @param state the state file, when it matched the chain and opening resumed from it; else null
     */
    record State(LogScan.Result scan, RecoveryReport report, boolean signedLog, LogState state) {
    }

    static State recover(AuditConfig config) throws IOException {
        Path base = config.file;
        Path cpFile = Segments.checkpointFile(base);
        Checkpoint saved = null;
        if (Files.exists(cpFile)) {
            try {
                saved = Checkpoint.read(cpFile);
            } catch (IOException e) {
                throw new AuditException("audit log " + base + ": cannot read its checkpoint file: " + e.getMessage()
                        + " (refusing to start; inspect the file, or move it away to start without it)", e);
            }
        }
        List<Path> segments = Segments.list(base);
        LogState resume = resumable(base, segments, saved);
        Checkpoint want = saved;
        String[] hashAtSaved = new String[1];
        boolean[] signed = new boolean[1];
        LogScan.Visitor visitor = rec -> {
            if (want != null && rec.seq() == want.seq()) {
                hashAtSaved[0] = rec.hash();
            }
            if (rec.isCheckpoint() && rec.checkpoint().signed()) {
                signed[0] = true;
            }
            return null;
        };
        LogScan.Result scan;
        if (resume != null) {
            signed[0] = resume.signed();
            if (saved != null && saved.seq() == resume.seq()) {
                hashAtSaved[0] = resume.head();
            } else if (saved != null && saved.seq() < resume.seq()) {
                hashAtSaved[0] = saved.head(); // its checkpoint record, read at open, states it (LogState.confirms)
            }
            RecordCheck chain = RecordCheck.resumedAt(resume.logId(), resume.seq(), resume.head(), resume.sinceCheckpoint());
            chain.wholeTree = false;
            scan = LogScan.scanFrom(segments, resume.segment(), resume.offset(), resume.line(), chain, visitor);
        } else {
            scan = LogScan.scanChain(base, visitor);
        }
        if (!scan.intact() && !scan.tail) {
            throw new AuditException("audit log is damaged, refusing to start: " + scan.where() + ": " + scan.problem
                    + " (" + scan.chain.seq + " records before it are intact; run 'greenlight audit verify " + base + "')");
        }
        if (saved != null) {
            checkAgainst(saved, cpFile, scan, hashAtSaved[0]);
        }
        RecoveryReport report;
        if (scan.tail) {
            Path kept = cutTail(config, scan);
            report = new RecoveryReport(scan.chain.seq, scan.chain.seq, scan.segments.size(), true, scan.problemFile,
                    scan.problemOffset, scan.lastSegmentSize - scan.problemOffset, kept, scan.problem, scan.read);
            LOG.warn("{}", report.describe());
        } else {
            report = RecoveryReport.clean(scan.chain.seq, scan.chain.seq, Math.max(1, scan.segments.size()), scan.read);
            LOG.debug("{}", report.describe());
        }
        long sideCut = ErasableText.cutTornTail(config.files, Segments.erasableFile(base));
        if (sideCut > 0) {
            LOG.warn("audit log {}: cut a torn last line of {} bytes off {}", base, sideCut, Segments.erasableFile(base));
        }
        return new State(scan, report, signed[0], resume);
    }

    /**
     * The state file when opening can resume from it: it parses, the record it points at is there
     * with its sequence number and hash, and when the checkpoint file is before its place, the
     * checkpoint record it points at states the same checkpoint.
     */
    private static LogState resumable(Path base, List<Path> segments, Checkpoint saved) {
        LogState st = LogState.read(base);
        if (st == null) {
            return null;
        }
        if (saved != null && saved.seq() < st.seq() && !st.confirms(saved, segments) || !st.matches(base, segments)) {
            LOG.info("audit log {}: its state file does not match the log; reading the whole log (the file is rewritten)", base);
            return null;
        }
        return st;
    }

    private static void checkAgainst(Checkpoint saved, Path cpFile, LogScan.Result scan, String hashAtSaved) {
        long end = scan.chain.seq;
        if (end < saved.seq()) {
            Path last = scan.segments.isEmpty() ? null : scan.segments.get(scan.segments.size() - 1);
            throw new AuditException("audit log is shorter than its last checkpoint, refusing to start: " + cpFile
                    + " covers seq " + saved.seq() + " but the log ends at seq " + end
                    + (last == null ? " (no segment files)" : " (" + last + ", offset " + scan.goodEnd + ")")
                    + ": acknowledged records were lost or removed");
        }
        if (!saved.head().equals(hashAtSaved) || !saved.log().equals(scan.chain.logId)) {
            throw new AuditException("audit log does not match its last checkpoint, refusing to start: record seq "
                    + saved.seq() + " has another hash than " + cpFile + " states: the log was rewritten");
        }
    }

    /** Copies the torn tail aside, makes the copy durable, then cuts it off. */
    private static Path cutTail(AuditConfig config, LogScan.Result scan) throws IOException {
        Path seg = scan.problemFile;
        long from = scan.problemOffset;
        Path kept = seg.resolveSibling(seg.getFileName() + ".torn-" + from);
        for (int n = 2; Files.exists(kept); n++) {
            kept = seg.resolveSibling(seg.getFileName() + ".torn-" + from + "-" + n);
        }
        try (FileLayer.LogFile copy = config.files.open(kept); InputStream in = Files.newInputStream(seg)) {
            in.skipNBytes(from);
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                copy.append(ByteBuffer.wrap(chunk, 0, n));
            }
            copy.force();
        }
        config.files.syncDirectory(Segments.directory(config.file));
        try (FileLayer.LogFile f = config.files.open(seg)) {
            f.truncate(from);
            f.force();
        }
        return kept;
    }
}
