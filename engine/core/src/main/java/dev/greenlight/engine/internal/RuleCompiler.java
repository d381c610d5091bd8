package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.model.RulesetRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;

/**
 * Compiles rule files into a {@link CompiledRules} at run time (DRL, and decision tables when
 * drools-decisiontables is present), reporting every problem as {@code file:line:column: message}.
 */
public final class RuleCompiler {
    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_$][\\w.$]*)'");
    private static final String GENERATED = ".generated.drl";
    private static final String RESOURCES = "src/main/resources/";
    /** Each compilation gets its own release id, so reloads never see each other's modules. */
    private static final AtomicLong BUILDS = new AtomicLong();

    private RuleCompiler() {
    }

    /**
     * @throws RuleCompilationException listing every problem when any file does not compile, or
     *     when there are no rule files at all (deciding with no rules would only ever give the default)
     */
    public static CompiledRules compile(RuleFiles files) {
        return compile(files, PluginSignals.NONE_LOADED);
    }

    /**
     * Compiles {@code files}, checking rules' signal names against what the loaded {@code plugins} declare.
     *
     * @throws RuleCompilationException listing every problem when any file does not compile, or
     *     when there are no rule files at all
     */
    public static CompiledRules compile(RuleFiles files, PluginSignals plugins) {
        if (files.files().isEmpty()) {
            throw new RuleCompilationException(files.id(), List.of(new RuleProblem(files.id(), 0, 0,
                    "no rule files (*.drl, *.csv, *.xlsx) found")));
        }
        List<RuleProblem> problems = new ArrayList<>();
        Vocabulary vocabulary = vocabulary(files, problems);
        ConditionVocabulary conditions = conditions(files, problems);
        Map<String, String> drl = sources(files, vocabulary, problems);
        List<RuleProblem> policy = new ArrayList<>(PolicyChecker.check(drl, vocabulary, plugins));
        policy.addAll(ConditionCheck.check(drl, conditions));
        if (vocabulary.declared()) {
            SignalNameCheck.checkVocabulary(vocabulary, new String(files.files().get(Vocabulary.FILE),
                    StandardCharsets.UTF_8), plugins, policy);
        }
        for (Map.Entry<String, byte[]> e : files.files().entrySet()) {
            if (DecisionTables.isTable(e.getKey())) {
                policy.addAll(TableCheck.check(e.getKey(), e.getValue(), vocabulary));
            }
        }

        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("dev.greenlight.rules", "ruleset", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        for (Map.Entry<String, String> e : drl.entrySet()) {
            kfs.write(RESOURCES + kieName(e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        KieBuilder builder;
        try {
            builder = ks.newKieBuilder(kfs).buildAll();
        } catch (StackOverflowError e) {
            // Drools' parser recurses per nesting level; a hostile or broken file can exhaust the stack
            throw new RuleCompilationException(files.id(), List.of(new RuleProblem(files.id(), 0, 0,
                    "the rules are nested too deeply to compile (the compiler ran out of stack)")));
        }
        List<RuleProblem> compile = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            compile.add(toProblem(m, files, drl));
        }
        compile = ErrorTriage.triage(withoutEchoes(compile), files.files());
        problems.addAll(compile);
        // one problem per position: an unknown type is better explained by the compiler than by the policy check
        for (RuleProblem p : policy) {
            boolean samePlace = !p.isError() ? false : compile.stream().anyMatch(c -> c.file().equals(p.file())
                    && c.line() == p.line() && c.column() == p.column());
            if (!samePlace) {
                problems.add(p);
            }
        }
        // errors before warnings, so the first line printed is the first cause
        problems = problems.stream().distinct().sorted(Comparator.comparing((RuleProblem p) -> !p.isError())
                .thenComparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                .thenComparingInt(RuleProblem::column)).toList();
        List<RuleProblem> errors = problems.stream().filter(RuleProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(files.id(), problems);
        }
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
        // the container holds what it needs; the repository entry would only accumulate across reloads
        ks.getRepository().removeKieModule(releaseId);
        return new CompiledRules(new RulesetRef(files.id(), files.version()), kieBase, hasVerdictGlobal(kieBase),
                ruleCount(kieBase), problems, ruleNames(kieBase), plugins, conditions);
    }

    /** The vocabulary at the root of the rules, or {@link Vocabulary#NONE}; one anywhere else is a mistake. */
    private static Vocabulary vocabulary(RuleFiles files, List<RuleProblem> problems) {
        for (String path : files.files().keySet()) {
            if (path.endsWith("/" + Vocabulary.FILE)) {
                problems.add(new RuleProblem(path, 1, 1, "a vocabulary belongs at the root of the rules ("
                        + Vocabulary.FILE + "), where it applies to every rule"));
            }
        }
        byte[] bytes = files.files().get(Vocabulary.FILE);
        return bytes == null ? Vocabulary.NONE : Vocabulary.parse(bytes, problems);
    }

    /** The conditions at the root of the rules, or {@link ConditionVocabulary#NONE}; a file anywhere else is a mistake. */
    private static ConditionVocabulary conditions(RuleFiles files, List<RuleProblem> problems) {
        for (String path : files.files().keySet()) {
            if (path.endsWith("/" + ConditionVocabulary.FILE)) {
                problems.add(new RuleProblem(path, 1, 1, "conditions belong at the root of the rules ("
                        + ConditionVocabulary.FILE + "), where every rule can name them"));
            }
        }
        byte[] bytes = files.files().get(ConditionVocabulary.FILE);
        return bytes == null ? ConditionVocabulary.NONE : ConditionVocabulary.parse(bytes, problems);
    }

    /** DRL text per source path: DRL files as they are, decision tables as the DRL they generate. */
    private static Map<String, String> sources(RuleFiles files, Vocabulary vocabulary, List<RuleProblem> problems) {
        Map<String, String> drl = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.files().entrySet()) {
            if (e.getKey().endsWith(ConditionVocabulary.FILE)) {
                continue; // read by conditions(); it makes no rules
            }
            if (e.getKey().endsWith(Vocabulary.FILE)) {
                if (e.getKey().equals(Vocabulary.FILE) && !vocabulary.fields().isEmpty()) {
                    drl.put(e.getKey(), VocabularyRules.toDrl(vocabulary));
                }
            } else if (DecisionTables.isTable(e.getKey())) {
                try {
                    drl.put(e.getKey(), DecisionTables.toDrl(e.getKey(), e.getValue()));
                } catch (DecisionTables.TableException t) {
                    problems.add(t.problem);
                }
            } else {
                drl.put(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        return drl;
    }

    /** The name a source has inside the KieFileSystem: tables and the vocabulary go in as the DRL they generate. */
    private static String kieName(String path) {
        return DecisionTables.isTable(path) || path.endsWith(Vocabulary.FILE) ? path + GENERATED : path;
    }

    private static RuleProblem toProblem(Message m, RuleFiles files, Map<String, String> drl) {
        String path = m.getPath() == null ? files.id() : m.getPath();
        if (path.startsWith(RESOURCES)) {
            path = path.substring(RESOURCES.length());
        }
        String text = m.getText() == null ? "unknown error" : m.getText().strip().replaceAll("\\s+", " ");
        int line = Math.max(0, m.getLine());
        int column = Math.max(0, m.getColumn());
        if (path.endsWith(GENERATED)) {
            String table = path.substring(0, path.length() - GENERATED.length());
            if (!DecisionTables.isTable(table)) {
                return new RuleProblem(table, 0, 0, "the rules generated from the vocabulary do not compile: " + text);
            }
            Matcher pos = PARSER_POSITION.matcher(text);
            int drlLine = pos.find() ? Integer.parseInt(pos.group(1)) : line;
            return DecisionTables.locate(table, files.files().get(table), drl.get(table), drlLine, text);
        }
        // parser errors carry the position only in their text ("[ERR 101] Line 6:31 ..."; 0-based column)
        Matcher pos = PARSER_POSITION.matcher(text);
        if (pos.find()) {
            line = Integer.parseInt(pos.group(1));
            column = Integer.parseInt(pos.group(2)) + 1;
        } else if (column == 0 && line > 0) {
            column = columnOfQuotedName(files.files().get(path), line, text);
        }
        return new RuleProblem(path, line, column, text);
    }

    /**
     * Resolution errors ("Unable to resolve ObjectType 'Foo'") name the culprit but no column; find
     * the name on its line so an editor can jump to it. 0 when it cannot be found.
     */
    private static int columnOfQuotedName(byte[] source, int line, String text) {
        Matcher quoted = QUOTED.matcher(text);
        if (source == null || !quoted.find()) {
            return 0;
        }
        String[] lines = new String(source, StandardCharsets.UTF_8).split("\n", -1);
        if (line > lines.length) {
            return 0;
        }
        int idx = lines[line - 1].indexOf(quoted.group(1));
        return idx < 0 ? 0 : idx + 1;
    }

    /** "Parser returned a null Package" only echoes a parse error already reported for the file. */
    private static List<RuleProblem> withoutEchoes(List<RuleProblem> problems) {
        List<RuleProblem> out = new ArrayList<>();
        for (RuleProblem p : problems) {
            boolean echo = p.message().startsWith("Parser returned a null Package")
                    && problems.stream().anyMatch(o -> o != p && o.file().equals(p.file()));
            if (!echo) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean hasVerdictGlobal(KieBase kieBase) {
        for (KiePackage p : kieBase.getKiePackages()) {
            if (p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(CompiledRules.VERDICT_GLOBAL))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ruleNames(KieBase kieBase) {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(r -> r.getName())
                .sorted().toList();
    }

    private static int ruleCount(KieBase kieBase) {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }
}
