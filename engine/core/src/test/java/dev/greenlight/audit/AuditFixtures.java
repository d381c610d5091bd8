package dev.greenlight.audit;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.Submissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Decisions made by hand (no rules to compile) and ways to look at a log's files. */
final class AuditFixtures {
    static final RulesetRef RULES = new RulesetRef("test", "sha256:" + "ab".repeat(32));

    private AuditFixtures() {
    }

    static Submission submission(String id) {
        return Submissions.base(id).build();
    }

    static Decision decision(String decisionId, String submissionId, Verdict verdict) {
        return new Decision(decisionId, submissionId, verdict,
                // a conditional approval names its condition
                List.of(new Reason("rule-" + verdict.name().toLowerCase(), verdict, "because", "P-1",
                        verdict == Verdict.APPROVE_WITH_CONDITIONS ? "label" : null)),
                List.of(Signal.builder("prompt.term").source("prompt-screen").category("brand").value("acme").score(0.9).build()),
                RULES, List.of(), Instant.parse("2026-11-01T10:00:00Z"), 42);
    }

    /** Appends {@code n} decisions d-FROM… to an open log; returns their ids. */
    static List<String> append(AuditLog log, int from, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String id = "d-" + i;
            log.append(decision(id, "s-" + i, i % 3 == 0 ? Verdict.ESCALATE : Verdict.APPROVE), submission("s-" + i));
            ids.add(id);
        }
        return ids;
    }

    /** Waits (up to 10 s) for the log's checkpoint file, which the writer thread saves in its own time. */
    static void awaitCheckpointFile(Path base) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(Segments.checkpointFile(base)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Every record of the log, in order. */
    static List<AuditRecord> records(Path base) {
        List<AuditRecord> out = new ArrayList<>();
        try {
            AuditReader.read(base, out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The decision ids in the log, in order. */
    static List<String> decisionIds(Path base) {
        return records(base).stream().filter(AuditRecord::isDecision).map(AuditRecord::decisionId).toList();
    }

    /** Every file beside the log whose name starts with the base name. */
    static List<Path> files(Path base) {
        try (Stream<Path> s = Files.list(base.toAbsolutePath().getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(base.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VerifyResult verify(Path base) {
        try {
            return AuditVerifier.verify(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
