package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditVerifier;
import dev.greenlight.model.Decision;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shadow mode: a candidate decides beside the live rules, is recorded, never enforced, and reported exactly. */
class ShadowModeTest {
    @TempDir
    Path dir;

    private static final String LIVE = """
            rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("no"); end
            rule "flagged" @policy("F-1") when Signal( name == "prompt.term" ) then verdict.escalate("term"); end
            rule "ok" @policy("B-1") when Submission() then verdict.approve("ok"); end
            """;
    /** Differs from LIVE on press (reject) and on unverified submitters (escalate); ignores the signal. */
    private static final String CANDIDATE = """
            rule "commercial" @policy("C-1") when Submission( intendedUse == "commercial" ) then verdict.reject("no"); end
            rule "press" @policy("P-1") when Submission( intendedUse == "press" ) then verdict.reject("press"); end
            rule "unverified" @policy("U-1") when Submission( submitter.verified == false ) then verdict.escalate("who"); end
            rule "ok" @policy("B-1") when Submission() then verdict.approve("ok"); end
            """;

    @Test
    void shadow_isRecordedBesideTheLiveVerdict_neverEnforced_andItsDifferencesAreReportedExactly() throws Exception {
        Path live = dir.resolve("live");
        Path candidate = dir.resolve("candidate");
        RuleDirs.write(live, "a.drl", "a", LIVE);
        RuleDirs.write(candidate, "a.drl", "a", CANDIDATE);
        List<Submission> inputs = new ArrayList<>();
        String[] uses = {"portfolio", "press", "commercial", "private", "festival"};
        for (int i = 0; i < 60; i++) {
            inputs.add(Submissions.base("s-" + i).intendedUse(uses[i % uses.length])
                    .submitter(new Submitter("a-" + i, "public", i % 7 != 0, List.of())).build());
        }
        List<Signal> term = List.of(Signal.builder("prompt.term").source("t").category("x").build());

        // what each set decides on its own
        Map<String, Verdict> liveAlone = new LinkedHashMap<>();
        Map<String, Verdict> candidateAlone = new LinkedHashMap<>();
        try (Greenlight l = Greenlight.builder().rulesDirectory(live).build();
             Greenlight c = Greenlight.builder().rulesDirectory(candidate).build()) {
            for (int i = 0; i < inputs.size(); i++) {
                List<Signal> signals = i % 4 == 0 ? term : List.of();
                liveAlone.put(inputs.get(i).getId(), l.decide(inputs.get(i), signals).verdict());
                candidateAlone.put(inputs.get(i).getId(), c.decide(inputs.get(i), signals).verdict());
            }
        }
        List<String> expectedDifferences = liveAlone.keySet().stream()
                .filter(id -> liveAlone.get(id) != candidateAlone.get(id)).toList();
        assertThat(expectedDifferences).isNotEmpty().hasSizeLessThan(inputs.size());

        Path log = dir.resolve("audit.jsonl");
        AtomicInteger heard = new AtomicInteger();
        GreenlightListener listener = new GreenlightListener() {
            @Override
            public void shadowDecided(Decision d, ShadowVerdict shadow) {
                heard.incrementAndGet();
            }
        };
        try (Greenlight g = Greenlight.builder().rulesDirectory(live).auditLog(log).shadowRules(candidate)
                .listener(listener).build()) {
            assertThat(g.shadowRules()).isPresent();
            for (int i = 0; i < inputs.size(); i++) {
                Decision d = g.decide(inputs.get(i), i % 4 == 0 ? term : List.of());
                assertThat(d.verdict()).as("live verdict of " + d.submissionId()).isEqualTo(liveAlone.get(d.submissionId()));
                assertThat(d.ruleset().id()).isEqualTo(live.toString());
            }
            // an explanation is not a decision: no shadow, nothing recorded
            g.explain(inputs.get(1), List.of());
        }
        assertThat(heard).hasValue(inputs.size());
        assertThat(AuditVerifier.verify(log).intact()).isTrue();

        ShadowReport report = ShadowReport.read(log);
        assertThat(report.decisions()).isEqualTo(inputs.size());
        assertThat(report.shadowed()).isEqualTo(inputs.size());
        assertThat(report.differences()).extracting(ShadowReport.Difference::submissionId)
                .containsExactlyElementsOf(expectedDifferences);
        assertThat(report.agreed()).isEqualTo(inputs.size() - expectedDifferences.size());
        for (ShadowReport.Difference d : report.differences()) {
            assertThat(d.live()).isEqualTo(liveAlone.get(d.submissionId()).name());
            assertThat(d.shadow()).isEqualTo(candidateAlone.get(d.submissionId()).name());
            assertThat(d.shadowRules()).isNotEmpty();
        }
        assertThat(report.pairs().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(inputs.size());
    }

    @Test
    void aShadowAskingForOtherConditions_isADifference_namedWithItsConditions() throws Exception {
        String conditions = """
                conditions:
                  label: {text: Label it as made with AI., evidence: a link}
                  credit: {text: Credit the model., evidence: the credit line}
                """;
        Path live = dir.resolve("live");
        Path candidate = dir.resolve("candidate");
        RuleDirs.write(live, "a.drl", "a", "rule \"c\" @policy(\"C-1\") when Submission( intendedUse == \"press\" ) "
                + "then verdict.approveWith(\"label\", \"Label it.\"); end\n"
                + "rule \"ok\" @policy(\"B-1\") when Submission() then verdict.approve(\"ok\"); end\n");
        RuleDirs.write(candidate, "a.drl", "a", "rule \"c\" @policy(\"C-1\") when Submission( intendedUse == \"press\" ) "
                + "then verdict.approveWith(\"credit\", \"Credit it.\"); end\n"
                + "rule \"ok\" @policy(\"B-1\") when Submission() then verdict.approve(\"ok\"); end\n");
        java.nio.file.Files.writeString(live.resolve("conditions.yaml"), conditions);
        java.nio.file.Files.writeString(candidate.resolve("conditions.yaml"), conditions);
        Path log = dir.resolve("audit.jsonl");
        try (Greenlight g = Greenlight.builder().rulesDirectory(live).auditLog(log).shadowRules(candidate).build()) {
            g.decide(Submissions.base("s-press").intendedUse("press").build(), List.of());
            g.decide(Submissions.base("s-other").build(), List.of());
        }
        ShadowReport report = ShadowReport.read(log);
        assertThat(report.agreed()).isEqualTo(1);
        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.submissionId()).isEqualTo("s-press");
            assertThat(d.live()).isEqualTo("APPROVE_WITH_CONDITIONS[label]");
            assertThat(d.shadow()).isEqualTo("APPROVE_WITH_CONDITIONS[credit]");
            assertThat(d.liveRules()).containsExactly("c");
        });
    }

    @Test
    void promotion_isAReload_andEndsTheShadow() throws Exception {
        Path live = dir.resolve("live");
        Path candidate = dir.resolve("candidate");
        RuleDirs.write(live, "a.drl", "a", LIVE);
        RuleDirs.write(candidate, "a.drl", "a", CANDIDATE);
        try (Greenlight g = Greenlight.builder().rulesDirectory(live).build()) {
            ReloadResult started = g.startShadow(candidate);
            assertThat(started.status()).isEqualTo(ReloadResult.Status.ACTIVATED);
            Submission press = Submissions.base("p").intendedUse("press").build();
            assertThat(g.decide(press).verdict()).isEqualTo(Verdict.APPROVE);
            RuleDirs.write(live, "a.drl", "a", CANDIDATE);
            assertThat(g.reloadRules().status()).isEqualTo(ReloadResult.Status.ACTIVATED);
            assertThat(g.shadowRules()).isEmpty();
            assertThat(g.decide(press).verdict()).isEqualTo(Verdict.REJECT);
        }
    }

    @Test
    void aBrokenShadowCandidate_isRejected_andNeverRuns() {
        Path live = dir.resolve("live");
        Path candidate = dir.resolve("candidate");
        RuleDirs.write(live, "a.drl", "a", LIVE);
        RuleDirs.write(candidate, "a.drl", "a", "rule \"x\" when Submission( then end\n");
        try (Greenlight g = Greenlight.builder().rulesDirectory(live).build()) {
            ReloadResult r = g.startShadow(candidate);
            assertThat(r.status()).isEqualTo(ReloadResult.Status.REJECTED);
            assertThat(g.shadowRules()).isEmpty();
            g.stopShadow();
            assertThat(g.decide(Submissions.base("s").build()).verdict()).isEqualTo(Verdict.APPROVE);
        }
    }
}
