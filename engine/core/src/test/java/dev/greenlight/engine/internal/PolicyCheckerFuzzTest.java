package dev.greenlight.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.greenlight.ruleset.RuleProblem;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/reliability.md I3: the rule validator (the policy check every rule load runs) under arbitrary rule
 * sources. It parses and scans only — no Drools compile — so it must answer quickly for any text,
 * never throw, and place every problem it reports in a file it was given, at a line of that file.
 *
 * <p>The input is read as UTF-8 (as rule files are); NUL bytes split it into up to three files, so
 * checks across files (duplicate rule names, types declared in another file) are reached. Without
 * {@code JAZZER_FUZZ} the committed inputs under
 * {@code src/test/resources/dev/greenlight/engine/internal/PolicyCheckerFuzzTestInputs/I3_check/} are
 * replayed; {@code -Pfuzz} fuzzes (README, "Hardening and fuzzing").
 */
class PolicyCheckerFuzzTest {
    @FuzzTest
    void I3_check(byte[] input) {
        String all = new String(input, StandardCharsets.UTF_8);
        String[] parts = all.split("\0", 3);
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            files.put("p" + i + "/rules.drl", parts[i]);
        }
        List<RuleProblem> problems = PolicyChecker.check(files);
        for (RuleProblem p : problems) {
            assertThat(files).containsKey(p.file());
            long lines = files.get(p.file()).chars().filter(c -> c == '\n').count() + 1;
            assertThat((long) p.line()).as("line of %s", p).isBetween(0L, lines);
            assertThat(p.column()).as("column of %s", p).isGreaterThanOrEqualTo(0);
            assertThat(p.message()).isNotBlank();
        }
    }
}
