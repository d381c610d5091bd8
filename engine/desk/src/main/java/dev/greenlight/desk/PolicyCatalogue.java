package dev.greenlight.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The policies of the loaded pack, as reviewers and artists read them: id, public title and text
 * from the pack's {@code catalogue.yaml}, and the policy <em>area</em> (the pack's top-level
 * directory whose rules vote under the id, e.g. {@code minors}; or an {@code area:} member of the
 * catalogue entry, which wins). The area sets a case's priority and due time ({@link DeskConfig}).
 * Immutable and thread-safe.
 */
public final class PolicyCatalogue {
    /** The pack's condition vocabulary, beside {@code catalogue.yaml}. */
    public static final String CONDITIONS_FILE = "conditions.yaml";
    private static final Pattern POLICY = Pattern.compile("@policy\\(\\s*\"([^\"]+)\"\\s*\\)");

    /**
     * One policy.
     *
     * @param id    as rules vote under it, e.g. {@code MIN-1}
     * @param title the public title
     * @param text  the public text
     * @param area  the policy area, or {@code ""} when none is known
     */
    public record Policy(String id, String title, String text, String area) {
    }

    /**
     * One condition a reviewer may approve with (the pack's {@code conditions.yaml}, docs/contract.md §8).
     *
     * @param id       as rules and fulfilments name it, e.g. {@code label-made-with-ai}
     * @param text     what the artist must do, in plain words
     * @param evidence what a fulfilment report must carry
     * @param deadline how long after the decision it falls due (ISO-8601, e.g. {@code P7D}), or {@code ""} when never
     */
    public record Condition(String id, String text, String evidence, String deadline) {
    }

    private final Map<String, Policy> policies;
    private final Map<String, Condition> conditions;

    private PolicyCatalogue(Map<String, Policy> policies, Map<String, Condition> conditions) {
        this.policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        this.conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
    }

    /** This catalogue with {@code conditions} as its condition vocabulary (tests, embedders). */
    public PolicyCatalogue withConditions(Collection<Condition> conditions) {
        Map<String, Condition> m = new LinkedHashMap<>();
        conditions.forEach(c -> m.put(c.id(), c));
        return new PolicyCatalogue(policies, m);
    }

    /** A catalogue of the given policies (tests, embedders without a pack on disk). */
    public static PolicyCatalogue of(Collection<Policy> policies) {
        Map<String, Policy> m = new LinkedHashMap<>();
        policies.forEach(p -> m.put(p.id(), p));
        return new PolicyCatalogue(m, Map.of());
    }

    /** A catalogue without policies: every policy id is refused. */
    public static PolicyCatalogue empty() {
        return new PolicyCatalogue(Map.of(), Map.of());
    }

    /**
     * Reads {@code rulesDirectory/catalogue.yaml} ({@code policies: {ID: {title, text, area?}}}) and
     * finds each policy's area from the rule files ({@code .drl}, {@code .csv}) under the directory's
     * subdirectories.
     *
     * @throws DeskException naming the file when the catalogue is missing or malformed
     */
    public static PolicyCatalogue load(Path rulesDirectory) {
        Path file = rulesDirectory.resolve("catalogue.yaml");
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DeskException(file.toString(), "cannot read the policy catalogue: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        JsonNode ps = root == null ? null : root.get("policies");
        if (ps == null || !ps.isObject()) {
            throw new DeskException(file.toString(), "the catalogue must be a map 'policies' of id: {title, text}");
        }
        Map<String, String> areas = areas(rulesDirectory);
        Map<String, Policy> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            String area = p.hasNonNull("area") ? p.get("area").asText() : areas.getOrDefault(e.getKey(), "");
            m.put(e.getKey(), new Policy(e.getKey(), p.path("title").asText(""), p.path("text").asText(""), area));
        }
        return new PolicyCatalogue(m, conditions(rulesDirectory.resolve(CONDITIONS_FILE)));
    }

    /**
     * The pack's conditions, as the artist and reviewer read them; none when the pack has no
     * {@code conditions.yaml}. The engine checks the file strictly when it loads the rules; here a
     * malformed file is named, never half read.
     */
    private static Map<String, Condition> conditions(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DeskException(file.toString(), "cannot read the conditions: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        JsonNode cs = root == null ? null : root.get("conditions");
        if (cs == null || !cs.isObject()) {
            throw new DeskException(file.toString(), "the conditions file must be a map 'conditions' of id: {text, evidence, deadline?}");
        }
        Map<String, Condition> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            m.put(e.getKey(), new Condition(e.getKey(), c.path("text").asText(""), c.path("evidence").asText(""),
                    c.path("deadline").asText("")));
        }
        return m;
    }

    /** Policy id → the first area directory whose rules vote under it. */
    private static Map<String, String> areas(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir, 4)) {
            all.filter(f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && (n.endsWith(".drl") || n.endsWith(".csv")) && f.getParent() != null
                        && !f.getParent().equals(dir);
            }).sorted().forEach(files::add);
        } catch (IOException e) {
            return out; // no areas: every case gets the default priority
        }
        for (Path f : files) {
            String area = dir.relativize(f).getName(0).toString();
            try {
                Matcher m = POLICY.matcher(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                while (m.find()) {
                    out.putIfAbsent(m.group(1), area);
                }
            } catch (IOException e) {
                // an unreadable rule file names no area; the engine reports it where it matters
            }
        }
        return out;
    }

    /** The policy with this id. */
    public Optional<Policy> get(String id) {
        return Optional.ofNullable(id == null ? null : policies.get(id));
    }

    /** The area of policy {@code id}, or {@code ""}. */
    public String area(String id) {
        Policy p = id == null ? null : policies.get(id);
        return p == null ? "" : p.area();
    }

    /** Every policy, in catalogue order. */
    public Collection<Policy> all() {
        return policies.values();
    }

    /**
     * Checks that {@code id} names a policy of the catalogue.
     *
     * @throws DeskException naming the field {@code policy}
     */
    public Policy validate(String id) {
        if (id == null || id.isBlank()) {
            throw new DeskException("policy", "is required: the id of the policy the verdict rests on");
        }
        Policy p = policies.get(id);
        if (p == null) {
            throw new DeskException("policy", "unknown policy id " + SafeText.quote(id) + " (not in the pack's catalogue)");
        }
        return p;
    }

    /** The condition with this id. */
    public Optional<Condition> condition(String id) {
        return Optional.ofNullable(id == null ? null : conditions.get(id));
    }

    /** Every condition a reviewer may approve with, in file order; empty when the pack has none. */
    public Collection<Condition> conditions() {
        return conditions.values();
    }

    /**
     * Checks a reviewer's conditions against the verdict: {@code APPROVE_WITH_CONDITIONS} needs one or
     * more, each an id of the pack's conditions, named once; any other verdict takes none.
     *
     * @throws DeskException naming the field {@code conditions}
     */
    public void validateConditions(dev.greenlight.model.Verdict verdict, List<String> ids) {
        List<String> given = ids == null ? List.of() : ids;
        if (verdict != dev.greenlight.model.Verdict.APPROVE_WITH_CONDITIONS) {
            if (!given.isEmpty()) {
                throw new DeskException("conditions", "only APPROVE_WITH_CONDITIONS takes conditions; send none with " + verdict);
            }
            return;
        }
        if (given.isEmpty()) {
            throw new DeskException("conditions", "APPROVE_WITH_CONDITIONS needs at least one condition id from the pack's "
                    + CONDITIONS_FILE + (conditions.isEmpty() ? " (this pack defines none)" : " " + conditions.keySet()));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String id : given) {
            if (id == null || !conditions.containsKey(id)) {
                throw new DeskException("conditions", "unknown condition id " + SafeText.quote(String.valueOf(id))
                        + " (not in the pack's " + CONDITIONS_FILE + ")");
            }
            if (!seen.add(id)) {
                throw new DeskException("conditions", "condition " + SafeText.quote(id) + " is named twice");
            }
        }
    }
}
