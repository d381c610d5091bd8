package dev.greenlight.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The source files of a rule set, by path relative to its root ('/'-separated, sorted), read from
 * a directory or a classpath location. Reading everything up front makes the version hash and the
 * compiled rules come from the very same bytes.
 */
public record RuleFiles(String id, SortedMap<String, byte[]> files) {
    /** Extensions of rule sources: DRL and Drools decision tables. */
    private static final String[] EXTENSIONS = {".drl", ".csv", ".xlsx"};

    public RuleFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Every rule source under {@code dir}, recursively. */
    public static RuleFiles fromDirectory(Path dir) {
        return fromDirectory(dir, RuleFiles::isRuleSource);
    }

    /** Every file under {@code dir} whose name passes {@code names}, recursively (e.g. policy test cases). */
    public static RuleFiles fromDirectory(Path dir, Predicate<String> names) {
        if (!Files.isDirectory(dir)) {
            throw new RuleSourceException("rules directory does not exist: " + dir, null);
        }
        return new RuleFiles(dir.toString(), readTree(dir, names));
    }

    /** Every rule source under a classpath location such as {@code greenlight/policies}. */
    public static RuleFiles fromClasspath(String location, ClassLoader loader) {
        return fromClasspath(location, loader, RuleFiles::isRuleSource);
    }

    /** Every file under a classpath location whose name passes {@code names}. */
    public static RuleFiles fromClasspath(String location, ClassLoader loader, Predicate<String> names) {
        String loc = location.replaceAll("^/+|/+$", "");
        URL url = loader.getResource(loc);
        if (url == null) {
            throw new RuleSourceException("no rules on the classpath at " + loc, null);
        }
        String id = "classpath:" + loc;
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    return new RuleFiles(id, readTree(fs.getPath(loc), names));
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            }
            return new RuleFiles(id, readTree(Path.of(uri), names));
        } catch (URISyntaxException | IOException e) {
            throw new RuleSourceException("cannot read rules from the classpath at " + loc + ": " + e, e);
        }
    }

    private static SortedMap<String, byte[]> readTree(Path root, Predicate<String> names) {
        SortedMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && names.test(p.getFileName().toString())) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules under " + root, e);
        }
        return out;
    }

    /** True for the names of rule sources: {@code *.drl}, {@code *.csv}, {@code *.xlsx}, and the pack's vocabulary and conditions. */
    public static boolean isRuleSource(String name) {
        if (name.equals(Vocabulary.FILE) || name.equals(ConditionVocabulary.FILE)) {
            return true; // they make rules (fail-closed ones) or change what the votes mean: part of the version
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code sha256:} over each file in path order as {@code path \n length \n bytes}: any change to
     * a file's name or contents, an added or a removed file changes the version.
     */
    public String version() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
                md.update(Integer.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) '\n');
                md.update(e.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
