package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a rule that approves with a condition the pack's {@link ConditionVocabulary} does not
 * define, at the condition's position, so that a typo fails {@code validate} instead of escalating
 * every submission it meets. The condition must be written as a string literal: a computed id could
 * not be checked before it runs. Stateless.
 */
final class ConditionCheck {
    private static final Pattern APPROVE_WITH = Pattern.compile("\\bverdict\\s*\\.\\s*approveWith\\s*\\(\\s*");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\\\n]*)\"\\s*,");

    private ConditionCheck() {
    }

    /** Problems (errors) with the conditions named in {@code drlByPath}. */
    static List<RuleProblem> check(Map<String, String> drlByPath, ConditionVocabulary conditions) {
        List<RuleProblem> out = new ArrayList<>();
        drlByPath.forEach((path, src) -> {
            SourceText text = new SourceText(src);
            Matcher m = APPROVE_WITH.matcher(src);
            while (m.find()) {
                int at = m.end();
                Matcher lit = LITERAL.matcher(src).region(at, src.length());
                if (!lit.lookingAt()) {
                    out.add(new RuleProblem(path, text.line(at), text.column(at), "the condition of approveWith must be "
                            + "written as a \"quoted\" id from " + ConditionVocabulary.FILE + ", so it can be checked"));
                    continue;
                }
                String id = lit.group(1);
                if (conditions.get(id).isEmpty()) {
                    out.add(new RuleProblem(path, text.line(at), text.column(at), "unknown condition '" + id + "': "
                            + (conditions.declared() ? "not defined in " + ConditionVocabulary.FILE + " (defined: "
                            + conditions.definitions().keySet() + ")" : "the rules have no " + ConditionVocabulary.FILE
                            + " defining conditions")));
                }
            }
        });
        return out;
    }
}
