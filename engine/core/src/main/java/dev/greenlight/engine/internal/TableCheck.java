package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.ruleset.RuleProblem.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a decision table's values, which compile whatever they say: a number in a column the
 * vocabulary gives a range must lie in it (a negative limit is an error); two rows that can apply to
 * the same submission and set the same column contradict each other (30 s and 10 s for the same
 * programme and use: one of them silently wins), an error naming both rows; and a condition cell that
 * compares a closed field with a value outside the vocabulary is a warning. Every problem names the
 * sheet and cell. Stateless.
 */
final class TableCheck {
    private static final Pattern FIELD_TEMPLATE = Pattern.compile(
            "^\\s*(submitter\\s*\\.\\s*program|intendedUse|type)\\s*==\\s*\"\\$param\"\\s*$");

    private TableCheck() {
    }

    /** One RuleTable: its column kinds, templates and titles, and its data rows (1-based sheet row numbers). */
    private record Table(String sheet, List<String> kinds, List<String> templates, List<String> titles,
                         List<Integer> rowNumbers, List<List<String>> rows) {
        String cell(int row, int column) {
            List<String> r = rows.get(row);
            return column < r.size() ? r.get(column).strip() : "";
        }
    }

    /**
     * Every data row of every table in a table file: its sheet, 1-based row, NAME cell (the rule name
     * Drools gives the row) and cells by column title.
     */
    static List<dev.greenlight.ruleset.TableRow> rows(String path, byte[] bytes) {
        List<dev.greenlight.ruleset.TableRow> out = new ArrayList<>();
        for (DecisionTables.Sheet sheet : DecisionTables.sheets(path, bytes)) {
            for (Table t : tables(sheet)) {
                int nameColumn = t.kinds().indexOf("NAME");
                for (int r = 0; r < t.rows().size(); r++) {
                    java.util.Map<String, String> cells = new java.util.LinkedHashMap<>();
                    for (int c = 0; c < t.kinds().size(); c++) {
                        if (c != nameColumn && !t.kinds().get(c).isBlank()) {
                            String title = c < t.titles().size() && !t.titles().get(c).isBlank() ? t.titles().get(c).strip()
                                    : DecisionTables.columnName(c + 1);
                            cells.put(title, t.cell(r, c));
                        }
                    }
                    out.add(new dev.greenlight.ruleset.TableRow(path, t.sheet(), t.rowNumbers().get(r),
                            nameColumn < 0 ? "" : t.cell(r, nameColumn), cells));
                }
            }
        }
        return out;
    }

    static List<RuleProblem> check(String path, byte[] bytes, Vocabulary vocabulary) {
        List<RuleProblem> out = new ArrayList<>();
        for (DecisionTables.Sheet sheet : DecisionTables.sheets(path, bytes)) {
            for (Table t : tables(sheet)) {
                values(path, t, vocabulary, out);
                overlaps(path, t, out);
            }
        }
        return out;
    }

    private static List<Table> tables(DecisionTables.Sheet sheet) {
        List<Table> out = new ArrayList<>();
        List<List<String>> rows = sheet.rows();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).isEmpty() || !rows.get(r).get(0).strip().startsWith("RuleTable") || r + 4 >= rows.size()) {
                continue;
            }
            List<Integer> numbers = new ArrayList<>();
            List<List<String>> data = new ArrayList<>();
            for (int d = r + 5; d < rows.size() && rows.get(d).stream().anyMatch(c -> !c.isBlank()); d++) {
                numbers.add(d + 1);
                data.add(rows.get(d));
            }
            out.add(new Table(sheet.name(), upper(rows.get(r + 1)), rows.get(r + 3), rows.get(r + 4), numbers, data));
        }
        return out;
    }

    private static List<String> upper(List<String> kinds) {
        return kinds.stream().map(k -> k.strip().toUpperCase(Locale.ROOT)).toList();
    }

    private static void values(String path, Table t, Vocabulary vocabulary, List<RuleProblem> out) {
        for (int c = 0; c < t.kinds().size(); c++) {
            String title = c < t.titles().size() ? t.titles().get(c).strip() : "";
            Vocabulary.Range range = vocabulary.ranges().get(title);
            String template = c < t.templates().size() ? t.templates().get(c) : "";
            Matcher field = FIELD_TEMPLATE.matcher(template);
            String closed = field.matches() ? fieldName(field.group(1)) : null;
            for (int r = 0; r < t.rows().size(); r++) {
                String v = t.cell(r, c);
                if (v.isEmpty()) {
                    continue;
                }
                if (range != null) {
                    Double d = number(v);
                    if (d == null || !range.contains(d)) {
                        out.add(at(path, t, r, c, "'" + v + "' is " + (d == null ? "not a number" : "outside the range")
                                + " for '" + title + "' (" + range + ", declared in " + Vocabulary.FILE + ")", Severity.ERROR));
                    }
                }
                Set<String> known = closed == null ? null : vocabulary.fields().get(closed);
                if (known != null && !known.contains(v)) {
                    out.add(at(path, t, r, c, "\"" + v + "\" is not a value of " + closed + " in " + Vocabulary.FILE
                            + " (known: " + String.join(", ", new TreeSet<>(known)) + "); this row can never apply",
                            Severity.WARNING));
                }
            }
        }
    }

    /** Two rows whose conditions can hold together and that both set one column: the table contradicts itself. */
    private static void overlaps(String path, Table t, List<RuleProblem> out) {
        for (int j = 0; j < t.rows().size(); j++) {
            for (int i = 0; i < j; i++) {
                if (!canBothApply(t, i, j)) {
                    continue;
                }
                for (int c = 0; c < t.kinds().size(); c++) {
                    if (t.kinds().get(c).equals("ACTION") && !t.cell(i, c).isEmpty() && !t.cell(j, c).isEmpty()) {
                        String title = c < t.titles().size() ? t.titles().get(c).strip() : "column " + c;
                        out.add(at(path, t, j, c, "rows " + t.rowNumbers().get(i) + " and " + t.rowNumbers().get(j)
                                + " can apply to the same submission (" + conditions(t, i, j) + ") and both set '" + title
                                + "' (" + t.cell(i, c) + " in " + DecisionTables.columnName(c + 1) + t.rowNumbers().get(i)
                                + ", " + t.cell(j, c) + " here); merge them or narrow one", Severity.ERROR));
                        break;
                    }
                }
            }
        }
    }

    /** Conditions hold together unless some condition column has two different non-empty values (empty matches any). */
    private static boolean canBothApply(Table t, int i, int j) {
        for (int c = 0; c < t.kinds().size(); c++) {
            if (t.kinds().get(c).equals("CONDITION")) {
                String a = t.cell(i, c);
                String b = t.cell(j, c);
                if (!a.isEmpty() && !b.isEmpty() && !a.equals(b)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String conditions(Table t, int i, int j) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < t.kinds().size(); c++) {
            if (t.kinds().get(c).equals("CONDITION")) {
                String v = t.cell(i, c).isEmpty() ? t.cell(j, c) : t.cell(i, c);
                String title = c < t.titles().size() ? t.titles().get(c).strip() : "column " + c;
                parts.add(title + " " + (v.isEmpty() ? "any" : v));
            }
        }
        return String.join(", ", parts);
    }

    private static String fieldName(String matched) {
        String f = matched.replaceAll("\\s", "");
        return f.equals("type") ? "media.type" : f;
    }

    private static Double number(String v) {
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static RuleProblem at(String path, Table t, int row, int column, String message, Severity severity) {
        int line = t.rowNumbers().get(row);
        return new RuleProblem(path, line, column + 1, "sheet " + t.sheet() + ", cell " + DecisionTables.columnName(column + 1)
                + line + ": " + message, severity);
    }
}
