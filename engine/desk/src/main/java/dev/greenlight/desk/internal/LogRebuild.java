package dev.greenlight.desk.internal;

import dev.greenlight.audit.Appeal;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rebuilds the desk from the audit log in one read, in log order: each decision (every ESCALATE
 * opens or joins a case), each review (moves or closes its case), each appeal (opens an appeal case)
 * goes through the same {@link DeskCore} methods as when it was recorded live. Claims are not in the
 * log: after a rebuild every undecided case is open.
 *
 * <p>With the in-memory store, the desk starts from its snapshot beside the log ({@link DeskSnapshot})
 * when there is a sound one, and reads only the records after the record it stands at; afterwards
 * (after a full read, or once the records read past the snapshot are at least {@code snapshotAfter}
 * and a tenth of the decisions it holds) the snapshot is saved again as of the last record read. Not thread-safe (runs before the desk is
 * shared).
 */
public final class LogRebuild {
    /** Records read past the snapshot that make the desk save a new one when it opens (and a tenth of its decisions). */
    public static final int SNAPSHOT_AFTER = 1_000;

    private LogRebuild() {
    }

    /** As {@link #rebuild(DeskCore, Path, int)} with {@link #SNAPSHOT_AFTER}. */
    public static long rebuild(DeskCore core, Path logFile) {
        return rebuild(core, logFile, SNAPSHOT_AFTER);
    }

    /**
     * @return the sequence number of the last record read (0 for an empty or absent log)
     * @throws dev.greenlight.audit.AuditException when the log is damaged (other than a torn tail)
     */
    public static long rebuild(DeskCore core, Path logFile, int snapshotAfter) {
        if (!Files.exists(logFile)) {
            return 0;
        }
        // a shared store outlives the node and holds the cases itself: no snapshot of it beside one log
        boolean snapshots = core.store() instanceof MemoryCaseStore && !core.sharedStore();
        Last last = new Last(core);
        try {
            DeskSnapshot snapshot = snapshots ? DeskSnapshot.load(logFile, core) : null;
            if (snapshot != null) {
                boolean[] restored = {false};
                Optional<AuditReader.Ended> ended = AuditReader.readAfter(logFile, snapshot.anchor(), rec -> {
                    if (!restored[0]) {
                        snapshot.applyTo(core); // only once the anchor is known to be there
                        restored[0] = true;
                    }
                    last.accept(rec);
                });
                if (ended.isPresent()) {
                    if (!restored[0]) {
                        snapshot.applyTo(core);
                    }
                    // saving costs as much as loading: not before the records past it are a tenth of the decisions
                    if (last.read >= Math.max(snapshotAfter, core.book().size() / 10) && last.place != null) {
                        DeskSnapshot.save(logFile, core, last.place);
                    }
                    return ended.get().lastSeq();
                }
                org.slf4j.LoggerFactory.getLogger(LogRebuild.class).info("desk snapshot {} stands at a record the log no "
                        + "longer holds there; the desk is rebuilt from the whole log", DeskSnapshot.file(logFile, core.config(), core.catalogue()));
            }
            long lastSeq = AuditReader.read(logFile, last).lastSeq();
            if (snapshots && last.place != null) {
                DeskSnapshot.save(logFile, core, last.place);
            }
            return lastSeq;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + logFile + ": " + e.getMessage(), e);
        }
    }

    /** Applies each record and keeps the place of the last one read. */
    private static final class Last implements Consumer<AuditRecord> {
        private final DeskCore core;
        AuditReader.Place place;
        long read;

        Last(DeskCore core) {
            this.core = core;
        }

        @Override
        public void accept(AuditRecord rec) {
            apply(core, rec);
            place = AuditReader.Place.of(rec);
            read++;
        }
    }

    private static void apply(DeskCore core, AuditRecord rec) {
        if (rec.isDecision()) {
            // the submission is read back only when asked for (DecisionBook keeps the record's place)
            core.decisionRecorded(rec.seq(), rec.decision(), null, rec.submitterId(), rec.file(), rec.offset(), rec.hash());
        } else if (rec.isReview()) {
            core.reviewRecorded(rec.review(), rec.reviewDetails());
        } else if (rec.isAppeal()) {
            Appeal a = rec.appeal();
            core.appealRecorded(a.seq(), a.decisionId(), a.caseId(), a.text(), a.appealedAt());
        } else if (rec.isFulfilment()) {
            core.fulfilmentRecorded(rec.fulfilment());
        }
    }
}
