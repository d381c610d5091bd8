package dev.greenlight.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledRulesCacheTest {
    @TempDir
    Path rules;
    @TempDir
    Path cache;

    @BeforeEach
    void rules() {
        // salience, metadata, a declared type, a function, accumulate, not/exists, a join and a throwing rule
        RuleDirs.write(rules, "a/a.drl", "a", """
                declare Flag name : String end
                function String label(String s) { return "[" + s + "]"; }
                rule "flag-long-video" @policy("T-1") salience 10
                when Media( type == "video", durationSeconds != null, durationSeconds > 20 )
                then insert(new Flag("long")); end
                rule "long-video" @policy("T-2")
                when Flag( name == "long" ) Submission( intendedUse != "private" )
                then verdict.escalate("long video " + label("x")); end
                rule "many-terms" @policy("T-3")
                when Number( intValue >= 2 ) from accumulate( Signal( name == "prompt.term" ), count( 1 ) )
                then verdict.escalate("several terms"); end
                rule "no-info" @policy("T-4")
                when $m : Media() not Signal( name == "media.info", mediaIndex == $m.index )
                then verdict.escalate("unchecked " + $m.getIndex()); end
                rule "commercial" @policy("T-5")
                when Submission( intendedUse == "commercial" ) exists Signal( name == "prompt.term", category == "brand" )
                then verdict.reject("brand"); end
                rule "press-throws" @policy("T-6")
                when Submission( intendedUse == "press" )
                then throw new IllegalStateException("boom"); end
                """);
        RuleDirs.write(rules, "b/b.drl", "b", """
                rule "baseline" when Submission() then verdict.approve("ok"); end
                """);
    }

    private Greenlight engine(boolean cached) {
        var b = Greenlight.builder().rulesDirectory(rules).decisionIds(() -> "d")
                .clock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        return (cached ? b.compiledRulesCache(cache) : b).build();
    }

    private static List<Submission> submissions() {
        List<Submission> out = new ArrayList<>();
        String[] uses = {"private", "portfolio", "commercial", "press"};
        for (int i = 0; i < 16; i++) {
            out.add(Submissions.base("s" + i).intendedUse(uses[i % 4])
                    .media(List.of(Media.builder(i % 3 == 0 ? "video" : "image").durationSeconds(i * 3.0).build(),
                            Media.builder("image").build()))
                    .build());
        }
        return out;
    }

    private static List<Signal> signals(int i) {
        List<Signal> out = new ArrayList<>();
        out.add(Signal.builder("media.info").mediaIndex(0).build());
        for (int k = 0; k < i % 3; k++) {
            out.add(Signal.builder("prompt.term").category(k == 0 ? "brand" : "violence").value("t" + k).build());
        }
        return out;
    }

    @Test
    void cachedRules_decideExactlyAsCompiledRules() {
        List<Decision> compiled = new ArrayList<>();
        List<Decision> cached = new ArrayList<>();
        try (Greenlight g = engine(false)) {
            for (int i = 0; i < submissions().size(); i++) {
                compiled.add(g.decide(submissions().get(i), signals(i)));
            }
        }
        try (Greenlight first = engine(true)) {
            assertThat(first.ruleCount()).isEqualTo(7); // the miss compiles and stores
        }
        RuleFiles files = RuleFiles.fromDirectory(rules);
        assertThat(new CompiledRulesCache(cache).cached(files)).as("a stored entry").isPresent();
        try (Greenlight g = engine(true)) {
            for (int i = 0; i < submissions().size(); i++) {
                cached.add(g.decide(submissions().get(i), signals(i)));
            }
            CompiledRules fresh = RuleCompiler.compile(files);
            assertThat(g.ruleNames()).isEqualTo(fresh.ruleNames());
            assertThat(g.ruleWarnings()).isEqualTo(fresh.warnings());
            assertThat(g.ruleset()).isEqualTo(fresh.ref());
        }
        assertThat(cached).extracting(CompiledRulesCacheTest::withoutTiming)
                .isEqualTo(compiled.stream().map(CompiledRulesCacheTest::withoutTiming).toList());
        assertThat(compiled).extracting(d -> d.reasons().size()).anySatisfy(n -> assertThat(n).isGreaterThan(2));
        assertThat(compiled).anySatisfy(d -> assertThat(d.reasons()).anySatisfy(
                r -> assertThat(r.message()).contains("press-throws").contains("IllegalStateException")));
    }

    @Test
    void changedRules_areCompiledAgain_notTakenFromTheCache() throws Exception {
        try (Greenlight g = engine(true)) {
            assertThat(g.decide(Submissions.base("s").intendedUse("portfolio").build(), List.of()).reasons())
                    .extracting(r -> r.message()).contains("ok");
        }
        RuleDirs.write(rules, "b/b.drl", "b", "rule \"baseline\" when Submission() then verdict.approve(\"changed\"); end\n");
        try (Greenlight g = engine(true)) {
            assertThat(g.decide(Submissions.base("s").intendedUse("portfolio").build(), List.of()).reasons())
                    .extracting(r -> r.message()).contains("changed").doesNotContain("ok");
        }
        assertThat(entries()).hasSize(2);
    }

    @Test
    void damagedEntry_isDeleted_andTheRulesCompile() throws Exception {
        try (Greenlight g = engine(true)) {
            assertThat(g.ruleCount()).isEqualTo(7);
        }
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        RuleFiles files = RuleFiles.fromDirectory(rules);
        assertThat(new CompiledRulesCache(cache).cached(files)).isEmpty();
        assertThat(entry).doesNotExist();
        try (Greenlight g = engine(true)) {
            assertThat(g.decide(Submissions.base("s").build(), List.of()).reasons()).isNotEmpty();
        }
        assertThat(new CompiledRulesCache(cache).cached(files)).isPresent();
    }

    @Test
    void rulesThatDoNotCompile_failAsWithoutACache_andStoreNothing() throws Exception {
        RuleDirs.write(rules, "c.drl", "c", "rule \"bad\" when NoSuchFact() then verdict.approve(\"x\"); end\n");
        assertThatThrownBy(() -> engine(true)).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("NoSuchFact");
        assertThat(entries()).isEmpty();
    }

    private static Decision withoutTiming(Decision d) {
        return new Decision(d.decisionId(), d.submissionId(), d.verdict(), d.reasons(), d.signals(), d.ruleset(),
                d.plugins(), d.decidedAt(), 0);
    }

    private List<Path> entries() throws Exception {
        try (Stream<Path> list = Files.list(cache)) {
            return list.filter(p -> p.toString().endsWith(".rules")).toList();
        }
    }
}
