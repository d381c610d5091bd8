package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.RuleProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Drools decision tables (CSV and XLSX) turned into DRL here rather than inside the KieBuilder, so
 * the policy check reads the rules they generate and every compile error can be traced back to
 * the sheet and cell that caused it (Drools marks each generated rule with "rule values at A11").
 */
final class DecisionTables {
    private static final Pattern EXPRESSION = Pattern.compile("(?:Unable to Analyse Expression|Near : \\{\\.\\.\\.) ([^:\\[]+?)(?::| \\.\\.\\.\\})");
    private static final Pattern ROW_MARK = Pattern.compile("// rule values at ([A-Z]+)(\\d+)");

    private DecisionTables() {
    }

    static boolean isTable(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".csv") || p.endsWith(".xlsx") || p.endsWith(".xls");
    }

    /**
     * The DRL a table generates.
     *
     * @throws TableException with a problem naming the file (and cell, when Drools says) when the
     *     table cannot be read as a decision table
     */
    static String toDrl(String path, byte[] bytes) throws TableException {
        InputType type = path.toLowerCase(Locale.ROOT).endsWith(".csv") ? InputType.CSV : InputType.XLS;
        try {
            return new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), type);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new TableException(new RuleProblem(path, 0, 0, "not a valid decision table: " + msg.strip()));
        }
    }

    /** A compile problem at {@code drlLine} of the generated DRL, pointed at its sheet and cell. */
    static RuleProblem locate(String path, byte[] bytes, String drl, int drlLine, String message) {
        String[] lines = drl.split("\n", -1);
        if (drlLine <= 0) {
            drlLine = lineOfExpression(lines, message);
        }
        int row = 0;
        for (int i = Math.min(drlLine, lines.length) - 1; i >= 0; i--) {
            Matcher m = ROW_MARK.matcher(lines[i]);
            if (m.find()) {
                row = Integer.parseInt(m.group(2));
                break;
            }
        }
        if (row == 0) {
            return new RuleProblem(path, 0, 0, message);
        }
        String bad = drlLine >= 1 && drlLine <= lines.length ? lines[drlLine - 1] : "";
        for (Sheet s : sheets(path, bytes)) {
            // a message that quotes the bad value ("twenty cannot be resolved") names the cell best;
            // the rule's own name (its NAME cell) appears in many messages and is never the culprit
            List<String> cells = s.cells(row);
            String ruleName = cells.isEmpty() ? "" : cells.get(0).strip();
            int column = culpritColumn(cells, message, ruleName);
            if (column == 0) {
                column = culpritColumn(cells, bad, ruleName);
            }
            if (column > 0) {
                return new RuleProblem(path, row, column, "sheet " + s.name() + ", cell " + columnName(column) + row
                        + ": " + message);
            }
        }
        String sheet = sheets(path, bytes).isEmpty() ? "?" : sheets(path, bytes).get(0).name();
        return new RuleProblem(path, row, 0, "sheet " + sheet + ", row " + row + ": " + message);
    }

    /** MVEL errors carry no line, but quote the expression: find the generated line holding it. */
    private static int lineOfExpression(String[] lines, String message) {
        Matcher m = EXPRESSION.matcher(message);
        if (m.find()) {
            String expr = m.group(1).strip();
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(expr)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** The 1-based column of the non-empty cell whose text appears in {@code text} (longest wins); 0 if none. */
    private static int culpritColumn(List<String> cells, String text, String ruleName) {
        int best = 0;
        int bestLen = 0;
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c).strip();
            if (!v.isEmpty() && !v.equals(ruleName) && text.contains(v) && v.length() > bestLen) {
                best = c + 1;
                bestLen = v.length();
            }
        }
        return best;
    }

    static String columnName(int column) {
        StringBuilder sb = new StringBuilder();
        for (int c = column; c > 0; c = (c - 1) / 26) {
            sb.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return sb.toString();
    }

    /** One sheet's cells as text, by 0-based row and column. */
    record Sheet(String name, List<List<String>> rows) {
        List<String> cells(int row) {
            return row >= 1 && row <= rows.size() ? rows.get(row - 1) : List.of();
        }
    }

    /** Every sheet of a table file (a CSV file is one sheet named after the file); empty when unreadable. */
    static List<Sheet> sheets(String path, byte[] bytes) {
        if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return List.of(new Sheet(baseName(path), Csv.parse(new String(bytes, StandardCharsets.UTF_8))));
        }
        List<Sheet> out = new ArrayList<>();
        DataFormatter fmt = new DataFormatter();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            for (org.apache.poi.ss.usermodel.Sheet sheet : wb) {
                List<List<String>> rows = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    if (row != null) {
                        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                            Cell cell = row.getCell(c);
                            cells.add(cell == null ? "" : fmt.formatCellValue(cell));
                        }
                    }
                    rows.add(cells);
                }
                out.add(new Sheet(sheet.getSheetName(), rows));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    private static String baseName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A table that is not one; carries the problem. */
    static final class TableException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient RuleProblem problem;

        TableException(RuleProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    /** RFC 4180 CSV, enough to find cells again: quoted fields, doubled quotes, CRLF. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else if (c != '\r') {
                    cell.append(c);
                }
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
