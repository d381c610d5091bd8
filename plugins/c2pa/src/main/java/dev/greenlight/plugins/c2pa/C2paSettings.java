package dev.greenlight.plugins.c2pa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin's settings, parsed and checked once at start. Immutable.
 *
 * <ul>
 *   <li>{@code trustAnchors}: comma-separated PEM bundles of the root certificates a signer must
 *       chain to for {@code trusted}; relative paths resolve against the plugin's data directory.
 *       Default: {@code <data dir>/trust-anchors.pem} when it exists, otherwise none (so nothing is
 *       {@code trusted}, only {@code valid}).</li>
 *   <li>{@code maxBytes}: the largest file verified (default and most 2,147,483,647: files are
 *       mapped, not copied, and one mapping holds at most that).</li>
 * </ul>
 *
 * @param anchors  the trust anchors, possibly none
 * @param sources  where they came from, for the start-up log line
 * @param maxBytes the largest file verified
 */
record C2paSettings(List<X509Certificate> anchors, List<Path> sources, long maxBytes) {
    static final String DEFAULT_ANCHORS = "trust-anchors.pem";
    private static final Set<String> KEYS = Set.of("trustAnchors", "maxBytes");

    /**
     * @throws IllegalArgumentException naming the setting, for an unknown key, a bad number, or a
     *                                  trust-anchor file that is missing or holds no certificate
     */
    static C2paSettings parse(Map<String, String> settings, Optional<Path> dataDirectory) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("c2pa: unknown setting '" + key + "'; known settings are " + new TreeSet<>(KEYS));
            }
        }
        List<Path> files = new ArrayList<>();
        String configured = settings.getOrDefault("trustAnchors", "").trim();
        if (!configured.isEmpty()) {
            for (String part : configured.split(",")) {
                Path p = Path.of(part.trim());
                files.add(p.isAbsolute() || dataDirectory.isEmpty() ? p : dataDirectory.get().resolve(p));
            }
        } else {
            dataDirectory.map(d -> d.resolve(DEFAULT_ANCHORS)).filter(Files::isRegularFile).ifPresent(files::add);
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path f : files) {
            try {
                List<X509Certificate> certs = Certificates.readBundle(f);
                if (certs.isEmpty()) {
                    throw new IllegalArgumentException("c2pa: setting 'trustAnchors': " + f + " holds no certificate");
                }
                anchors.addAll(certs);
            } catch (IOException e) {
                throw new IllegalArgumentException("c2pa: setting 'trustAnchors': cannot read " + f + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("c2pa: setting 'trustAnchors': cannot read " + f, e);
            }
        }
        long maxBytes = Integer.MAX_VALUE;
        if (settings.containsKey("maxBytes")) {
            try {
                maxBytes = Long.parseLong(settings.get("maxBytes").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("c2pa: setting 'maxBytes' must be a whole number of bytes, was '"
                        + settings.get("maxBytes") + "'", e);
            }
            if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("c2pa: setting 'maxBytes' must be between 1 and " + Integer.MAX_VALUE);
            }
        }
        return new C2paSettings(List.copyOf(anchors), List.copyOf(files), maxBytes);
    }
}
