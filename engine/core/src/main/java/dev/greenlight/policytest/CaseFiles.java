package dev.greenlight.policytest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.greenlight.json.InputProblem;
import dev.greenlight.json.InvalidSubmissionException;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads case files ({@code *_test.yaml}, {@code *_test.yml}, {@code *_test.json}). A case's
 * submission is its {@code submission} object deep-merged over a base (the file's {@code base}, or
 * the case's own {@code file}): objects merge key by key, anything else replaces, so a case says only
 * what differs ("the base, but {@code intendedUse: commercial}"). The merged submission is parsed as
 * strictly as any other; {@code null} removes a base value. Every problem names the file and the case.
 */
public final class CaseFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILE_KEYS = Set.of("base", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "file", "submission", "signals", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("verdict", "rules", "include", "exclude", "conditions",
            "includeConditions");
    private static final Set<String> SIGNAL_KEYS = Set.of("source", "name", "category", "value", "score", "mediaIndex",
            "attributes");

    private CaseFiles() {
    }

    /** True for the names of case files. */
    public static boolean isCaseFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith("_test.yaml") || n.endsWith("_test.yml") || n.endsWith("_test.json");
    }

    /**
     * Reads every case of {@code path} in {@code tree} (all files of the rules directory, by relative
     * path, so bases resolve the same from a directory or the classpath). Problems go to {@code problems}.
     */
    static List<PolicyCase> read(String path, Map<String, byte[]> tree, List<String> problems) {
        List<PolicyCase> out = new ArrayList<>();
        JsonNode root;
        try {
            root = parse(path, tree.get(path));
        } catch (IOException e) {
            problems.add(path + ": cannot read case file: " + message(e));
            return out;
        }
        if (root == null || !root.isObject() || !root.path("cases").isArray()) {
            problems.add(path + ": a case file is an object with a 'cases' list");
            return out;
        }
        unknownKeys(path, "", root, FILE_KEYS, problems);
        JsonNode fileBase = null;
        if (root.hasNonNull("base")) {
            fileBase = load(path, root.get("base").asText(), tree, problems, "base");
        }
        int index = 0;
        for (JsonNode c : root.get("cases")) {
            index++;
            String name = c.path("name").asText("case " + index);
            String where = path + ": case '" + name + "'";
            int before = problems.size();
            unknownKeys(path, " case '" + name + "'", c, CASE_KEYS, problems);
            JsonNode base = c.hasNonNull("file") ? load(path, c.get("file").asText(), tree, problems, where) : fileBase;
            JsonNode merged = merge(base == null ? JSON.createObjectNode() : base.deepCopy(), c.path("submission"));
            Submission submission = submission(where, merged, problems);
            List<Signal> signals = signals(where, c.path("signals"), problems);
            JsonNode expect = c.path("expect");
            unknownKeys(path, " case '" + name + "' expect", expect, EXPECT_KEYS, problems);
            Verdict verdict = null;
            try {
                verdict = Verdict.parse(expect.path("verdict").asText(null));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": expect.verdict " + e.getMessage());
            }
            if (problems.size() == before && submission != null) {
                out.add(new PolicyCase(path, name, submission, signals, verdict,
                        expect.has("rules") ? strings(expect.get("rules")) : null,
                        strings(expect.path("include")), strings(expect.path("exclude")),
                        expect.has("conditions") ? strings(expect.get("conditions")) : null,
                        strings(expect.path("includeConditions"))));
            }
        }
        return out;
    }

    private static JsonNode parse(String path, byte[] bytes) throws IOException {
        return path.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON.readTree(bytes) : YAML.readTree(bytes);
    }

    private static JsonNode load(String from, String relative, Map<String, byte[]> tree, List<String> problems, String what) {
        String resolved = resolve(from, relative);
        byte[] bytes = tree.get(resolved);
        if (bytes == null) {
            problems.add(from + ": " + what + " file not found: " + relative + " (looked for " + resolved + ")");
            return null;
        }
        try {
            return parse(resolved, bytes);
        } catch (IOException e) {
            problems.add(resolved + ": cannot read: " + message(e));
            return null;
        }
    }

    /** {@code relative} against the directory of {@code from}, '/'-separated, with '..' folded. */
    static String resolve(String from, String relative) {
        int slash = from.lastIndexOf('/');
        List<String> parts = new ArrayList<>(slash < 0 ? List.of() : List.of(from.substring(0, slash).split("/")));
        for (String p : relative.split("/")) {
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    private static JsonNode merge(JsonNode base, JsonNode over) {
        if (over == null || over.isMissingNode()) {
            return base;
        }
        if (over.isNull()) {
            return over; // an explicit null removes the base's value: the field reads as absent
        }
        if (base instanceof ObjectNode b && over.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = over.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.set(e.getKey(), merge(b.has(e.getKey()) ? b.get(e.getKey()) : null, e.getValue()));
            }
            return b;
        }
        return over.deepCopy();
    }

    private static Submission submission(String where, JsonNode merged, List<String> problems) {
        try {
            return new SubmissionReader().parse(JSON.writeValueAsBytes(merged), where);
        } catch (InvalidSubmissionException e) {
            for (InputProblem p : e.problems()) {
                problems.add(where + ": submission " + p.pointer() + ": " + p.message());
            }
            return null;
        } catch (JsonProcessingException e) {
            problems.add(where + ": " + message(e));
            return null;
        }
    }

    private static List<Signal> signals(String where, JsonNode list, List<String> problems) {
        List<Signal> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            problems.add(where + ": signals must be a list");
            return out;
        }
        for (JsonNode s : list) {
            try {
                unknownKeys(where, " signal", s, SIGNAL_KEYS, problems);
                Signal.Builder b = Signal.builder(s.path("name").asText(null)).source(s.path("source").asText("test"))
                        .category(s.path("category").asText(null)).value(s.path("value").asText(null));
                if (s.has("score")) {
                    b.score(s.get("score").asDouble());
                }
                if (s.has("mediaIndex")) {
                    b.mediaIndex(s.get("mediaIndex").asInt());
                }
                s.path("attributes").fields().forEachRemaining(a -> b.attribute(a.getKey(), a.getValue().asText()));
                out.add(b.build());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": signal " + e.getMessage());
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else if (n.isTextual()) {
            out.add(n.asText());
        }
        return out;
    }

    private static void unknownKeys(String path, String where, JsonNode obj, Set<String> known, List<String> problems) {
        if (obj == null || !obj.isObject()) {
            return;
        }
        obj.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(path + ":" + where + ": unknown key '" + k + "' (expected one of " + new java.util.TreeSet<>(known) + ")");
            }
        });
    }

    private static String message(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage()
                + (j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ")") : e.getMessage();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
