package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.ruleset.RuleCompilationException;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.testing.RuleDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R3: forbidden code in rules is rejected at validation and by the loader, qualified or not. */
class PolicyCheckTest {
    @TempDir
    Path rules;

    private static final String OK_RULE = "rule \"ok\" @policy(\"P-1\") when Submission() then verdict.approve(\"fine\"); end\n";

    @ParameterizedTest
    @ValueSource(strings = {
        "System.exit(1);",
        "java.lang.System.exit(1);",
        "Runtime.getRuntime().exec(\"rm -rf /\");",
        "java.lang.Runtime.getRuntime();",
        "new Thread(() -> {}).start();",
        "new java.lang.Thread().start();",
        "java.nio.file.Files.delete(java.nio.file.Path.of(\"x\"));",
        "new java.io.File(\"x\").delete();",
        "new java.net.Socket(\"example.com\", 80);",
        "Class.forName(\"x\");",
        "String.class.getClassLoader();",
        "\"x\".getClass().getMethods();",
        "java.lang.reflect.Array.newInstance(String.class, 1);",
        "ProcessBuilder pb = new ProcessBuilder(\"ls\");",
        "drools.halt();",
        "kcontext.getKieRuntime();",
        "java.util.concurrent.Executors.newFixedThreadPool(1);",
        "javax.script.ScriptEngine e = null;",
    })
    void R3_forbiddenConsequence_rejectedByCheckAndLoader(String code) {
        RuleDirs.write(rules, "bad/bad.drl", "bad", "rule \"bad\" @policy(\"X-1\") when Submission() then\n    "
                + code + "\n    verdict.approve(\"ok\");\nend\n");
        RuleCheck.Report report = RuleCheck.directory(rules);
        assertThat(report.hasErrors()).as(code).isTrue();
        assertThat(report.problems()).filteredOn(RuleProblem::isError)
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("bad/bad.drl");
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).startsWith("not allowed in a policy");
                });
        assertThatThrownBy(() -> Greenlight.builder().rulesDirectory(rules).build())
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining("not allowed in a policy");
    }

    @Test
    void R3_forbiddenImport_andEval_rejected() {
        RuleDirs.write(rules, "a.drl", "a", "import java.io.File;\nimport static java.lang.System.exit;\n"
                + "rule \"e\" @policy(\"P\") when Submission( eval(true) ) then verdict.approve(\"x\"); end\n");
        List<RuleProblem> errors = RuleCheck.directory(rules).problems().stream().filter(RuleProblem::isError).toList();
        assertThat(errors).extracting(RuleProblem::message)
                .anyMatch(m -> m.contains("java.io.File"))
                .anyMatch(m -> m.contains("java.lang.System.exit"))
                .anyMatch(m -> m.contains("'eval'"));
    }

    @Test
    void R3_forbiddenCodeInAFunction_rejected() {
        RuleDirs.write(rules, "a.drl", "a", "function void boom() { System.exit(0); }\n" + OK_RULE);
        assertThat(RuleCheck.directory(rules).hasErrors()).isTrue();
    }

    @Test
    void wordsInMessagesAndComments_areNotCode() {
        RuleDirs.write(rules, "a.drl", "a", "// System.exit is mentioned in a comment only\n"
                + "rule \"ok\" @policy(\"P-1\") when Submission() then verdict.approve(\"System.exit and Runtime are words here\"); end\n");
        assertThat(RuleCheck.directory(rules).problems()).isEmpty();
    }

    @Test
    void R3_realisticPolicy_withDeclaredTypesJavaUtilAndTime_isAccepted() {
        RuleDirs.write(rules, "a/a.drl", "a", """
                import java.util.List;
                import java.time.Duration;
                declare Limit seconds : double end
                rule "limit" when Submission( submitter.program == "early-access" ) then insert(new Limit(20)); end
                rule "too-long" @policy("T-1")
                when
                    Limit( $max : seconds )
                    $m : Media( type == "video", durationSeconds != null, durationSeconds > $max )
                    $terms : List( size > 0 ) from collect( Signal( name == "prompt.term" ) )
                then
                    String s = String.valueOf(Math.round($m.getDurationSeconds()));
                    java.util.List<String> seen = new java.util.ArrayList<>();
                    Duration d = Duration.ofSeconds(Math.round($max));
                    verdict.reject("Video " + ($m.getIndex() + 1) + " is " + s + " s; the limit is " + d.getSeconds() + " s.");
                end
                """);
        assertThat(RuleCheck.directory(rules).problems()).isEmpty();
    }

    @Test
    void duplicateRuleNames_acrossFiles_areErrors() {
        RuleDirs.write(rules, "a/a.drl", "a", OK_RULE);
        RuleDirs.write(rules, "b/b.drl", "b", OK_RULE);
        assertThat(RuleCheck.directory(rules).problems()).filteredOn(RuleProblem::isError).singleElement()
                .satisfies(p -> {
                    assertThat(p.file()).isEqualTo("b/b.drl");
                    assertThat(p.message()).contains("same name").contains("a/a.drl");
                });
    }

    @Test
    void missingPolicy_emptyMessage_unknownSignal_areWarnings() {
        RuleDirs.write(rules, "a.drl", "a", """
                rule "no-policy" when Submission() then verdict.approve("fine"); end
                rule "empty" @policy("P-2") when Submission() then verdict.reject(""); end
                rule "typo" @policy("P-3") when Signal( name == "prompt.terms" ) then verdict.escalate("x"); end
                """);
        writeString(rules.resolve("vocabulary.yaml"), "signals: [prompt.term]\n");
        RuleCheck.Report r = RuleCheck.directory(rules);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.problems()).extracting(RuleProblem::toString)
                .anyMatch(s -> s.contains("warning") && s.contains("\"no-policy\" votes but has no @policy"))
                .anyMatch(s -> s.contains("\"empty\" votes with an empty message"))
                .anyMatch(s -> s.startsWith("a.drl:6:") && s.contains("\"prompt.terms\""));
    }

    @Test
    void decisionTable_badCell_reportsSheetAndCell() throws IOException {
        copyTable("bad-cell.csv");
        List<RuleProblem> errors = RuleCheck.directory(rules).problems().stream().filter(RuleProblem::isError).toList();
        assertThat(errors).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("limits.csv");
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).startsWith("sheet limits, cell C11: ");
        });
    }

    @Test
    void decisionTable_valid_votes() throws IOException {
        copyTable("valid.csv");
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            var d = g.decide(dev.greenlight.testing.Submissions.base("s").media(List.of(
                    dev.greenlight.model.Media.builder("video").durationSeconds(25.0).build())).build());
            assertThat(d.reasons()).singleElement().satisfies(r -> {
                assertThat(r.rule()).isEqualTo("too-long-ea");
                assertThat(r.policy()).isEqualTo("TEC-9");
                assertThat(r.verdict()).isEqualTo(dev.greenlight.model.Verdict.REJECT);
            });
        }
    }

    @Test
    void decisionTable_xlsx_compilesAndVotes_andABadCellNamesItsSheet() throws IOException {
        writeXlsx("valid.csv", rules.resolve("limits.xlsx"));
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).build()) {
            var d = g.decide(dev.greenlight.testing.Submissions.base("s").media(List.of(
                    dev.greenlight.model.Media.builder("video").durationSeconds(25.0).build())).build());
            assertThat(d.reasons()).extracting(r -> r.rule() + "/" + r.policy()).containsExactly("too-long-ea/TEC-9");
        }
        Files.delete(rules.resolve("limits.xlsx"));
        writeXlsx("bad-cell.csv", rules.resolve("limits.xlsx"));
        List<RuleProblem> errors = RuleCheck.directory(rules).problems().stream().filter(RuleProblem::isError).toList();
        assertThat(errors).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("limits.xlsx");
            assertThat(p.message()).startsWith("sheet Thresholds, cell C11: ");
        });
    }

    /** The CSV table as a real spreadsheet, one sheet named Thresholds, written with Apache POI. */
    private void writeXlsx(String csv, Path target) throws IOException {
        String text;
        try (var in = getClass().getResourceAsStream("/tables/" + csv)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<List<String>> rows = parseCsv(text);
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = Files.newOutputStream(target)) {
            var sheet = wb.createSheet("Thresholds");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            wb.write(out);
        }
    }

    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            List<String> cells = new java.util.ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void copyTable(String name) throws IOException {
        try (var in = getClass().getResourceAsStream("/tables/" + name)) {
            Files.copy(in, rules.resolve("limits.csv"));
        }
    }

    @Test
    void absurdlyDeepNesting_isAProblem_notAStackOverflow() {
        RuleDirs.write(rules, "deep.drl", "deep", "rule \"d\" when Submission( " + "(".repeat(20_000) + "true"
                + ")".repeat(20_000) + " ) then end\n");
        RuleCheck.Report r = RuleCheck.directory(rules);
        assertThat(r.hasErrors()).isTrue();
    }

    @Test
    void manyUnknownSignalNames_eachReportedAtItsLine() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            sb.append("rule \"r").append(i).append("\" @policy(\"P\") when Signal( name == \"x.").append(i)
                    .append("\" ) then verdict.escalate(\"m\"); end\n");
        }
        RuleDirs.write(rules, "many.drl", "many", sb.toString());
        var vocabulary = dev.greenlight.engine.internal.Vocabulary.parse("signals: [prompt.term]".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), new java.util.ArrayList<>());
        var problems = dev.greenlight.engine.internal.PolicyChecker.check(java.util.Map.of("many.drl",
                "package many;\n" + RuleDirs.HEADER + sb), vocabulary, PluginSignals.NONE_LOADED);
        assertThat(problems).hasSize(5_000);
        // package line + two header lines, then one rule a line
        assertThat(problems.get(0).line()).isEqualTo(4);
        assertThat(problems.get(4_999).line()).isEqualTo(5_003);
        assertThat(problems.get(4_999).column()).isEqualTo(49); // the x of "x.4999"
    }

    @Test
    void notADecisionTable_isReported() throws IOException {
        Files.writeString(rules.resolve("notes.csv"), "just,some,numbers\n1,2,3\n");
        assertThat(RuleCheck.directory(rules).problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("notes.csv");
            assertThat(p.message()).startsWith("not a valid decision table");
        });
    }
}
