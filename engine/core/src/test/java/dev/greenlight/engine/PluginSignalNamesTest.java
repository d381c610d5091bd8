package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.testing.PluginJars;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testplugins.DeclaringProvider;
import dev.greenlight.testplugins.GoodProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy check learns signal names from the plugins actually loaded (real PF4J jars built here),
 * not from a list of the shipped plugins: a name no loaded plugin emits is a warning; with a plugin
 * that declares nothing, the check says it cannot tell; with no plugins loaded it does not guess.
 */
class PluginSignalNamesTest {
    @TempDir
    Path dir;
    Path rules;
    Path plugins;

    @BeforeEach
    void setUp() {
        rules = dir.resolve("rules");
        plugins = dir.resolve("plugins");
        RuleDirs.write(rules, "a.drl", "a", """
                rule "real" @policy("P-1") when Signal( name == "test.declared" ) then verdict.escalate("Checked."); end
                rule "typo" @policy("P-2") when Signal( name == "test.declraed" ) then verdict.escalate("Checked."); end
                """);
    }

    private static boolean warnsAbout(RuleCheck.Report r, String name) {
        return r.problems().stream().anyMatch(p -> !p.isError() && p.message().contains("\"" + name + "\""));
    }

    @Test
    void declaringPlugin_loaded_warnsOnlyAboutTheNameItDoesNotEmit() {
        PluginJars.plugin("declaring").extension(DeclaringProvider.class).writeTo(plugins);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins).build()) {
            assertThat(g.ruleWarnings()).singleElement().satisfies(p -> {
                assertThat(p.toString()).startsWith("a.drl:5:");
                assertThat(p.message()).contains("no loaded plugin emits signal \"test.declraed\"").contains("declaring");
            });
        }
    }

    @Test
    void ruleCheck_withThePluginsSignals_warnsAtTheName() {
        PluginJars.plugin("declaring").extension(DeclaringProvider.class).writeTo(plugins);
        PluginSignals signals;
        try (var host = dev.greenlight.host.PluginHost.start(plugins, dev.greenlight.host.PluginSettings.NONE,
                java.time.Duration.ofSeconds(3), 3, true)) {
            signals = PluginSignals.of(host);
        }
        assertThat(signals.byPlugin()).containsOnlyKeys("declaring");
        assertThat(signals.names()).containsExactlyInAnyOrder("test.declared", "plugin.error");
        RuleCheck.Report r = RuleCheck.directory(rules, signals);
        assertThat(warnsAbout(r, "test.declraed")).isTrue();
        assertThat(warnsAbout(r, "test.declared")).isFalse();
    }

    @Test
    void undeclaringPlugin_saysTheNamesCannotBeChecked_andDoesNotGuess() {
        PluginJars.plugin("good").extension(GoodProvider.class).writeTo(plugins);
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins).build()) {
            assertThat(g.ruleWarnings()).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("good declare no signal names"));
        }
    }

    @Test
    void noPluginsLoaded_noVocabulary_noFalseWarnings() {
        assertThat(RuleCheck.directory(rules).problems()).isEmpty();
    }

    @Test
    void emptyPluginsDirectory_isLoaded_soEveryUnemittedNameIsAWarning() {
        plugins.toFile().mkdirs();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins).build()) {
            assertThat(g.ruleWarnings()).hasSize(2);
        }
    }
}
