package dev.greenlight.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped policy pack ({@code rules/policies} of this repository) for engine tests that need
 * real policies. The engine module does not depend on the rules module, so the pack is read from
 * its source folder: {@code greenlight.test.rules} when set, else the path from this module.
 */
public final class ShippedPack {
    private ShippedPack() {
    }

    public static Path rules() {
        Path dir = Path.of(System.getProperty("greenlight.test.rules", "../../rules/policies"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the shipped policy pack is not at " + dir.toAbsolutePath()
                    + "; set greenlight.test.rules");
        }
        return dir;
    }

    /** A copy of the pack in {@code target}, to plant mistakes in. */
    public static Path copyTo(Path target) {
        Path from = rules();
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return target;
    }
}
