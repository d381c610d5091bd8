package dev.greenlight.desk.internal;

import dev.greenlight.audit.Appeal;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rebuilds the desk from the audit log in one read, in log order: each decision (every ESCALATE
 * opens or joins a case), each review (moves or closes its case), each appeal (opens an appeal case)
 * goes through the same {@link DeskCore} methods as when it was recorded live. Claims are not in the
 * log: after a rebuild every undecided case is open. Not thread-safe (runs before the desk is shared).
 */
public final class LogRebuild {
    private LogRebuild() {
    }

    /**
     * @return the sequence number of the last record read (0 for an empty or absent log)
     * @throws dev.greenlight.audit.AuditException when the log is damaged (other than a torn tail)
     */
    public static long rebuild(DeskCore core, Path logFile) {
        if (!Files.exists(logFile)) {
            return 0;
        }
        try {
            return AuditReader.read(logFile, rec -> apply(core, rec)).lastSeq();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + logFile + ": " + e.getMessage(), e);
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
        }
    }
}
