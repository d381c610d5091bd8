package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.RuleProblem.Severity;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns about a {@code Signal( name == "…" )} no one produces. Two sources of truth, each used only
 * when it exists, so there are no guesses and no false warnings: the signal names the pack's
 * vocabulary declares (it relies on them), and the names the loaded plugins declare
 * ({@link PluginSignals}). With neither (no vocabulary, no plugins) names are not checked. Stateless.
 */
final class SignalNameCheck {
    private static final Pattern SIGNAL_PATTERN = Pattern.compile("\\bSignal\\s*\\(");
    private static final Pattern SIGNAL_NAME = Pattern.compile("\\bname\\s*==\\s*\"([^\"]*)\"");

    private SignalNameCheck() {
    }

    static void check(String path, String src, Vocabulary vocabulary, PluginSignals plugins, List<RuleProblem> out) {
        boolean byVocabulary = !vocabulary.signals().isEmpty();
        boolean byPlugins = plugins.complete();
        if (!byVocabulary && !byPlugins) {
            return;
        }
        SourceText s = new SourceText(src);
        Matcher pattern = SIGNAL_PATTERN.matcher(s.text);
        while (pattern.find()) {
            int end = s.closingParen(pattern.end());
            Matcher name = SIGNAL_NAME.matcher(s.text.substring(pattern.end(), end));
            while (name.find()) {
                String n = name.group(1);
                int at = pattern.end() + name.start(1);
                if (byVocabulary && !vocabulary.signals().contains(n)) {
                    out.add(new RuleProblem(path, s.line(at), s.column(at), "signal \"" + n + "\" is not declared in "
                            + Vocabulary.FILE + " (signals: " + String.join(", ", vocabulary.signals())
                            + "); is it a typo?", Severity.WARNING));
                } else if (byPlugins && !plugins.names().contains(n)) {
                    out.add(notEmitted(path, s.line(at), s.column(at), n, plugins));
                }
            }
        }
    }

    /** Each signal the vocabulary declares must be emitted by some loaded plugin (when plugins are loaded). */
    static void checkVocabulary(Vocabulary vocabulary, String vocabularyText, PluginSignals plugins, List<RuleProblem> out) {
        if (!plugins.complete()) {
            return;
        }
        String[] lines = vocabularyText.split("\n", -1);
        for (String n : vocabulary.signals()) {
            if (!plugins.names().contains(n)) {
                int line = 1;
                int column = 1;
                for (int i = 0; i < lines.length; i++) {
                    int c = lines[i].indexOf(n);
                    if (c >= 0) {
                        line = i + 1;
                        column = c + 1;
                        break;
                    }
                }
                out.add(notEmitted(Vocabulary.FILE, line, column, n, plugins));
            }
        }
    }

    /** Said once per check when some loaded plugin declares nothing: the plugin check is then incomplete. */
    static RuleProblem undeclared(PluginSignals plugins, String where) {
        return new RuleProblem(where, 0, 0, "plugin(s) " + String.join(", ", plugins.undeclared())
                + " declare no signal names (SignalProvider.signalNames()), so rules' signal names cannot be checked "
                + "against the loaded plugins", Severity.WARNING);
    }

    private static RuleProblem notEmitted(String path, int line, int column, String name, PluginSignals plugins) {
        Set<String> ids = plugins.byPlugin().keySet();
        return new RuleProblem(path, line, column, "no loaded plugin emits signal \"" + name + "\" (plugins: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids)) + "; they emit: " + String.join(", ", plugins.names())
                + ")", Severity.WARNING);
    }
}
