package dev.greenlight.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.engine.GreenlightConfigurationException;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Verdict;
import dev.greenlight.testing.PluginJars;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import dev.greenlight.testplugins.GoodProvider;
import dev.greenlight.testplugins.ThrowingProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin pinning (SECURITY.md): with a lock file, only the jars it pins, exactly as pinned, are loaded. */
class PluginLockTest {
    @TempDir
    Path dir;
    Path rules;
    Path plugins;
    Path lock;

    @BeforeEach
    void setUp() throws Exception {
        rules = dir.resolve("rules");
        plugins = dir.resolve("plugins");
        lock = dir.resolve("plugins.lock");
        RuleDirs.write(rules, "a.drl", "a", """
                rule "ok-signal" @policy("P-1") when Signal( name == "test.ok" ) then verdict.approve("evidence is fine"); end
                """);
        PluginJars.plugin("good").extension(GoodProvider.class).writeTo(plugins);
        PluginJars.plugin("other").version("2.0.0").extension(GoodProvider.class).writeTo(plugins);
        Files.writeString(lock, PluginLock.describe(plugins));
    }

    private GreenlightBuilder engine() {
        return Greenlight.builder().rulesDirectory(rules).plugins(plugins).pluginLock(lock);
    }

    @Test
    void lockFile_isSha256sumFormat_oneLinePerJar() throws Exception {
        assertThat(Files.readAllLines(lock)).filteredOn(l -> !l.startsWith("#"))
                .hasSize(2).allMatch(l -> l.matches("[0-9a-f]{64}  [a-z]+-[0-9.]+\\.jar"))
                .anyMatch(l -> l.endsWith("  good-1.0.0.jar")).anyMatch(l -> l.endsWith("  other-2.0.0.jar"));
    }

    @Test
    void pinnedJars_loadAndRun() {
        try (Greenlight g = engine().build()) {
            assertThat(g.plugins()).hasSize(2).allSatisfy(p -> assertThat(p.state()).isEqualTo(PluginStatus.STARTED));
            assertThat(g.decide(Submissions.base("s-1").build()).verdict()).isEqualTo(Verdict.APPROVE);
        }
    }

    @Test
    void unlistedJar_isRefusedBeforeLoading_decisionsEscalateNamingIt_strictRefusesToStart() {
        // it would throw on every call if it ran; and it bundles a host class, which a jar is only checked for once pinned
        PluginJars.plugin("intruder").extension(ThrowingProvider.class).bundle(Signal.class).writeTo(plugins);
        try (Greenlight g = engine().build()) {
            assertThat(g.plugins()).filteredOn(p -> p.state().equals(PluginStatus.FAILED)).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("intruder-1.0.0.jar");
                assertThat(p.problem()).startsWith("not listed in the plugin lock file").contains(lock.toString());
            });
            Decision d = g.decide(Submissions.base("s-1").build());
            assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
            // the artist's message names no jar (issue 16 item 7); the plugin.error signal keeps the detail
            assertThat(d.reasons()).anySatisfy(r -> assertThat(r.message()).contains("could not be started").doesNotContain("intruder"));
            assertThat(d.signals()).anySatisfy(s -> {
                assertThat(s.getName()).isEqualTo(PluginHost.PLUGIN_ERROR);
                assertThat(s.getValue()).isEqualTo("intruder-1.0.0.jar");
            });
            assertThat(d.signals()).noneMatch(s -> s.getSource().equals("intruder"));
        }
        assertThatThrownBy(() -> engine().strictPlugins(true).build())
                .isInstanceOf(GreenlightConfigurationException.class).hasMessageContaining("intruder-1.0.0.jar");
    }

    @Test
    void changedJar_isRefused_namingBothHashes() {
        PluginJars.plugin("good").extension(ThrowingProvider.class).writeTo(plugins); // same name, other bytes
        try (Greenlight g = engine().build()) {
            assertThat(g.plugins()).filteredOn(p -> p.state().equals(PluginStatus.FAILED)).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("good-1.0.0.jar");
                assertThat(p.problem()).startsWith("changed since it was pinned: its SHA-256 is ").contains(" lists ");
            });
            assertThat(g.decide(Submissions.base("s-1").build()).verdict()).isEqualTo(Verdict.ESCALATE);
        }
    }

    @Test
    void pinnedJarMissing_isReportedAsFailed() throws Exception {
        Files.delete(plugins.resolve("other-2.0.0.jar"));
        try (Greenlight g = engine().build()) {
            assertThat(g.plugins()).filteredOn(p -> p.state().equals(PluginStatus.FAILED)).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("other-2.0.0.jar");
                assertThat(p.problem()).contains("not in the plugins directory");
            });
            assertThat(g.decide(Submissions.base("s-1").build()).verdict()).isEqualTo(Verdict.ESCALATE);
        }
    }

    @Test
    void malformedLockFile_isAConfigurationError_namingFileAndLine() throws Exception {
        Files.writeString(lock, "# pins\n" + "ab".repeat(32) + "  good-1.0.0.jar\nnot a pin\n");
        assertThatThrownBy(() -> engine().build()).isInstanceOf(GreenlightConfigurationException.class)
                .hasMessageContaining(lock + ":3:");
        Files.writeString(lock, "ab".repeat(32) + "  ../elsewhere/good-1.0.0.jar\n");
        assertThatThrownBy(() -> engine().build()).isInstanceOf(GreenlightConfigurationException.class)
                .hasMessageContaining(lock + ":1:");
        assertThatThrownBy(() -> engine().pluginLock(dir.resolve("missing.lock")).build())
                .isInstanceOf(GreenlightConfigurationException.class).hasMessageContaining("missing.lock");
    }
}
