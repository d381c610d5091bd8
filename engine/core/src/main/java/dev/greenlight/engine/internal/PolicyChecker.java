package dev.greenlight.engine.internal;

import dev.greenlight.engine.PluginSignals;
import dev.greenlight.engine.RuleProblem;
import dev.greenlight.engine.RuleProblem.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Checks rule sources for what a policy must not do and what a policy author likely got wrong.
 * Rules are code: a consequence can call any Java, and {@code java.lang} needs no import, so an
 * import list alone proves nothing. Every identifier in the source is checked instead:
 * <ul>
 *   <li><b>errors</b> (the rule set is not loaded): any type name outside the allow-list (the model
 *       types, types the DRL declares, {@code java.util} and {@code java.time} types, {@code Math},
 *       boxed numbers and strings); any qualified name outside {@code dev.greenlight.model},
 *       {@code java.util} (not {@code java.util.concurrent}) and {@code java.time}; reflection,
 *       class loading, {@code eval}, and the {@code drools}/{@code kcontext} handles to the engine;
 *       two rules with the same name (reasons would be ambiguous);</li>
 *   <li><b>warnings</b>: a rule that votes without a {@code @policy} id or with an empty message; a
 *       {@code Signal} name that neither the pack's vocabulary nor the loaded plugins declare
 *       ({@link SignalNameCheck}); a closed field compared with a literal outside the vocabulary
 *       ({@link LiteralCheck}).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class PolicyChecker {
    static final Set<String> ALLOWED_TYPES = Set.of(
            // the model
            "Submission", "Submitter", "ModelInfo", "Media", "Provenance", "Signal", "Votes", "Verdict", "Reason",
            "Decision", "RulesetRef", "PluginRun",
            // java.lang values and Math
            "String", "Math", "Integer", "Long", "Double", "Float", "Short", "Byte", "Boolean", "Character", "Number",
            "Object", "StringBuilder", "CharSequence", "Comparable", "Iterable",
            "IllegalStateException", "IllegalArgumentException", "RuntimeException", "ArithmeticException",
            "NullPointerException", "UnsupportedOperationException", "IndexOutOfBoundsException",
            // java.util
            "List", "ArrayList", "LinkedList", "Map", "HashMap", "LinkedHashMap", "TreeMap", "Set", "HashSet",
            "LinkedHashSet", "TreeSet", "Collection", "Collections", "Arrays", "Objects", "Optional", "Iterator",
            "Locale", "Comparator", "Deque", "ArrayDeque", "Queue", "StringJoiner", "NavigableMap", "SortedMap",
            "SortedSet", "Entry",
            // java.time
            "Instant", "Duration", "LocalDate", "LocalDateTime", "LocalTime", "ZonedDateTime", "OffsetDateTime",
            "ZoneId", "ZoneOffset", "DayOfWeek", "Month", "Year", "YearMonth", "Period", "ChronoUnit");

    /** Lower-case names that reach the engine, the JVM or reflection. */
    static final Set<String> FORBIDDEN_NAMES = Set.of("drools", "kcontext", "eval", "getClass", "forName",
            "getClassLoader", "getContextClassLoader", "newInstance", "getDeclaredMethod", "getDeclaredField",
            "getMethod", "setAccessible", "invoke", "exec", "exit", "halt", "getRuntime", "loadClass");

    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io",
            "dev", "kotlin", "scala", "groovy", "lombok");
    private static final List<String> ALLOWED_PACKAGES = List.of("dev.greenlight.model.", "java.util.", "java.time.");
    private static final List<String> FORBIDDEN_PACKAGES = List.of("java.util.concurrent.", "java.util.function.",
            "java.util.logging.", "java.util.jar.", "java.util.zip.", "java.util.spi.", "java.util.prefs.");
    private static final Pattern VOTE = Pattern.compile("verdict\\s*\\.\\s*(reject|escalate|approve)\\s*\\(\\s*(\"\\s*\"|null)?");

    private PolicyChecker() {
    }

    /** Every problem in every DRL source ({@code path} to text), with no vocabulary and no plugins loaded. */
    public static List<RuleProblem> check(Map<String, String> drlByPath) {
        return check(drlByPath, Vocabulary.NONE, PluginSignals.NONE_LOADED);
    }

    /**
     * Every problem in every DRL source ({@code path} to text; decision tables as the DRL they generate),
     * errors and warnings, with the pack's vocabulary and what the loaded plugins declare.
     */
    public static List<RuleProblem> check(Map<String, String> drlByPath, Vocabulary vocabulary, PluginSignals plugins) {
        List<RuleProblem> out = new ArrayList<>();
        Map<String, String> firstRuleFile = new HashMap<>();
        Map<String, PackageDescr> parsed = new HashMap<>();
        // types declared anywhere in the rule set (classification facts) may be used in any file
        Set<String> declared = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : drlByPath.entrySet()) {
            PackageDescr pkg = parse(e.getValue());
            if (pkg != null) {
                parsed.put(e.getKey(), pkg);
                for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                    declared.add(t.getTypeName());
                }
                pkg.getEnumDeclarations().forEach(t -> declared.add(t.getTypeName()));
            }
        }
        for (Map.Entry<String, String> e : drlByPath.entrySet()) {
            String path = e.getKey();
            PackageDescr pkg = parsed.get(path);
            if (pkg != null) {
                for (RuleDescr rule : pkg.getRules()) {
                    checkRule(path, rule, firstRuleFile, out);
                }
            }
            checkCode(path, e.getValue(), declared, out);
            SignalNameCheck.check(path, e.getValue(), vocabulary, plugins, out);
            if (!DecisionTables.isTable(path)) { // a table's values are checked cell by cell (TableCheck)
                LiteralCheck.check(path, e.getValue(), vocabulary, out);
            }
        }
        if (plugins.loaded() && !plugins.undeclared().isEmpty()) {
            out.add(SignalNameCheck.undeclared(plugins, drlByPath.isEmpty() ? "rules" : drlByPath.keySet().iterator().next()));
        }
        return out;
    }

    private static PackageDescr parse(String src) {
        try {
            DrlParser parser = new DrlParser();
            PackageDescr pkg = parser.parse(false, src);
            // a source the parser rejects is reported by the compiler, with its position
            return parser.hasErrors() ? null : pkg;
        } catch (DroolsParserException | RuntimeException | StackOverflowError e) {
            // a source the parser cannot take (even one nested deeply enough to exhaust the stack)
            // gets no structural checks here; the compiler reports it
            return null;
        }
    }

    private static void checkRule(String path, RuleDescr rule, Map<String, String> firstRuleFile, List<RuleProblem> out) {
        String name = rule.getName();
        String earlier = firstRuleFile.putIfAbsent(name, path);
        if (earlier != null) {
            out.add(new RuleProblem(path, rule.getLine(), Math.max(1, rule.getColumn()), "rule \"" + name
                    + "\" has the same name as a rule in " + earlier + "; decisions name rules, so names must be unique"));
        }
        String consequence = String.valueOf(rule.getConsequence());
        Matcher vote = VOTE.matcher(consequence);
        boolean votes = false;
        while (vote.find()) {
            votes = true;
            if (vote.group(2) != null) {
                out.add(new RuleProblem(path, rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() : rule.getLine(), 1,
                        "rule \"" + name + "\" votes with an empty message; write one the artist will understand",
                        Severity.WARNING));
            }
        }
        if (votes) {
            AnnotationDescr policy = rule.getAnnotation("policy");
            String value = policy == null ? null : String.valueOf(policy.getSingleValue()).replace("\"", "").trim();
            if (value == null || value.isEmpty() || value.equals("null")) {
                out.add(new RuleProblem(path, rule.getLine(), Math.max(1, rule.getColumn()),
                        "rule \"" + name + "\" votes but has no @policy(\"…\") id", Severity.WARNING));
            }
        }
    }

    /** Every identifier against the allow-lists. */
    private static void checkCode(String path, String src, Set<String> declared, List<RuleProblem> out) {
        List<DrlTokens.Ident> ids = DrlTokens.identifiers(src);
        for (int k = 0; k < ids.size(); k++) {
            DrlTokens.Ident id = ids.get(k);
            String t = id.text();
            if (id.afterDot()) {
                if (FORBIDDEN_NAMES.contains(t)) {
                    out.add(forbidden(path, id, "'" + t + "' (reflection, class loading or process control)"));
                }
                continue;
            }
            if (id.beforeDot() && PACKAGE_ROOTS.contains(t)) {
                String qualified = qualifiedName(ids, k);
                if (!allowedQualified(qualified)) {
                    out.add(forbidden(path, id, "'" + qualified + "': policies may use dev.greenlight.model, java.util "
                            + "and java.time only"));
                }
                while (k + 1 < ids.size() && ids.get(k).beforeDot() && ids.get(k + 1).afterDot()) {
                    k++;
                }
                continue;
            }
            if (FORBIDDEN_NAMES.contains(t)) {
                out.add(forbidden(path, id, "'" + t + "' (reflection, eval, or a handle on the engine)"));
            } else if (Character.isUpperCase(t.charAt(0)) && !ALLOWED_TYPES.contains(t) && !declared.contains(t)
                    && !isConstant(t)) {
                out.add(forbidden(path, id, "type '" + t + "' is not one a policy may use (allowed: the model types, "
                        + "types declared in the rules, java.util and java.time types, Math, strings and numbers)"));
            }
        }
    }

    /** ALL_CAPS names are constants (e.g. after a static import), not types. */
    private static boolean isConstant(String t) {
        return t.length() > 1 && t.equals(t.toUpperCase(java.util.Locale.ROOT));
    }

    private static String qualifiedName(List<DrlTokens.Ident> ids, int start) {
        StringBuilder sb = new StringBuilder(ids.get(start).text());
        int k = start;
        while (k + 1 < ids.size() && ids.get(k).beforeDot() && ids.get(k + 1).afterDot()) {
            k++;
            sb.append('.').append(ids.get(k).text());
        }
        return sb.toString();
    }

    private static boolean allowedQualified(String name) {
        String dotted = name + ".";
        for (String bad : FORBIDDEN_PACKAGES) {
            if (dotted.startsWith(bad)) {
                return false;
            }
        }
        for (String ok : ALLOWED_PACKAGES) {
            if (dotted.startsWith(ok)) {
                return true;
            }
        }
        return name.equals("java.lang.Math") || name.equals("java.lang.String") || name.startsWith("java.lang.Math.");
    }

    private static RuleProblem forbidden(String path, DrlTokens.Ident id, String what) {
        return new RuleProblem(path, id.line(), id.column(), "not allowed in a policy: " + what);
    }

}
