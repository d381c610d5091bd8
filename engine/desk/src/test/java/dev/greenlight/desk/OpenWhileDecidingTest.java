package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.Durability;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.Submissions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions made while the desk opens (during the rebuild's read) are neither lost nor counted twice. */
class OpenWhileDecidingTest {
    @TempDir
    Path dir;

    @Test
    void everyEscalateHasExactlyOneCase() throws Exception {
        try (Greenlight engine = Greenlight.builder().rulesDirectory(DeskFixture.pack())
                .auditLog(AuditConfig.builder(dir.resolve("audit.jsonl")).durability(Durability.NONE).build()).build()) {
            Set<String> escalated = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 100; i++) {
                escalated.add(engine.decide(Submissions.base("before-" + i).tags(List.of("brand")).build()).decisionId());
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] deciders = new Thread[2];
            for (int t = 0; t < deciders.length; t++) {
                int me = t;
                deciders[t] = new Thread(() -> {
                    for (int i = 0; !stop.get() || i < 50; i++) {
                        Decision d = engine.decide(Submissions.base("during-" + me + "-" + i)
                                .tags(List.of(i % 3 == 0 ? "ok" : "minor")).build());
                        if (d.verdict() == Verdict.ESCALATE) {
                            escalated.add(d.decisionId());
                        }
                    }
                });
                deciders[t].start();
            }
            ReviewDesk desk;
            try {
                Thread.sleep(20);
                desk = ReviewDesk.open(engine, DeskConfig.defaults());
                Thread.sleep(20);
            } finally {
                stop.set(true);
            }
            for (Thread t : deciders) {
                t.join();
            }
            List<Case> cases = desk.cases();
            assertThat(cases.stream().map(Case::decisionId).collect(Collectors.toSet())).isEqualTo(escalated);
            assertThat(cases).hasSize(escalated.size());
            desk.close();
        }
    }
}
