package dev.greenlight.engine.internal;

import dev.greenlight.engine.RuleCompilationException;
import dev.greenlight.engine.RuleProblem;
import dev.greenlight.model.RulesetRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        if (files.files().isEmpty()) {
            throw new RuleCompilationException(files.id(), List.of(new RuleProblem(files.id(), 0, 0,
                    "no rule files (*.drl, *.csv, *.xlsx) found")));
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("dev.greenlight.rules", "ruleset", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        for (Map.Entry<String, byte[]> e : files.files().entrySet()) {
            kfs.write(RESOURCES + e.getKey(), e.getValue());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(toProblem(m, files));
        }
        problems = withoutEchoes(problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                    .thenComparingInt(RuleProblem::column));
            throw new RuleCompilationException(files.id(), dedupe(problems));
        }
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
        // the container holds what it needs; the repository entry would only accumulate across reloads
        ks.getRepository().removeKieModule(releaseId);
        return new CompiledRules(new RulesetRef(files.id(), files.version()), kieBase, hasVerdictGlobal(kieBase),
                ruleCount(kieBase));
    }

    private static RuleProblem toProblem(Message m, RuleFiles files) {
        String path = m.getPath() == null ? files.id() : m.getPath();
        if (path.startsWith(RESOURCES)) {
            path = path.substring(RESOURCES.length());
        }
        String text = m.getText() == null ? "unknown error" : m.getText().strip().replaceAll("\\s+", " ");
        int line = Math.max(0, m.getLine());
        int column = Math.max(0, m.getColumn());
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

    /** Drools reports some errors once per phase; one line per distinct problem is enough. */
    private static List<RuleProblem> dedupe(List<RuleProblem> problems) {
        return problems.stream().distinct().toList();
    }

    private static boolean hasVerdictGlobal(KieBase kieBase) {
        for (KiePackage p : kieBase.getKiePackages()) {
            if (p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(CompiledRules.VERDICT_GLOBAL))) {
                return true;
            }
        }
        return false;
    }

    private static int ruleCount(KieBase kieBase) {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }
}
