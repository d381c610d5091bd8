package dev.greenlight.audit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Names of the files that make up one log, all beside its base path {@code B}:
 * {@code B} is segment 1, {@code B.000002}, {@code B.000003}, … the segments after it (six digits,
 * more past 999,999); {@code B.checkpoint} the latest checkpoint, {@code B.erasable} the erasable
 * text, {@code B.lock} the writer's lock, {@code B.NNNNNN.torn-OFFSET} tails cut off at recovery.
 * Thread-safe (stateless).
 */
final class Segments {
    private Segments() {
    }

    static Path segment(Path base, int number) {
        return number == 1 ? base : base.resolveSibling(base.getFileName() + "." + String.format("%06d", number));
    }

    static Path checkpointFile(Path base) {
        return sibling(base, ".checkpoint");
    }

    static Path erasableFile(Path base) {
        return sibling(base, ".erasable");
    }

    static Path lockFile(Path base) {
        return sibling(base, ".lock");
    }

    static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    static Path directory(Path base) {
        Path parent = base.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * The log's segments in order. A log whose base file is missing has none (it is new), unless
     * later segments exist, which is damage; so is a gap in the numbering.
     *
     * @throws AuditException naming the missing segment
     */
    static List<Path> list(Path base) throws IOException {
        TreeMap<Integer, Path> numbered = new TreeMap<>();
        Path dir = directory(base);
        String prefix = base.getFileName() + ".";
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                    p -> p.getFileName().toString().startsWith(prefix))) {
                for (Path p : files) {
                    String suffix = p.getFileName().toString().substring(prefix.length());
                    if (suffix.length() >= 6 && suffix.chars().allMatch(Character::isDigit) && suffix.length() <= 9) {
                        numbered.put(Integer.parseInt(suffix), base.resolveSibling(p.getFileName()));
                    }
                }
            }
        }
        List<Path> out = new ArrayList<>();
        boolean baseExists = Files.exists(base);
        if (!baseExists && numbered.isEmpty()) {
            return out;
        }
        if (!baseExists) {
            throw new AuditException("audit log " + base + " is damaged: its first segment " + base
                    + " is missing but " + numbered.firstEntry().getValue() + " exists");
        }
        out.add(base);
        int expected = 2;
        for (var e : numbered.entrySet()) {
            if (e.getKey() != expected) {
                throw new AuditException("audit log " + base + " is damaged: segment " + segment(base, expected)
                        + " is missing (found " + e.getValue() + ")");
            }
            out.add(e.getValue());
            expected++;
        }
        return out;
    }
}
