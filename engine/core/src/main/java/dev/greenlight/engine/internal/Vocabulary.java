package dev.greenlight.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.greenlight.ruleset.RuleProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy pack's vocabulary ({@code vocabulary.yaml} at the root of the rules): every value a rule
 * may compare a field with, the signal names the pack relies on, and the ranges decision-table
 * values must lie in. Declared once so that a value outside it fails closed: {@link VocabularyRules}
 * turns each field into a rule that escalates a submission carrying an undeclared value (naming the
 * value), and {@link PolicyChecker} warns about a rule or table cell that compares a field with a
 * literal the vocabulary does not list. A rule set without a vocabulary file has none of this
 * ({@link #NONE}). Immutable and thread-safe.
 */
public final class Vocabulary {
    /** The file name, at the root of the rules directory. */
    public static final String FILE = "vocabulary.yaml";
    /** A rule set that declares no vocabulary. */
    public static final Vocabulary NONE = new Vocabulary(Map.of(), Set.of(), Map.of(), "VOC-1", false);

    /** The fields a vocabulary may close, as rules name them. */
    public static final List<String> FIELDS = List.of("submitter.program", "intendedUse", "media.type",
            "submitter.roles", "tags", "attributes");
    private static final Set<String> TOP_KEYS = Set.of("policy", "fields", "signals", "ranges");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The inclusive range a decision-table column's numbers must lie in. */
    public record Range(double min, double max) {
        public boolean contains(double v) {
            return v >= min && v <= max;
        }

        @Override
        public String toString() {
            return fmt(min) + " to " + fmt(max);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    private final Map<String, Set<String>> fields;
    private final Set<String> signals;
    private final Map<String, Range> ranges;
    private final String policy;
    private final boolean declared;

    private Vocabulary(Map<String, Set<String>> fields, Set<String> signals, Map<String, Range> ranges, String policy,
                       boolean declared) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.signals = Collections.unmodifiableSet(new LinkedHashSet<>(signals));
        this.ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
        this.policy = policy;
        this.declared = declared;
    }

    /** The values each closed field may take, by field name ({@link #FIELDS}); fields not listed are open. */
    public Map<String, Set<String>> fields() {
        return fields;
    }

    /** The signal names the pack relies on; empty when it declares none. */
    public Set<String> signals() {
        return signals;
    }

    /** Ranges by decision-table column title. */
    public Map<String, Range> ranges() {
        return ranges;
    }

    /** The policy id the fail-closed rules vote under. */
    public String policy() {
        return policy;
    }

    /**
     * The generated rules for fields the submission reader already closes (it refuses any other
     * {@code intendedUse} or media {@code type} as invalid input): they guard submissions built in
     * code, and no case file can reach them, so coverage does not count them.
     */
    public Set<String> readerClosedRules() {
        Set<String> out = new LinkedHashSet<>();
        for (String f : List.of("intendedUse", "media.type")) {
            if (fields.containsKey(f)) {
                out.add(VocabularyRules.ruleName(f));
            }
        }
        return out;
    }

    /** Whether the rule set has a vocabulary file at all. */
    public boolean declared() {
        return declared;
    }

    /** The vocabulary in a tree of rule files (by relative path); {@link #NONE} when it has none or it is unreadable. */
    public static Vocabulary fromTree(Map<String, byte[]> tree) {
        byte[] bytes = tree.get(FILE);
        return bytes == null ? NONE : parse(bytes, new ArrayList<>());
    }

    /** Reads a vocabulary file; every problem goes to {@code problems} with its line. Never throws for bad input. */
    public static Vocabulary parse(byte[] bytes, List<RuleProblem> problems) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            problems.add(new RuleProblem(FILE, 1, 1, "cannot read the vocabulary: " + e.getMessage().lines().findFirst().orElse("")));
            return NONE;
        }
        if (root == null || !root.isObject()) {
            problems.add(new RuleProblem(FILE, 1, 1, "the vocabulary is a map with 'fields', 'signals' and 'ranges'"));
            return NONE;
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP_KEYS.contains(k)) {
                problems.add(at(text, k, "unknown key '" + k + "' (expected one of " + TOP_KEYS.stream().sorted().toList() + ")"));
            }
        });
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        root.path("fields").fields().forEachRemaining(e -> {
            if (!FIELDS.contains(e.getKey())) {
                problems.add(at(text, e.getKey(), "'" + e.getKey() + "' is not a field the vocabulary can close (one of "
                        + FIELDS + ")"));
            } else if (!e.getValue().isArray()) {
                problems.add(at(text, e.getKey(), "the values of '" + e.getKey() + "' must be a list"));
            } else {
                Set<String> values = new LinkedHashSet<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                fields.put(e.getKey(), values);
            }
        });
        Set<String> signals = new LinkedHashSet<>();
        root.path("signals").forEach(v -> signals.add(v.asText()));
        Map<String, Range> ranges = new LinkedHashMap<>();
        root.path("ranges").fields().forEachRemaining(e -> {
            JsonNode min = e.getValue().path("min");
            JsonNode max = e.getValue().path("max");
            if (!min.isNumber() || !max.isNumber() || min.asDouble() > max.asDouble()) {
                problems.add(at(text, e.getKey(), "range '" + e.getKey() + "' needs numbers min <= max"));
            } else {
                ranges.put(e.getKey(), new Range(min.asDouble(), max.asDouble()));
            }
        });
        String policy = root.path("policy").asText("VOC-1");
        return new Vocabulary(fields, signals, ranges, policy, true);
    }

    /** A problem at the first line of the vocabulary that mentions {@code key}. */
    private static RuleProblem at(String text, String key, String message) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int col = lines[i].indexOf(key);
            if (col >= 0) {
                return new RuleProblem(FILE, i + 1, col + 1, message);
            }
        }
        return new RuleProblem(FILE, 1, 1, message);
    }
}
