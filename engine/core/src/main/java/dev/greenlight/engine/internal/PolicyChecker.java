package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.RuleProblem.Severity;
import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.ruleset.RuleProblem.Severity;
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
 *   <li><b>errors</b> (the rule set is not loaded): any type, member (after a dot), qualified name or
 *       import outside the total allow-list ({@link AllowList}: listed types, and only the members of
 *       theirs that hand back listed types; the types the DRL declares and their fields); reflection,
 *       class loading, {@code eval}, and the {@code drools}/{@code kcontext} handles to the engine; a
 *       unicode escape (backslash, u, four hex digits); two rules with the same name (reasons would be ambiguous);</li>
 *   <li><b>warnings</b>: a rule that votes without a {@code @policy} id or with an empty message; a
 *       {@code Signal} name that neither the pack's vocabulary nor the loaded plugins declare
 *       ({@link SignalNameCheck}); a closed field compared with a literal outside the vocabulary
 *       ({@link LiteralCheck}).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class PolicyChecker {
    /** Lower-case names that reach the engine, the JVM or reflection. */
    static final Set<String> FORBIDDEN_NAMES = Set.of("drools", "kcontext", "eval", "getClass", "forName",
            "getClassLoader", "getContextClassLoader", "newInstance", "getDeclaredMethod", "getDeclaredField",
            "getMethod", "setAccessible", "invoke", "exec", "exit", "halt", "getRuntime", "loadClass");

    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io",
            "dev", "kotlin", "scala", "groovy", "lombok");
    // approveWith's message is its second argument: skip a literal condition id and its comma
    private static final Pattern VOTE = Pattern.compile(
            "verdict\\s*\\.\\s*(reject|escalate|approve|approveWith)\\s*\\(\\s*(?:\"[^\"]*\"\\s*,\\s*)?(\"\\s*\"|null)?");

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
        Set<String> declaredMembers = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : drlByPath.entrySet()) {
            PackageDescr pkg = parse(e.getValue());
            if (pkg != null) {
                parsed.put(e.getKey(), pkg);
                for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                    declared.add(t.getTypeName());
                    for (String field : t.getFields().keySet()) {
                        String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
                        declaredMembers.addAll(List.of(field, "get" + cap, "is" + cap, "set" + cap));
                    }
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
            checkCode(path, e.getValue(), declared, declaredMembers, out);
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

    /** Unicode escapes are read by the Java compiler before anything else: one can end a string or a comment. */
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+[0-9a-fA-F]{4}");

    /** Every identifier against the allow-list ({@link AllowList}): types, members, qualified names, imports. */
    private static void checkCode(String path, String src, Set<String> declared, Set<String> declaredMembers,
                                  List<RuleProblem> out) {
        Matcher escape = UNICODE_ESCAPE.matcher(src);
        if (escape.find()) {
            SourceText text = new SourceText(src);
            out.add(new RuleProblem(path, text.line(escape.start()), text.column(escape.start()), "not allowed in a policy: "
                    + "a unicode escape (backslash u) (the compiler reads it before strings and comments); write the character itself"));
        }
        List<DrlTokens.Ident> ids = DrlTokens.identifiers(src);
        for (int k = 0; k < ids.size(); k++) {
            DrlTokens.Ident id = ids.get(k);
            String t = id.text();
            if (!id.afterDot() && t.equals("package")) {
                k = chainEnd(ids, k + 1);
                continue;
            }
            if (!id.afterDot() && t.equals("import")) {
                k = checkImport(path, ids, k + 1, declared, out);
                continue;
            }
            if (id.afterDot()) {
                if (FORBIDDEN_NAMES.contains(t)) {
                    out.add(forbidden(path, id, "'" + t + "' (reflection, class loading or process control)"));
                } else if (!AllowList.member(t) && !declaredMembers.contains(t)) {
                    out.add(forbidden(path, id, "'." + t + "' is not a member a policy may use (the allow-list: the model's "
                            + "fields and methods, text, numbers, java.util collections and java.time values, and nothing "
                            + "that hands back a class, a stream, a function or a thread)"));
                }
                continue;
            }
            if (id.beforeDot() && PACKAGE_ROOTS.contains(t)) {
                int last = chainEnd(ids, k);
                checkQualified(path, ids, k, last, out);
                k = last;
                continue;
            }
            if (FORBIDDEN_NAMES.contains(t)) {
                out.add(forbidden(path, id, "'" + t + "' (reflection, eval, or a handle on the engine)"));
            } else if (Character.isUpperCase(t.charAt(0)) && !AllowList.type(t) && !declared.contains(t) && !isConstant(t)) {
                out.add(forbidden(path, id, "type '" + t + "' is not one a policy may use (allowed: the model types, "
                        + "types declared in the rules, java.util and java.time types, Math, strings and numbers)"));
            }
        }
    }

    /** The index of the last identifier of the dotted chain that starts at {@code start}. */
    private static int chainEnd(List<DrlTokens.Ident> ids, int start) {
        int k = Math.min(start, ids.size() - 1);
        while (k + 1 < ids.size() && ids.get(k).beforeDot() && ids.get(k + 1).afterDot()) {
            k++;
        }
        return k;
    }

    /** A qualified name must spell an allowed type with its package, then only allowed members. */
    private static void checkQualified(String path, List<DrlTokens.Ident> ids, int first, int last, List<RuleProblem> out) {
        List<String> segments = ids.subList(first, last + 1).stream().map(DrlTokens.Ident::text).toList();
        int type = AllowList.typePrefix(segments);
        boolean ok = type > 0 && segments.subList(type, segments.size()).stream()
                .allMatch(m -> AllowList.member(m) && !FORBIDDEN_NAMES.contains(m));
        if (!ok) {
            out.add(forbidden(path, ids.get(first), "'" + String.join(".", segments) + "': policies may use the listed "
                    + "types of dev.greenlight.model, java.lang, java.util and java.time only"));
        }
    }

    /**
     * {@code import a.b.C;} (an allowed type, or a type the rules declare), {@code import a.b.*;} (a package of
     * allowed types), {@code import static a.b.C.m;} (an allowed member of an allowed type). Returns the last
     * identifier of the import.
     */
    private static int checkImport(String path, List<DrlTokens.Ident> ids, int at, Set<String> declared, List<RuleProblem> out) {
        if (at >= ids.size()) {
            return at;
        }
        if (Set.of("static", "function", "accumulate").contains(ids.get(at).text()) && at + 1 < ids.size()) {
            at++;
        }
        int last = chainEnd(ids, at);
        List<String> segments = ids.subList(at, last + 1).stream().map(DrlTokens.Ident::text).toList();
        String name = String.join(".", segments);
        boolean wildcard = ids.get(last).beforeDot();
        boolean ok;
        if (wildcard) {
            ok = AllowList.packageOfAType(name);
        } else if (PACKAGE_ROOTS.contains(segments.get(0))) {
            int type = AllowList.typePrefix(segments);
            ok = type > 0 && segments.subList(type, segments.size()).stream()
                    .allMatch(m -> AllowList.member(m) && !FORBIDDEN_NAMES.contains(m));
        } else {
            ok = declared.contains(segments.get(segments.size() - 1)); // a type another file of the rules declares
        }
        if (!ok) {
            out.add(forbidden(path, ids.get(at), "import of '" + name + (wildcard ? ".*" : "") + "': policies may use the "
                    + "listed types of dev.greenlight.model, java.lang, java.util and java.time, and types the rules declare"));
        }
        return last;
    }

    /** ALL_CAPS names are constants (e.g. after a static import), not types. */
    private static boolean isConstant(String t) {
        return t.length() > 1 && t.equals(t.toUpperCase(java.util.Locale.ROOT));
    }

    private static RuleProblem forbidden(String path, DrlTokens.Ident id, String what) {
        return new RuleProblem(path, id.line(), id.column(), "not allowed in a policy: " + what);
    }

}
