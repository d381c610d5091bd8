package dev.greenlight.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.host.PluginSettings;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar built here loads as a real plugin, and the recording sink it holds records every decision. */
class PluginJarsTest {
    @TempDir
    Path dir;

    @Test
    void jar_carriesTheDescriptorAndTheExtensionIndex() throws Exception {
        Path jar = RecordingSink.plugin("recorder").version("2.1.0").requires(">=0.1.0").writeTo(dir.resolve("plugins"));
        assertThat(jar.getFileName().toString()).isEqualTo("recorder-2.1.0.jar");
        try (JarFile f = new JarFile(jar.toFile())) {
            assertThat(f.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("recorder");
            assertThat(f.getManifest().getMainAttributes().getValue("Plugin-Requires")).isEqualTo(">=0.1.0");
            assertThat(new String(f.getInputStream(f.getEntry("META-INF/extensions.idx")).readAllBytes()))
                    .isEqualTo(RecordingSink.class.getName() + "\n");
            assertThat(f.getEntry(RecordingSink.class.getName().replace('.', '/') + ".class")).isNotNull();
        }
    }

    @Test
    void recordingSink_loadedAsAPlugin_recordsEveryDecisionInOrder() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path file = dir.resolve("recorded.tsv");
        RecordingSink.plugin("recorder").writeTo(plugins);
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("a.drl"), """
                package a;
                import dev.greenlight.model.*;
                global Votes verdict;
                rule "commercial" when Submission( intendedUse == "commercial" ) then verdict.reject("No."); end
                rule "ok" when Submission() then verdict.approve("Fine."); end
                """);
        List<Decision> made;
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins).strictPlugins(true)
                .pluginSettings(PluginSettings.of(Map.of("recorder", Map.of("file", file.toString())))).build()) {
            made = List.of(g.decide(Submissions.base("s-1").build()),
                    g.decide(Submissions.of("s-2", "early-access", "commercial").build()));
            List<RecordedDecisions.Entry> recorded = RecordedDecisions.await(file, 2, Duration.ofSeconds(20));
            assertThat(recorded).extracting(RecordedDecisions.Entry::decisionId)
                    .containsExactly(made.get(0).decisionId(), made.get(1).decisionId());
            assertThat(recorded.get(1).submissionId()).isEqualTo("s-2");
            assertThat(recorded.get(1).verdict()).isEqualTo(Verdict.REJECT);
        }
    }
}
