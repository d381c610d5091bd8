package dev.greenlight.testkit;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decisions made by hand (no rules to compile), to fill audit logs fast in tests and benchmarks of
 * what reads logs: shippers, verifiers. Stateless.
 */
public final class HandMadeDecisions {
    /** The rule set every decision here names. */
    public static final RulesetRef RULES = new RulesetRef("test", "sha256:" + "ab".repeat(32));

    private HandMadeDecisions() {
    }

    /** Decision {@code d-PREFIXi} about submission {@code s-PREFIXi}: every third ESCALATE, the rest APPROVE. */
    public static Decision decision(String prefix, int i) {
        Verdict v = i % 3 == 0 ? Verdict.ESCALATE : Verdict.APPROVE;
        return new Decision("d-" + prefix + i, "s-" + prefix + i, v,
                List.of(new Reason("rule-" + v.name().toLowerCase(java.util.Locale.ROOT), v, "because", "P-1")),
                List.of(Signal.builder("prompt.term").source("prompt-screen").category("brand").value("acme").score(0.9).build()),
                RULES, List.of(), Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i), 42);
    }

    /** Appends decisions {@code from} … {@code from + n - 1} (ids as {@link #decision}) to an open log, one at a time. */
    public static void append(AuditLog log, String prefix, int from, int n) {
        Objects.requireNonNull(log, "log");
        for (int i = from; i < from + n; i++) {
            log.append(decision(prefix, i), Submissions.base("s-" + prefix + i).build());
        }
    }

    /** Like {@link #append}, as batches of {@code batch} (one write and one fsync each), the way a busy server writes. */
    public static void appendBatched(AuditLog log, String prefix, int from, int n, int batch) {
        for (int i = from; i < from + n; i += batch) {
            var b = log.batch();
            for (int j = i; j < Math.min(from + n, i + batch); j++) {
                b.add(decision(prefix, j), Submissions.base("s-" + prefix + j).build(), null);
            }
            b.commit();
        }
    }
}
