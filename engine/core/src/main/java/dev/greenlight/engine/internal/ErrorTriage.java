package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the compiler's errors into the ones an author should read: each at the file, line and column
 * of its cause, and without the errors that only follow from an earlier one. One missing parenthesis
 * makes Drools drop the whole build's declarations, so every other file then "cannot resolve"
 * the declared types (twenty errors, most far from the cause); those are dropped, and the cause says
 * how many it hid. Stateless.
 */
final class ErrorTriage {
    private static final Pattern PARSE_ERROR = Pattern.compile("^\\[ERR \\d+\\]");
    private static final Pattern ANALYSE = Pattern.compile("Unable to Analyse Expression (.+?):\\s*\\[Error: (.+?)\\]");
    private static final Pattern UNRESOLVED_METHOD = Pattern.compile("strict-mode: [\\w.$]+\\.([\\w$]+)\\(\\)");
    private static final Pattern UNRESOLVED_TYPE = Pattern.compile("Unable to resolve ObjectType '([\\w.$]+)'"
            + "|([\\w$]+) cannot be resolved to a type|Error importing : '([\\w.$]+)'|Only a type can be imported");
    private static final Pattern UNRESOLVED_VARIABLE = Pattern.compile("(\\$[\\w]+) cannot be resolved to a variable"
            + "|Unable to Analyse Expression [^:]*\\$\\w+|'\\$\\w+' is not a field, a value or a bound variable");
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_$][\\w.$]*)'");

    private ErrorTriage() {
    }

    /**
     * The causes among {@code errors}, each located in {@code sources} (path to text), the first cause
     * first. {@code declared}: the types the rule set declares, whose resolution failures follow from
     * an error in the file that declares them.
     */
    static List<RuleProblem> triage(List<RuleProblem> errors, Map<String, byte[]> sources) {
        List<RuleProblem> located = new ArrayList<>();
        List<RuleProblem> parse = new ArrayList<>();
        for (RuleProblem p : errors) {
            RuleProblem l = locate(p, sources);
            located.add(l);
            if (PARSE_ERROR.matcher(p.message()).find()) {
                parse.add(l);
            }
        }
        Set<String> declared = declaredTypes(sources);
        List<RuleProblem> causes = new ArrayList<>();
        int dropped = 0;
        Set<String> filesWithUnresolvedTypes = new TreeSet<>();
        for (RuleProblem p : located) {
            if (UNRESOLVED_TYPE.matcher(p.message()).find()) {
                filesWithUnresolvedTypes.add(p.file());
            }
        }
        for (RuleProblem p : located) {
            boolean consequence;
            if (!parse.isEmpty()) {
                // a file that does not parse takes the build's declared types with it: what cannot resolve them
                // (or the variables their patterns bind) follows from the parse error; anything else is its own cause
                consequence = !parse.contains(p) && (mentionsAny(p.message(), declared)
                        || UNRESOLVED_VARIABLE.matcher(p.message()).find());
            } else {
                // "$max cannot be resolved" follows from the pattern that should have bound it not resolving
                consequence = UNRESOLVED_VARIABLE.matcher(p.message()).find() && filesWithUnresolvedTypes.contains(p.file());
            }
            if (consequence) {
                dropped++;
            } else {
                causes.add(p);
            }
        }
        if (dropped > 0 && !causes.isEmpty()) {
            RuleProblem first = causes.get(0);
            causes.set(0, new RuleProblem(first.file(), first.line(), first.column(), first.message() + " (" + dropped
                    + (dropped == 1 ? " further error follows" : " further errors follow") + " from this one and "
                    + (dropped == 1 ? "is" : "are") + " not shown; fix it and validate again)"));
        }
        return causes;
    }

    private static final Pattern DECLARE = Pattern.compile("\\bdeclare\\s+(?:trait\\s+)?([A-Za-z_$][\\w$]*)");

    /** The types the DRL sources declare ({@code declare MaxVideoSeconds … end}). */
    private static Set<String> declaredTypes(Map<String, byte[]> sources) {
        Set<String> out = new TreeSet<>();
        sources.forEach((path, bytes) -> {
            if (path.endsWith(".drl")) {
                Matcher m = DECLARE.matcher(new String(bytes, StandardCharsets.UTF_8));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        });
        return out;
    }

    private static boolean mentionsAny(String message, Set<String> names) {
        for (String n : names) {
            if (Pattern.compile("(?<![\\w$])" + Pattern.quote(n) + "(?![\\w$])").matcher(message).find()) {
                return true;
            }
        }
        return false;
    }

    /** A problem with a place: the expression or name it quotes found in the file when the compiler gave none. */
    static RuleProblem locate(RuleProblem p, Map<String, byte[]> sources) {
        String message = plainer(p.message());
        byte[] bytes = sources.get(p.file());
        if (bytes != null && PARSE_ERROR.matcher(p.message()).find() && p.line() > 0) {
            RuleProblem unclosed = unclosedParen(p, new String(bytes, StandardCharsets.UTF_8));
            if (unclosed != null) {
                return unclosed;
            }
        }
        if (bytes == null || p.line() > 0 && p.column() > 0) {
            return new RuleProblem(p.file(), Math.max(1, p.line()), Math.max(1, p.column()), message, p.severity());
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        Matcher a = ANALYSE.matcher(p.message());
        String needle = null;
        String within = null;
        if (a.find()) {
            within = a.group(1).strip();
            Matcher m = UNRESOLVED_METHOD.matcher(a.group(2));
            needle = m.find() ? m.group(1) : null;
        } else {
            Matcher q = QUOTED.matcher(p.message());
            needle = q.find() ? q.group(1) : null;
            if (needle != null && needle.contains(".")) {
                needle = needle.substring(needle.lastIndexOf('.') + 1);
            }
        }
        int from = p.line() > 0 ? p.line() - 1 : 0;
        int to = p.line() > 0 ? Math.min(lines.length, p.line()) : lines.length;
        for (int i = from; i < to; i++) {
            int at = within == null ? -1 : lines[i].indexOf(within);
            if (at >= 0) {
                int n = needle == null ? -1 : lines[i].indexOf(needle, at);
                return new RuleProblem(p.file(), i + 1, (n >= 0 ? n : at) + 1, message, p.severity());
            }
            if (within == null && needle != null) {
                int n = lines[i].indexOf(needle);
                if (n >= 0) {
                    return new RuleProblem(p.file(), i + 1, n + 1, message, p.severity());
                }
            }
        }
        return new RuleProblem(p.file(), Math.max(1, p.line()), 1, message, p.severity());
    }

    /**
     * The parser notices a missing ')' only at the next keyword ("mismatched input 'then'"), lines after
     * the cause: the innermost '(' still open where it stopped is where the author must look.
     */
    private static RuleProblem unclosedParen(RuleProblem p, String src) {
        SourceText text = new SourceText(src);
        String t = text.text;
        int stop = t.length();
        int line = 1;
        for (int i = 0; i < t.length(); i++) {
            if (line == p.line() + 1) {
                stop = i; // the whole line the parser stopped on: a ')' later on it closes what it opened
                break;
            }
            if (t.charAt(i) == '\n') {
                line++;
            }
        }
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < stop; i++) {
            char c = t.charAt(i);
            if (c == '"' || c == '\'') {
                i++;
                while (i < stop && t.charAt(i) != c && t.charAt(i) != '\n') {
                    i += t.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                open.pop();
            } else if (open.isEmpty() && t.startsWith("rule", i) && (i == 0 || t.charAt(i - 1) == '\n')) {
                open.clear(); // each rule starts balanced
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        int at = open.peek();
        return new RuleProblem(p.file(), text.line(at), text.column(at), "this '(' is never closed (the parser noticed at line "
                + p.line() + ": " + p.message().replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+ ", "") + ")");
    }

    /** Drools' "Unable to Analyse Expression" in words an author can act on, with a guess at the typo. */
    private static String plainer(String message) {
        Matcher a = ANALYSE.matcher(message);
        if (!a.find()) {
            return message;
        }
        Matcher m = UNRESOLVED_METHOD.matcher(a.group(2));
        if (!m.find()) {
            return message;
        }
        String name = m.group(1);
        String guess = "";
        for (String word : List.of("true", "false", "null")) {
            if (!name.equals(word) && distance(name, word) <= 2) {
                guess = "; did you mean " + word + "?";
            }
        }
        return message.substring(0, a.start()) + "cannot understand '" + a.group(1).strip() + "': '" + name + "' is not a field, a value or a bound variable"
                + guess;
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int sub = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return d[a.length()][b.length()];
    }
}
