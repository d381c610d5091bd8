package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An adversarial corpus: each file in {@code test/resources/escapes} tries to reach the JVM, the
 * disk, threads or reflection through something the allow-list might permit (a class literal, an
 * object's {@code getClass()}, a stream, {@code java.util.function}, a map entry's value, a unicode
 * escape…). Each must be refused by validate and by the loader, so it is never run.
 */
class EscapeCorpusTest {
    @TempDir
    Path rules;

    static Stream<String> escapes() throws IOException, URISyntaxException {
        Path dir = Path.of(EscapeCorpusTest.class.getResource("/escapes").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(40);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void escape_isRefusedByValidate_andNeverLoaded(String file) throws Exception {
        try (var in = getClass().getResourceAsStream("/escapes/" + file)) {
            Files.copy(in, rules.resolve(file));
        }
        RuleCheck.Report report = RuleCheck.directory(rules);
        assertThat(report.problems()).as(file).filteredOn(RuleProblem::isError)
                .anySatisfy(p -> assertThat(p.message()).startsWith("not allowed in a policy"));
        assertThatThrownBy(() -> Greenlight.builder().rulesDirectory(rules).build()).as(file)
                .isInstanceOf(RuleCompilationException.class);
    }
}
