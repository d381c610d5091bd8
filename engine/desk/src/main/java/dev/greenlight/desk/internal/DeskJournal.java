package dev.greenlight.desk.internal;

import dev.greenlight.audit.Appeal;
import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.DecisionRef;
import dev.greenlight.audit.Review;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Where the desk writes its records: through a running engine's open log (serve), or through a log
 * the desk opened itself (the CLI, on a log no process holds). Each call returns once the record is
 * durable, and throws when it could not be recorded.
 */
public interface DeskJournal {
    /** @param known the decision's record as the desk read it, or null (then the log finds it) */
    Review review(String decisionId, DecisionRef known, String reviewer, Verdict verdict, String note,
                  ReviewDetails details);

    /** @param known the decision's record as the desk read it, or null (then the log finds it) */
    Appeal appeal(String decisionId, DecisionRef known, String caseId, String text);

    /** The log's first segment, for reading it. */
    Path file();

    /** The log's id (the hash of its record 1); empty while the log is empty. */
    java.util.Optional<String> logId();

    /** Through the engine's audit log. */
    static DeskJournal of(Greenlight engine) {
        Path file = engine.auditFile().orElseThrow(() ->
                new IllegalStateException("the review desk needs an engine with an audit log"));
        return new DeskJournal() {
            @Override
            public Review review(String decisionId, DecisionRef known, String reviewer, Verdict verdict, String note,
                                 ReviewDetails details) {
                return known != null ? engine.review(known, reviewer, verdict, note, details)
                        : engine.review(decisionId, reviewer, verdict, note, details);
            }

            @Override
            public Appeal appeal(String decisionId, DecisionRef known, String caseId, String text) {
                return known != null ? engine.appeal(known, caseId, text) : engine.appeal(decisionId, caseId, text);
            }

            @Override
            public Path file() {
                return file;
            }

            @Override
            public java.util.Optional<String> logId() {
                return engine.auditLogId();
            }
        };
    }

    /** Through an open audit log, with times from {@code clock}. */
    static DeskJournal of(AuditLog log, Clock clock) {
        return new DeskJournal() {
            @Override
            public Review review(String decisionId, DecisionRef known, String reviewer, Verdict verdict, String note,
                                 ReviewDetails details) {
                return known != null ? log.review(known, reviewer, verdict, note, clock.instant(), details)
                        : log.review(decisionId, reviewer, verdict, note, clock.instant(), details);
            }

            @Override
            public Appeal appeal(String decisionId, DecisionRef known, String caseId, String text) {
                return known != null ? log.appeal(known, caseId, text, clock.instant())
                        : log.appeal(decisionId, caseId, text, clock.instant());
            }

            @Override
            public Path file() {
                return log.file();
            }

            @Override
            public java.util.Optional<String> logId() {
                return log.logId();
            }
        };
    }
}
