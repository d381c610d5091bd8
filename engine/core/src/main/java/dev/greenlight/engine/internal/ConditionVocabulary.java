package dev.greenlight.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.greenlight.ruleset.RuleProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The policy pack's conditions ({@code conditions.yaml} at the root of the rules; docs/contract.md
 * §8): every condition a rule may approve with, each with the text the artist reads, the evidence its
 * fulfilment needs, and an optional deadline. Declared once so that a rule naming a condition not
 * listed is refused by {@code validate} ({@link ConditionCheck}) and, should one reach run time
 * anyway, escalates instead of approving ({@link VoteCollector}). A rule set without the file has no
 * conditions ({@link #NONE}): every {@code approveWith} vote then escalates. Immutable and thread-safe.
 */
public final class ConditionVocabulary {
    /** The file name, at the root of the rules directory. */
    public static final String FILE = "conditions.yaml";
    /** A rule set that declares no conditions. */
    public static final ConditionVocabulary NONE = new ConditionVocabulary(Map.of(), false);

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Set<String> KEYS = Set.of("text", "evidence", "deadline");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One condition.
     *
     * @param id       how rules and fulfilments name it
     * @param text     what the artist must do, in their words
     * @param evidence what an integrator's fulfilment report must carry (a link to the labelled post, …)
     * @param deadline how long after the decision it falls due; {@code null} when it never does
     */
    public record Definition(String id, String text, String evidence, Duration deadline) {
    }

    private final Map<String, Definition> definitions;
    private final boolean declared;

    private ConditionVocabulary(Map<String, Definition> definitions, boolean declared) {
        this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
        this.declared = declared;
    }

    /** The conditions by id, in the file's order. */
    public Map<String, Definition> definitions() {
        return definitions;
    }

    /** The condition {@code id}, or empty when the pack does not define it. */
    public Optional<Definition> get(String id) {
        return Optional.ofNullable(id == null ? null : definitions.get(id));
    }

    /** Whether the rule set has a conditions file at all. */
    public boolean declared() {
        return declared;
    }

    /** The conditions in a tree of rule files (by relative path); {@link #NONE} when it has none or it is unreadable. */
    public static ConditionVocabulary fromTree(Map<String, byte[]> tree) {
        byte[] bytes = tree.get(FILE);
        return bytes == null ? NONE : parse(bytes, new ArrayList<>());
    }

    /**
     * Reads a conditions file; every problem goes to {@code problems} with its line and column (an
     * error: a condition that cannot be read is one no rule can rely on). Never throws for bad input.
     */
    public static ConditionVocabulary parse(byte[] bytes, List<RuleProblem> problems) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            problems.add(new RuleProblem(FILE, 1, 1, "cannot read the conditions: "
                    + e.getMessage().lines().findFirst().orElse("")));
            return NONE;
        }
        if (root == null || !root.isObject() || !root.path("conditions").isObject() || root.size() != 1) {
            problems.add(new RuleProblem(FILE, 1, 1, "the conditions file is a map 'conditions' of id: {text, evidence, deadline?}"));
            return NONE;
        }
        Map<String, Definition> out = new LinkedHashMap<>();
        root.path("conditions").fields().forEachRemaining(e -> {
            String id = e.getKey();
            JsonNode c = e.getValue();
            int before = problems.size();
            if (!ID.matcher(id).matches()) {
                problems.add(at(text, id, id, "condition id '" + id + "' must be 1 to 64 of a-z, 0-9, '.' and '-', starting with a letter or digit"));
            }
            if (!c.isObject()) {
                problems.add(at(text, id, id, "condition '" + id + "' needs 'text' and 'evidence'"));
                return;
            }
            c.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    problems.add(at(text, id, k + ":", "condition '" + id + "': unknown key '" + k + "' (expected one of "
                            + KEYS.stream().sorted().toList() + ")"));
                }
            });
            String artist = c.path("text").asText("");
            String evidence = c.path("evidence").asText("");
            if (artist.isBlank()) {
                problems.add(at(text, id, id + ":", "condition '" + id + "' needs a 'text' the artist reads"));
            }
            if (evidence.isBlank()) {
                problems.add(at(text, id, id + ":", "condition '" + id + "' needs 'evidence': what a fulfilment must report"));
            }
            Duration deadline = null;
            if (c.has("deadline")) {
                String d = c.path("deadline").asText("");
                try {
                    deadline = Duration.parse(d);
                    if (deadline.isNegative() || deadline.isZero()) {
                        problems.add(at(text, id, "deadline", "condition '" + id + "': the deadline must be after the decision, was " + d));
                    }
                } catch (DateTimeParseException ex) {
                    problems.add(at(text, id, "deadline", "condition '" + id + "': deadline '" + d
                            + "' is not an ISO-8601 duration (P7D, PT48H, …)"));
                }
            }
            if (problems.size() == before) {
                out.put(id, new Definition(id, artist.strip(), evidence.strip(), deadline));
            }
        });
        return new ConditionVocabulary(out, true);
    }

    /** A problem at the first line mentioning {@code key} from the line that defines condition {@code id} on. */
    private static RuleProblem at(String text, String id, String key, String message) {
        String[] lines = text.split("\n", -1);
        int from = 0;
        while (from < lines.length && !lines[from].strip().startsWith(id + ":")) {
            from++;
        }
        from = from == lines.length ? 0 : from;
        for (int i = from; i < lines.length; i++) {
            int col = lines[i].indexOf(key);
            if (col >= 0) {
                return new RuleProblem(FILE, i + 1, col + 1, message);
            }
        }
        return new RuleProblem(FILE, from + 1, 1, message);
    }
}
