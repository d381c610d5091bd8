package dev.greenlight.plugins.promptscreen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the term lists: the defaults bundled in the jar (one {@code <category>.txt} per category of
 * {@link #DEFAULT_CATEGORIES}, and {@code allow.txt}), then the {@code *.txt} files of
 * {@code <data dir>/terms/} and of each directory the {@code terms.directory} settings name, in
 * that order, which add terms to a category, remove bundled ones ({@code !term}), or start a new
 * category. Replacing the defaults drops the bundled policy lists but keeps the bundled allow list:
 * it only ever silences matches, and dropping it would bring back every false positive it holds
 * (a site removes an entry with {@code !phrase} in its own {@code allow.txt}). Every term is normalised with the same {@link TextNormalizer} as the text
 * it is matched against; within a category, terms that normalise alike are kept once (the first as
 * written).
 *
 * <p>Immutable once loaded; thread-safe.
 */
final class TermLists {

    /** The categories of the bundled lists, which rules refer to. */
    static final List<String> DEFAULT_CATEGORIES = List.of("public-figure", "trademarked-character", "sexual", "minors",
            "violence", "self-harm", "deceptive-realism", "extremism", "brand");

    /**
     * The reserved category of phrases that contain a term but are not policy terms themselves
     * ({@code King Charles spaniel}); {@link TermMatcher} drops every match inside one.
     */
    static final String ALLOW = "allow";

    private static final Logger LOG = LoggerFactory.getLogger(TermLists.class);
    private static final Pattern CATEGORY_FILE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*\\.txt");
    private static final String RESOURCE_DIR = "terms/";

    private final List<Term> terms;
    private final int categories;

    private TermLists(List<Term> terms, int categories) {
        this.terms = List.copyOf(terms);
        this.categories = categories;
    }

    /**
     * Loads the lists.
     *
     * @param dataDirectory the plugin's data directory, whose {@code terms/} folder holds the site's files
     * @param replaceDefaults when true the bundled lists are not loaded, only the site's files
     * @throws TermListException when a file cannot be read or has a bad line, or no term is left
     */
    static TermLists load(TextNormalizer normalizer, Optional<Path> dataDirectory, boolean replaceDefaults) {
        return load(normalizer, dataDirectory, replaceDefaults, List.of());
    }

    /**
     * Loads the lists, with the term files of {@code directories} too (after the data directory's).
     *
     * @throws TermListException as {@link #load(TextNormalizer, Optional, boolean)}, and when a named directory does not exist
     */
    static TermLists load(TextNormalizer normalizer, Optional<Path> dataDirectory, boolean replaceDefaults, List<Path> directories) {
        Map<String, Map<String, Term>> byCategory = new LinkedHashMap<>();
        List<String> bundled = new ArrayList<>(replaceDefaults ? List.of() : DEFAULT_CATEGORIES);
        bundled.add(ALLOW);
        for (String category : bundled) {
            String file = RESOURCE_DIR + category + ".txt";
            apply(normalizer, byCategory, category, "prompt-screen defaults: " + file, readResource(file));
        }
        Optional<Path> dir = dataDirectory.map(d -> d.resolve("terms")).filter(Files::isDirectory);
        List<Path> files = new ArrayList<>(dir.map(TermLists::termFiles).orElse(List.of()));
        for (Path named : directories) {
            if (!Files.isDirectory(named)) {
                throw new TermListException(named.toString(), 0, "no such directory (setting " + ScreenSettings.TERMS_DIRECTORY + ")");
            }
            files.addAll(termFiles(named));
        }
        for (Path path : files) {
            String name = path.getFileName().toString();
            if (!CATEGORY_FILE.matcher(name).matches()) {
                throw new TermListException(path.toString(), 0,
                        "a term file is named after its category: lower-case letters and digits joined by hyphens, "
                                + "e.g. public-figure.txt");
            }
            apply(normalizer, byCategory, name.substring(0, name.length() - 4), path.toString(), read(path));
        }
        if (replaceDefaults && files.isEmpty()) {
            // only the bundled allow list would be left: nothing to screen for
            throw new TermListException(dir.map(Path::toString).orElse("<data directory>/terms"), 0,
                    "terms.replaceDefaults is true but there are no term files (*.txt) here");
        }
        List<Term> all = new ArrayList<>();
        byCategory.values().forEach(m -> all.addAll(m.values()));
        if (all.stream().allMatch(t -> ALLOW.equals(t.category()))) {
            throw new TermListException(dir.map(Path::toString).orElse("term lists"), 0, "no terms left to screen for");
        }
        return new TermLists(all, byCategory.size());
    }

    private static void apply(TextNormalizer normalizer, Map<String, Map<String, Term>> byCategory, String category,
            String file, byte[] content) {
        Map<String, Term> terms = byCategory.computeIfAbsent(category, c -> new LinkedHashMap<>());
        for (TermFileParser.Line line : TermFileParser.parse(file, content)) {
            Term term = normalise(normalizer, category, file, line);
            if (line.removal()) {
                if (terms.remove(term.key()) == null) {
                    LOG.warn("{}:{}: '{}' is not in the {} list; nothing removed", file, line.number(), line.text(), category);
                }
            } else {
                terms.putIfAbsent(term.key(), term);
            }
        }
    }

    private static Term normalise(TextNormalizer normalizer, String category, String file, TermFileParser.Line line) {
        NormalizedText n = normalizer.normalize(line.text());
        if (n.length() == 0) {
            throw new TermListException(file, line.number(), "'" + line.text() + "' has no letters or digits to match");
        }
        if (n.length() == 1 && n.text().charAt(0) < 0x80) {
            throw new TermListException(file, line.number(), "'" + line.text()
                    + "' is a single letter, which would match every word of one letter; a term needs at least two");
        }
        return new Term(category, line.text(), n.text(), n.breaks(0, n.length()), n.unspacedBreaks(0, n.length()),
                n.evasionBits(0, n.length()), file + ":" + line.number());
    }

    private static List<Path> termFiles(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new TermListException(dir.toString(), "cannot list the term files", e);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new TermListException(path.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] readResource(String file) {
        try (InputStream in = TermLists.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new TermListException("prompt-screen defaults: " + file, 0, "missing from the plugin jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TermListException("prompt-screen defaults: " + file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Every term, category by category, in file order. */
    List<Term> terms() {
        return terms;
    }

    /** How many categories have at least a file (possibly emptied by removals). */
    int categories() {
        return categories;
    }
}
