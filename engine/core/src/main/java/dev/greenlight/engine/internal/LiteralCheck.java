package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.RuleProblem.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns about a rule that compares a closed field with a literal the vocabulary does not list
 * ({@code submitter.program == "early_access"}): no submission can carry it (an undeclared value is
 * escalated first), so the rule is dead, and usually a typo. Reads the usual forms: {@code ==},
 * {@code !=}, {@code in}/{@code not in}, {@code hasRole}, {@code hasTag} and a submission's
 * {@code attribute("x")}. Stateless.
 */
final class LiteralCheck {
    private static final String FIELD = "(submitter\\s*\\.\\s*program|intendedUse|\\btype)";
    private static final Pattern COMPARE = Pattern.compile(FIELD + "\\s*(?:==|!=)\\s*\"([^\"]*)\"");
    private static final Pattern IN = Pattern.compile(FIELD + "\\s+(?:not\\s+)?in\\s*\\(");
    private static final Pattern CALL = Pattern.compile("\\b(hasRole|hasTag)\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern SUBMISSION = Pattern.compile("(?:(\\$\\w+)\\s*:\\s*)?\\bSubmission\\s*\\(");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\$\\w+\\s*\\.\\s*)?\\battribute\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private LiteralCheck() {
    }

    static void check(String path, String src, Vocabulary vocabulary, List<RuleProblem> out) {
        if (vocabulary.fields().isEmpty()) {
            return;
        }
        SourceText s = new SourceText(src);
        Matcher m = COMPARE.matcher(s.text);
        while (m.find()) {
            value(path, s, field(m.group(1)), m.group(2), m.start(2), vocabulary, out);
        }
        m = IN.matcher(s.text);
        while (m.find()) {
            int end = s.closingParen(m.end());
            Matcher q = QUOTED.matcher(s.text.substring(m.end(), end));
            while (q.find()) {
                value(path, s, field(m.group(1)), q.group(1), m.end() + q.start(1), vocabulary, out);
            }
        }
        m = CALL.matcher(s.text);
        while (m.find()) {
            value(path, s, m.group(1).equals("hasRole") ? "submitter.roles" : "tags", m.group(2), m.start(2), vocabulary, out);
        }
        attributes(path, s, vocabulary, out);
    }

    /** {@code attribute("x")} inside a Submission pattern, or on a variable bound to one (signals have attributes too). */
    private static void attributes(String path, SourceText s, Vocabulary vocabulary, List<RuleProblem> out) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = SUBMISSION.matcher(s.text);
        while (m.find()) {
            spans.add(new int[] {m.end(), s.closingParen(m.end())});
        }
        Matcher a = ATTRIBUTE.matcher(s.text);
        while (a.find()) {
            String var = a.group(1) == null ? null : a.group(1).replaceAll("[\\s.]", "");
            int start = a.start();
            boolean inside = var == null && spans.stream().anyMatch(sp -> start >= sp[0] && start < sp[1]);
            if (inside || var != null && boundToSubmission(s.text, var, start)) {
                value(path, s, "attributes", a.group(2), a.start(2), vocabulary, out);
            }
        }
    }

    /**
     * Whether {@code var}, where it is used at {@code at}, is bound to a Submission: by its nearest
     * binding before that point (each rule binds its own variables; another rule of the file may bind
     * the same name to a Signal, whose attributes are not the submission's).
     */
    private static boolean boundToSubmission(String text, String var, int at) {
        Matcher b = Pattern.compile(Pattern.quote(var) + "\\s*:\\s*(\\w+)\\s*\\(").matcher(text);
        String type = null;
        while (b.find() && b.start() < at) {
            type = b.group(1);
        }
        return "Submission".equals(type);
    }

    private static String field(String matched) {
        String f = matched.replaceAll("\\s", "");
        return f.equals("type") ? "media.type" : f;
    }

    private static void value(String path, SourceText s, String field, String value, int at, Vocabulary vocabulary,
                              List<RuleProblem> out) {
        Set<String> known = vocabulary.fields().get(field);
        if (known != null && !known.contains(value)) {
            out.add(new RuleProblem(path, s.line(at), s.column(at), "\"" + value + "\" is not a value of " + field
                    + " in " + Vocabulary.FILE + " (known: " + String.join(", ", new TreeSet<>(known))
                    + "); no submission can carry it, so this comparison never holds as written. A typo, or a value to declare?",
                    Severity.WARNING));
        }
    }
}
