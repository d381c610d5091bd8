package dev.greenlight.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generators are deterministic, every generated rule compiles, and bare Drools casts the engine's votes. */
class GeneratorsTest {
    @TempDir
    Path dir;

    @Test
    void ruleGenerator_sameSeedSameRules_everyRuleCompiles_andARealisticShareFires() {
        assertThat(RuleGenerator.generate(100, 3)).isEqualTo(RuleGenerator.generate(100, 3));
        RuleGenerator.writeTo(dir, 100, 3);
        List<Submission> corpus = CorpusGenerator.submissions(300, 3);
        Set<String> fired = new HashSet<>();
        int votes = 0;
        try (Greenlight g = Greenlight.builder().rulesDirectory(dir).build()) {
            assertThat(g.ruleCount()).isEqualTo(100);
            assertThat(g.ruleWarnings()).isEmpty();
            for (Submission s : corpus) {
                Decision d = g.decide(s, CorpusGenerator.signals(s, 5, 3));
                d.reasons().forEach(r -> fired.add(r.rule()));
                votes += d.reasons().size();
                assertThat(d.reasons()).noneMatch(r -> r.rule().startsWith("greenlight.rule"));
            }
        }
        assertThat(fired).as("most rule shapes fire on the generated corpus").hasSizeGreaterThan(30);
        assertThat(votes / (double) corpus.size()).as("votes per decision").isBetween(1.5, 15.0);
    }

    @Test
    void bareDrools_castsAsManyVotesAsTheEngine_statelessAndPooled() {
        RuleGenerator.writeTo(dir, 40, 5);
        BareDrools bare = BareDrools.compile(RuleGenerator.generate(40, 5).entrySet().stream().collect(
                java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, e -> e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        try (Greenlight g = Greenlight.builder().rulesDirectory(dir).build()) {
            for (Submission s : CorpusGenerator.submissions(100, 5)) {
                List<Signal> signals = CorpusGenerator.signals(s, 5, 5);
                long votes = g.decide(s, signals).reasons().stream().filter(r -> !r.rule().startsWith("greenlight.")).count();
                assertThat(bare.evaluator(BareDrools.Mode.STATELESS).evaluate(s, signals)).isEqualTo(votes);
                assertThat(bare.evaluator(BareDrools.Mode.POOLED).evaluate(s, signals)).isEqualTo(votes);
            }
        }
    }

    @Test
    void corpusGenerator_isDeterministic_withExactlyKSignals() {
        List<Submission> a = CorpusGenerator.submissions(50, 9);
        assertThat(a).isEqualTo(CorpusGenerator.submissions(50, 9));
        assertThat(a).extracting(Submission::getId).doesNotHaveDuplicates();
        for (Submission s : a) {
            List<Signal> signals = CorpusGenerator.signals(s, 5, 9);
            assertThat(signals).hasSize(5).isEqualTo(CorpusGenerator.signals(s, 5, 9));
            assertThat(s.getPrompt().length()).isBetween(150, 260);
        }
    }
}
