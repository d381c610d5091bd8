package dev.greenlight.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one check every command that reads an audit log starts with. */
final class AuditLogFile {
    private AuditLogFile() {
    }

    /** True when {@code file} is a log to read; otherwise says so on {@code err} (the command then exits 2). */
    static boolean exists(Path file, PrintWriter err) {
        if (Files.isRegularFile(file)) {
            return true;
        }
        err.println("greenlight: no such audit log: " + file);
        return false;
    }
}
