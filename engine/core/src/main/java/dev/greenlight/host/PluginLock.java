package dev.greenlight.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plugin pinning: the SHA-256 of every plugin jar the engine may load, one {@code <sha256>  <jar
 * file name>} line each (the format of {@code sha256sum}, so {@code sha256sum -c} checks it too;
 * {@code #} starts a comment). With a lock, a jar in the plugins directory that is not listed, or
 * whose bytes changed, is refused before PF4J opens it, and a listed jar that is missing is reported
 * too: the plugins that run are exactly the pinned ones. Immutable and thread-safe.
 */
public final class PluginLock {
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

    private final Path file;
    private final Map<String, String> sha256ByJar;

    private PluginLock(Path file, Map<String, String> sha256ByJar) {
        this.file = file;
        this.sha256ByJar = Map.copyOf(sha256ByJar);
    }

    /**
     * Reads a lock file.
     *
     * @throws PluginConfigurationException naming the file (and line) when it cannot be read, a
     *     line is not {@code <sha256>  <jar file name>}, or a jar is listed twice
     */
    public static PluginLock load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PluginConfigurationException("cannot read plugin lock file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> pins = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || m.group(2).contains("/") || m.group(2).contains("\\")) {
                throw new PluginConfigurationException(file + ":" + (i + 1)
                        + ": expected '<sha256>  <jar file name>' (as sha256sum writes it), was: " + abbreviate(line));
            }
            if (pins.put(m.group(2), m.group(1).toLowerCase(Locale.ROOT)) != null) {
                throw new PluginConfigurationException(file + ":" + (i + 1) + ": " + m.group(2) + " is listed twice");
            }
        }
        return new PluginLock(file, pins);
    }

    /** The lock file's text for every plugin jar in {@code dir}, sorted by name. */
    public static String describe(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("# plugin lock: the SHA-256 of each plugin jar Greenlight may load "
                + "(check with: sha256sum -c)\n");
        for (Path jar : jars(dir)) {
            sb.append(sha256(jar)).append("  ").append(jar.getFileName()).append('\n');
        }
        return sb.toString();
    }

    /** Why {@code jar} may not be loaded under this lock, or {@code null} when it is pinned as it is. */
    String problem(Path jar) {
        String name = jar.getFileName().toString();
        String pinned = sha256ByJar.get(name);
        if (pinned == null) {
            return "not listed in the plugin lock file " + file;
        }
        String actual;
        try {
            actual = sha256(jar);
        } catch (IOException e) {
            return "cannot be read to check it against the plugin lock file " + file + ": " + e.getMessage();
        }
        return actual.equals(pinned) ? null : "changed since it was pinned: its SHA-256 is " + actual
                + ", the plugin lock file " + file + " lists " + pinned;
    }

    /** Pinned jars that are not in {@code dir}, each with the problem to report. */
    Map<String, String> missing(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (String name : sha256ByJar.keySet()) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                out.put(name, "listed in the plugin lock file " + file + " but not in the plugins directory");
            }
        }
        return out;
    }

    /** The plugin jars of a directory, sorted by name (what PF4J's jar repository would load). */
    static List<Path> jars(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))) {
            files.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
