package dev.greenlight.desk.internal;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.Queue;
import dev.greenlight.model.Verdict;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desk rebuilt from the audit log up to one record, saved beside the log as
 * {@code B.desk-<fingerprint>} so that the next desk over the log reads only the records after that record: every
 * case (every field), every {@link DecisionBook} entry, and the {@link DeskCounters}. Written by
 * {@link LogRebuild} right after a rebuild, before the desk is shared, so it is exactly what the
 * records up to its anchor give; claims are not in it (they are not in the log either).
 *
 * <p>Derived data, never evidence: it is used only when its CRC-32C holds, it was made under the
 * same desk configuration and policy catalogue (their fingerprint), and its anchor record is still
 * in the log with its sequence number and hash ({@link AuditReader#readAfter}); otherwise the desk
 * is rebuilt from the whole log and the file written again. The records after the anchor are read
 * and checked as a full rebuild reads them. Only for the in-memory case store (a shared store keeps
 * its cases itself). Stateless.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): {@code GLDESK01}; the log id; the fingerprint;
 * the anchor (segment file name, offset, line, seq, hash); the counters; the entries in record
 * order; the cases in id order; the CRC-32C of all before it. Strings are a length (-1: null) and
 * UTF-8 bytes.
 */
public final class DeskSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(DeskSnapshot.class);
    private static final String MAGIC = "GLDESK01";

    private final AuditReader.Place anchor;
    private final byte[] counters;
    private final List<DecisionBook.Entry> entries;
    private final List<Case> cases;

    private DeskSnapshot(AuditReader.Place anchor, byte[] counters, List<DecisionBook.Entry> entries, List<Case> cases) {
        this.anchor = anchor;
        this.counters = counters;
        this.entries = entries;
        this.cases = cases;
    }

    /**
     * The snapshot file of the log whose first segment is {@code logFile}, for a desk with this
     * configuration and catalogue: named after their fingerprint (its first 16 hex digits), so that
     * desks over one log with different settings (a server's, the CLI's) each keep their own.
     */
    public static Path file(Path logFile, DeskConfig config, PolicyCatalogue catalogue) {
        return logFile.resolveSibling(logFile.getFileName() + ".desk-" + fingerprint(config, catalogue).substring(0, 16));
    }

    private static Path file(Path logFile, DeskCore core) {
        return file(logFile, core.config(), core.catalogue());
    }

    /** The record the snapshot stands at: the desk reads on after it. */
    AuditReader.Place anchor() {
        return anchor;
    }

    /** Puts what the snapshot holds into a new desk's book, store and counters. */
    void applyTo(DeskCore core) {
        try {
            core.counters().load(new DataInputStream(new java.io.ByteArrayInputStream(counters)));
        } catch (IOException e) {
            throw new IllegalStateException("counters read back once already", e);
        }
        for (DecisionBook.Entry e : entries) {
            core.book().restore(e);
        }
        for (Case c : cases) {
            core.store().insert(c);
        }
    }

    /**
     * The snapshot beside the log, when it is there, whole, of this log and made under this desk's
     * configuration and catalogue; else null (and the reason logged). Its anchor is not checked
     * here: {@link AuditReader#readAfter} does that.
     */
    static DeskSnapshot load(Path logFile, DeskCore core) {
        Path f = file(logFile, core);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            if (!MAGIC.equals(readString(in))) {
                return rejected(f, "not a desk snapshot of this release");
            }
            String logId = readString(in);
            if (!logId.equals(dev.greenlight.audit.AuditFeed.logId(logFile).orElse(null))) {
                return rejected(f, "made from another log");
            }
            if (!fingerprint(core.config(), core.catalogue()).equals(readString(in))) {
                return rejected(f, "made under another desk configuration or policy catalogue");
            }
            AuditReader.Place anchor = new AuditReader.Place(logFile.resolveSibling(readString(in)), in.readLong(),
                    in.readLong(), in.readLong(), readString(in));
            byte[] counters = new byte[in.readInt()];
            in.readFully(counters);
            new DeskCounters().load(new DataInputStream(new java.io.ByteArrayInputStream(counters))); // checks it reads
            int n = in.readInt();
            List<DecisionBook.Entry> entries = new ArrayList<>(Math.min(n, 1 << 20));
            for (int i = 0; i < n; i++) {
                entries.add(readEntry(in, logFile));
            }
            int m = in.readInt();
            List<Case> cases = new ArrayList<>(Math.min(m, 1 << 20));
            for (int i = 0; i < m; i++) {
                cases.add(readCase(in));
            }
            long crc = checked.getChecksum().getValue();
            if (in.readLong() != crc || raw.read() != -1) {
                return rejected(f, "its check sum does not match");
            }
            return new DeskSnapshot(anchor, counters, entries, cases);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return rejected(f, "unreadable (" + e + ")");
        }
    }

    private static DeskSnapshot rejected(Path f, String why) {
        LOG.info("desk snapshot {} not used: {}; the desk is rebuilt from the whole log", f, why);
        return null;
    }

    /**
     * Saves the desk as the records up to {@code anchor} made it (temp file, rename: a reader sees
     * the old file or the new). A failure is logged and ignored: the next desk rebuilds from the log.
     */
    static void save(Path logFile, DeskCore core, AuditReader.Place anchor) {
        Path target = file(logFile, core);
        Path tmp = null;
        try {
            String logId = dev.greenlight.audit.AuditFeed.logId(logFile).orElse(null);
            if (logId == null) {
                return;
            }
            removeLeftovers(target);
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
                DataOutputStream out = new DataOutputStream(checked);
                writeString(out, MAGIC);
                writeString(out, logId);
                writeString(out, fingerprint(core.config(), core.catalogue()));
                writeString(out, anchor.segment().getFileName().toString());
                out.writeLong(anchor.offset());
                out.writeLong(anchor.line());
                out.writeLong(anchor.seq());
                writeString(out, anchor.hash());
                java.io.ByteArrayOutputStream counters = new java.io.ByteArrayOutputStream();
                core.counters().save(new DataOutputStream(counters));
                out.writeInt(counters.size());
                counters.writeTo(out);
                List<DecisionBook.Entry> entries = core.book().entries();
                out.writeInt(entries.size());
                for (DecisionBook.Entry e : entries) {
                    writeEntry(out, core.book().state(e), e);
                }
                List<Case> cases = core.store().all(Instant.EPOCH); // at the epoch no lease has lapsed: kept as they are
                out.writeInt(cases.size());
                for (Case c : cases) {
                    writeCase(out, c);
                }
                out.flush();
                long crc = checked.getChecksum().getValue();
                new DataOutputStream(raw).writeLong(crc);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.info("cannot save desk snapshot {}: {}", target, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", tmp, e);
                }
            }
        }
    }

    /** Deletes temp files a save killed before its rename left (each as big as a snapshot). */
    private static void removeLeftovers(Path target) throws IOException {
        String prefix = target.getFileName() + ".";
        try (var files = Files.newDirectoryStream(target.toAbsolutePath().getParent(), prefix + "*.tmp")) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * What the rebuild's outcome depends on besides the records: areas' priorities, the SLAs, and
     * which area each policy is in. A snapshot made under others is not used.
     */
    static String fingerprint(DeskConfig config, PolicyCatalogue catalogue) {
        StringBuilder b = new StringBuilder("v1\n");
        TreeSet<String> areas = new TreeSet<>(config.priorities().keySet());
        areas.add("");
        TreeMap<String, String> policies = new TreeMap<>();
        for (PolicyCatalogue.Policy p : catalogue.all()) {
            policies.put(p.id(), p.area() == null ? "" : p.area());
            areas.add(p.area() == null ? "" : p.area());
        }
        for (String a : areas) {
            b.append("area ").append(a).append(' ').append(config.priority(a));
            for (Queue q : Queue.values()) {
                b.append(' ').append(config.sla(q, a));
            }
            b.append('\n');
        }
        policies.forEach((id, area) -> b.append("policy ").append(id).append(' ').append(area).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeEntry(DataOutputStream out, DecisionBook.State st, DecisionBook.Entry e) throws IOException {
        out.writeLong(e.seq);
        writeString(out, e.decisionId);
        writeString(out, e.submissionId);
        writeString(out, e.submitterId);
        writeString(out, name(e.verdict));
        writeInstant(out, e.decidedAt);
        writeString(out, e.area);
        writeString(out, e.file == null ? null : e.file.getFileName().toString());
        out.writeLong(e.offset);
        writeString(out, e.hash);
        writeString(out, name(st.finalVerdict()));
        writeString(out, name(st.lastHumanVerdict()));
        writeString(out, st.lastReviewer());
        writeString(out, st.reviewCaseId());
        writeString(out, st.appealCaseId());
        out.writeInt(e.reviews); // written before the desk is shared: nothing changes it meanwhile
        out.writeInt(st.followUps().size());
        for (HistoryEntry h : st.followUps()) {
            out.writeLong(h.seq());
            writeString(out, h.type());
            writeInstant(out, h.at());
            writeString(out, name(h.verdict()));
            writeString(out, name(h.queue()));
            writeString(out, h.actor());
            writeString(out, h.policy());
            writeString(out, h.artistMessage());
            writeString(out, h.note());
            List<String> conditions = h.conditions() == null ? List.of() : h.conditions();
            out.writeInt(conditions.size());
            for (String c : conditions) {
                writeString(out, c);
            }
        }
    }

    private static DecisionBook.Entry readEntry(DataInputStream in, Path logFile) throws IOException {
        long seq = in.readLong();
        String decisionId = readString(in);
        String submissionId = readString(in);
        String submitterId = readString(in);
        Verdict verdict = verdict(readString(in));
        Instant decidedAt = readInstant(in);
        String area = readString(in);
        String file = readString(in);
        long offset = in.readLong();
        String hash = readString(in);
        DecisionBook.Entry e = new DecisionBook.Entry(seq, decisionId, submissionId, submitterId, verdict, decidedAt, area,
                file == null ? null : logFile.resolveSibling(file), offset, hash);
        e.finalVerdict = verdict(readString(in));
        e.lastHumanVerdict = verdict(readString(in));
        e.lastReviewer = readString(in);
        e.reviewCaseId = readString(in);
        e.appealCaseId = readString(in);
        e.reviews = in.readInt();
        for (int n = in.readInt(); n > 0; n--) {
            long s = in.readLong();
            String type = readString(in);
            Instant at = readInstant(in);
            Verdict v = verdict(readString(in));
            String q = readString(in);
            String actor = readString(in);
            String policy = readString(in);
            String message = readString(in);
            String note = readString(in);
            List<String> conditions = new ArrayList<>();
            for (int c = in.readInt(); c > 0; c--) {
                conditions.add(readString(in));
            }
            e.followUps.add(new HistoryEntry(s, type, at, v, q == null ? null : Queue.valueOf(q), actor, policy, message,
                    note, List.copyOf(conditions)));
        }
        return e;
    }

    private static void writeCase(DataOutputStream out, Case c) throws IOException {
        writeString(out, c.caseId());
        writeString(out, c.decisionId());
        writeString(out, c.submissionId());
        writeString(out, c.queue().name());
        writeString(out, c.state().name());
        out.writeInt(c.priority());
        writeInstant(out, c.openedAt());
        writeInstant(out, c.dueAt());
        out.writeLong(c.version());
        writeString(out, c.claimedBy());
        writeInstant(out, c.leaseUntil());
        writeString(out, name(c.finalVerdict()));
        writeString(out, c.area());
        writeString(out, c.decidedBy());
    }

    private static Case readCase(DataInputStream in) throws IOException {
        return new Case(readString(in), readString(in), readString(in), Queue.valueOf(readString(in)),
                CaseState.valueOf(readString(in)), in.readInt(), readInstant(in), readInstant(in), in.readLong(),
                readString(in), readInstant(in), verdict(readString(in)), readString(in), readString(in));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static Verdict verdict(String name) {
        return name == null ? null : Verdict.valueOf(name);
    }

    private static void writeInstant(DataOutputStream out, Instant at) throws IOException {
        out.writeBoolean(at != null);
        if (at != null) {
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > (16 << 20)) {
            throw new IOException("a string of " + n + " bytes");
        }
        if (n == -1) {
            return null;
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new java.io.EOFException();
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
