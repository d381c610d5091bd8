package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.TableRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the data rows of every decision table in a set of rule files. Stateless and thread-safe; an unreadable table has no rows. */
public final class TableRows {
    private TableRows() {
    }

    /** Every row of every table among {@code files} (by relative path). */
    public static List<TableRow> of(Map<String, byte[]> files) {
        List<TableRow> out = new ArrayList<>();
        files.forEach((path, bytes) -> {
            if (DecisionTables.isTable(path)) {
                out.addAll(TableCheck.rows(path, bytes));
            }
        });
        return out;
    }
}
