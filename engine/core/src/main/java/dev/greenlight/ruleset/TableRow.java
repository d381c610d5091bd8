package dev.greenlight.ruleset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One data row of a decision table: the file and sheet, its 1-based row, its NAME cell (the name of
 * the rule Drools makes of it, which fires when the row applies) and its cells by column title. Replay
 * compares the rows of two rule sets to report what a table edit changes. Immutable.
 *
 * @param file  the table, relative to the rules directory
 * @param sheet the sheet's name (a CSV file's name without extension)
 * @param row   the 1-based row in the sheet
 * @param name  the row's NAME cell; "" when the table has no NAME column
 * @param cells every other cell by its column title, in column order
 */
public record TableRow(String file, String sheet, int row, String name, Map<String, String> cells) {
    public TableRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }


    /** {@code file row N name}, for reports. */
    public String where() {
        return file + " row " + row + (name.isEmpty() ? "" : " " + name);
    }
}
