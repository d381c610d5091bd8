package dev.greenlight.cli;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.engine.GreenlightBuilder;
import dev.greenlight.model.Verdict;
import dev.greenlight.host.PluginSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every command that builds an engine shares. */
final class EngineOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory: *.drl files and decision tables (*.csv, *.xlsx), recursively. Default: the shipped policy pack.")
    Path rules;

    @Option(names = "--default-verdict", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict when no rule votes: APPROVE, ESCALATE or REJECT. Default: ${DEFAULT-VALUE}.",
            defaultValue = "ESCALATE")
    Verdict defaultVerdict = Verdict.ESCALATE; // also the value where the option is dropped (InapplicableOptions)

    @Option(names = "--max-rule-firings", paramLabel = "N", defaultValue = "10000",
            description = "Most rule firings per decision; reaching it escalates. Default: ${DEFAULT-VALUE}.")
    int maxRuleFirings = 10_000;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Plugins directory (PF4J plugin jars). Default: the shipped plugins.")
    Path plugins;

    @Option(names = "--no-plugins", description = "Run no plugins (rules see no signals).")
    boolean noPlugins;

    @Option(names = "--plugin-settings", paramLabel = "FILE",
            description = "Per-plugin settings: a properties file of <plugin id>.<setting>=value lines.")
    Path pluginSettings;

    @Option(names = "--plugin-timeout", paramLabel = "MILLIS", defaultValue = "3000",
            description = "How long a decision waits for the plugins; then it escalates. Default: ${DEFAULT-VALUE}.")
    long pluginTimeoutMillis = 3_000;

    @Option(names = "--strict-plugins", description = "Refuse to start when any plugin fails to load or start.")
    boolean strictPlugins;

    @Option(names = "--plugin-lock", paramLabel = "FILE",
            description = "Load only the plugin jars this file pins (<sha256>  <jar file name> lines; "
                    + "write one with 'greenlight plugins --write-lock FILE'). Others are refused.")
    Path pluginLock;

    /** The system property the launcher sets to the distribution's plugins directory. */
    static final String DEFAULT_PLUGINS_PROPERTY = "greenlight.plugins.dir";
    /**
     * The system property the launcher sets to the shipped rules' source directory, read at run time
     * instead of the copy packaged in the jar, so that editing a shipped rule needs no build.
     */
    static final String DEFAULT_RULES_PROPERTY = "greenlight.rules.dir";
    /** The system property the launcher sets to where compiled rules are kept between runs (a fast start). */
    static final String RULES_CACHE_PROPERTY = "greenlight.rules.cache";

    /** A builder configured from these options (no audit log). */
    GreenlightBuilder builder() {
        return builder(rulesDirectory());
    }

    /**
     * A builder configured from these options but with the rules in {@code rulesDirectory} (the shipped
     * pack when null): how replay builds the engine of its baseline rules beside the candidate's.
     */
    GreenlightBuilder builder(Path rulesDirectory) {
        GreenlightBuilder b = Greenlight.builder().defaultVerdict(defaultVerdict).maxRuleFirings(maxRuleFirings);
        if (rulesDirectory != null) {
            b.rulesDirectory(rulesDirectory);
        }
        String cache = System.getProperty(RULES_CACHE_PROPERTY);
        if (cache != null && !cache.isBlank()) {
            b.compiledRulesCache(Path.of(cache));
        }
        Path dir = pluginsDirectory();
        if (dir != null) {
            b.plugins(dir).pluginTimeout(Duration.ofMillis(pluginTimeoutMillis)).strictPlugins(strictPlugins);
            if (pluginSettings != null) {
                b.pluginSettings(PluginSettings.load(pluginSettings));
            }
            if (pluginLock != null) {
                b.pluginLock(pluginLock);
            }
        }
        return b;
    }

    /** The rules directory to use: --rules, else the shipped rules' sources when the launcher names them, else none (the packaged pack). */
    Path rulesDirectory() {
        if (rules != null) {
            return rules;
        }
        String shipped = System.getProperty(DEFAULT_RULES_PROPERTY);
        return shipped != null && !shipped.isBlank() && Files.isDirectory(Path.of(shipped)) ? Path.of(shipped) : null;
    }

    /** The plugins directory to use: --plugins, else the shipped one when present, else none. */
    Path pluginsDirectory() {
        if (noPlugins) {
            return null;
        }
        if (plugins != null) {
            return plugins;
        }
        String shipped = System.getProperty(DEFAULT_PLUGINS_PROPERTY);
        return shipped != null && Files.isDirectory(Path.of(shipped)) ? Path.of(shipped) : null;
    }

    /** Where the rules come from, for messages. */
    String rulesDescription() {
        return rules != null ? rules.toString() : "the shipped policy pack";
    }

    static final class VerdictConverter implements picocli.CommandLine.ITypeConverter<Verdict> {
        @Override
        public Verdict convert(String value) {
            return Verdict.parse(value);
        }
    }
}
