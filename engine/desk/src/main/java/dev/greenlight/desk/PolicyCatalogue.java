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

    private final Map<String, Policy> policies;

    private PolicyCatalogue(Map<String, Policy> policies) {
        this.policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    }

    /** A catalogue of the given policies (tests, embedders without a pack on disk). */
    public static PolicyCatalogue of(Collection<Policy> policies) {
        Map<String, Policy> m = new LinkedHashMap<>();
        policies.forEach(p -> m.put(p.id(), p));
        return new PolicyCatalogue(m);
    }

    /** A catalogue without policies: every policy id is refused. */
    public static PolicyCatalogue empty() {
        return new PolicyCatalogue(Map.of());
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
        return new PolicyCatalogue(m);
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
}
