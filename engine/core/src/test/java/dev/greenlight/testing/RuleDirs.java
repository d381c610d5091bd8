package dev.greenlight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes rule files into a test directory. */
public final class RuleDirs {
    public static final String HEADER = "import dev.greenlight.model.*;\nglobal Votes verdict;\n";

    private RuleDirs() {
    }

    /** Writes {@code body} (after a package line and the standard header) to {@code dir/relative}. */
    public static Path write(Path dir, String relative, String pkg, String body) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package " + pkg + ";\n" + HEADER + body);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
