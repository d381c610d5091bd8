package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees from {@code greenlight validate} on a copy of the pack with one planted
 * mistake: one located error, first, and no raw compiler dump before it.
 */
class ValidateNewcomerTest {
    @TempDir
    Path rules;

    private void copyPackWith(String file, String from, String to) throws IOException {
        try (Stream<Path> walk = Files.walk(PolicyCommandsTest.POLICIES)) {
            for (Path p : walk.toList()) {
                Path t = rules.resolve(PolicyCommandsTest.POLICIES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Path f = rules.resolve(file);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
    }

    @Test
    void missingParenthesis_isOneLocatedError() throws IOException {
        copyPackWith("programme/programme.drl", "intendedUse != \"private\" )", "intendedUse != \"private\"");
        Cli r = Cli.run("validate", "--no-plugins", "--rules", rules.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("note:")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("programme/programme.drl:11:15: this '(' is never closed");
        assertThat(lines.get(1)).startsWith("1 error, 0 warnings in ");
    }

    @Test
    void misspelledFalse_isAtTheWord() throws IOException {
        copyPackWith("programme/programme.drl", "submitter.verified == false", "submitter.verified == flase");
        Cli r = Cli.run("validate", "--no-plugins", "--rules", rules.toString());
        assertThat(r.err()).contains("programme/programme.drl:27:39: cannot understand 'submitter.verified == flase'")
                .contains("did you mean false?");
    }

    @Test
    void theCliLogging_silencesDroolsRawCompileDump() throws IOException {
        for (String config : List.of("/logback.xml", "/logback-json.xml")) {
            try (InputStream in = ValidateNewcomerTest.class.getResourceAsStream(config)) {
                assertThat(in).as(config).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(config)
                        .contains("<logger name=\"org.drools.compiler.kie.builder.impl\" level=\"OFF\"/>");
            }
        }
    }
}
