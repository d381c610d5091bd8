package dev.greenlight.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Media;
import dev.greenlight.model.ModelInfo;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * (Over 400 lines on purpose: it is the whole of docs/contract.md §1 as code, one small reader per field
 * kind, and reads best in one place next to the table it implements.)
 *
 * <p>Turns a JSON tree into a {@link Submission}, checking every rule of docs/contract.md §1 and collecting
 * every problem (not just the first) with the JSON Pointer of its field. {@code null} in an
 * optional field counts as absent; in a required field it is "required".
 */
final class SubmissionMapper {
    static final Set<String> INTENDED_USES = Set.of("private", "portfolio", "public-post", "commercial", "festival", "press");
    static final Set<String> MEDIA_TYPES = Set.of("video", "image", "audio");
    private static final Set<String> TOP_FIELDS = Set.of("id", "submittedAt", "submitter", "model", "prompt", "title",
            "description", "intendedUse", "tags", "media", "provenance", "attributes");
    private static final Set<String> SUBMITTER_FIELDS = Set.of("id", "program", "verified", "roles");
    private static final Set<String> MODEL_FIELDS = Set.of("name", "version");
    private static final Set<String> PROVENANCE_FIELDS = Set.of("c2pa", "watermark");
    private static final Set<String> MEDIA_FIELDS = Set.of("type", "mimeType", "path", "sha256", "bytes", "width",
            "height", "durationSeconds", "frameRate");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** Limits the contract leaves open, set here and documented in docs/contract.md §1. */
    static final int MAX_PROMPT = 20_000;
    static final int MAX_TITLE = 2_000;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_SHORT_STRING = 256;
    static final int MAX_PATH = 1_024;
    static final int MAX_TAGS = 64;
    static final int MAX_ROLES = 32;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_MEDIA = 32;
    static final int MAX_DIMENSION = 100_000;
    static final double MAX_DURATION_SECONDS = 86_400;
    static final double MAX_FRAME_RATE = 1_000;

    private final String source;
    private final LocatedTree tree;
    private final List<InputProblem> problems = new ArrayList<>();

    private SubmissionMapper(String source, LocatedTree tree) {
        this.source = source;
        this.tree = tree;
    }

    /** The submission, or the problems that prevent building one. */
    static Submission map(String source, LocatedTree tree) throws InvalidSubmissionException {
        SubmissionMapper m = new SubmissionMapper(source, tree);
        Submission s = m.submission(tree.root());
        if (!m.problems.isEmpty()) {
            throw new InvalidSubmissionException(m.problems);
        }
        return s;
    }

    private Submission submission(JsonNode root) {
        if (!root.isObject()) {
            problem("", "a submission must be a JSON object, was " + kind(root));
            return null;
        }
        unknownFields(root, "", TOP_FIELDS);
        String id = string(root, "", "id", true, 128);
        if (id != null && !ID.matcher(id).matches()) {
            problem("/id", "must be 1-128 characters of A-Z a-z 0-9 . _ : -");
            id = null;
        }
        Instant submittedAt = timestamp(root, "", "submittedAt");
        Submitter submitter = submitter(root);
        ModelInfo model = modelInfo(root);
        String prompt = string(root, "", "prompt", false, MAX_PROMPT);
        String title = string(root, "", "title", false, MAX_TITLE);
        String description = string(root, "", "description", false, MAX_DESCRIPTION);
        String intendedUse = oneOf(root, "", "intendedUse", INTENDED_USES, true);
        List<String> tags = stringArray(root, "", "tags", MAX_TAGS);
        List<Media> media = mediaList(root);
        Provenance provenance = provenance(root);
        Map<String, Object> attributes = attributes(root);
        if (!problems.isEmpty()) {
            return null;
        }
        return Submission.builder(id).submittedAt(submittedAt).submitter(submitter).model(model).prompt(prompt)
                .title(title).description(description).intendedUse(intendedUse).tags(tags).media(media)
                .provenance(provenance).attributes(attributes).build();
    }

    private Submitter submitter(JsonNode root) {
        JsonNode n = object(root, "", "submitter", true);
        if (n == null) {
            return null;
        }
        String at = "/submitter";
        unknownFields(n, at, SUBMITTER_FIELDS);
        String id = string(n, at, "id", true, MAX_SHORT_STRING);
        if (id != null && id.isBlank()) {
            problem(at + "/id", "must not be blank");
        }
        String program = string(n, at, "program", false, MAX_SHORT_STRING);
        Boolean verified = bool(n, at, "verified");
        List<String> roles = stringArray(n, at, "roles", MAX_ROLES);
        return id == null ? null : new Submitter(id, program, verified != null && verified, roles);
    }

    private ModelInfo modelInfo(JsonNode root) {
        JsonNode n = object(root, "", "model", false);
        if (n == null) {
            return ModelInfo.NONE;
        }
        unknownFields(n, "/model", MODEL_FIELDS);
        return new ModelInfo(string(n, "/model", "name", false, MAX_SHORT_STRING),
                string(n, "/model", "version", false, MAX_SHORT_STRING));
    }

    private Provenance provenance(JsonNode root) {
        JsonNode n = object(root, "", "provenance", false);
        if (n == null) {
            return Provenance.NONE;
        }
        unknownFields(n, "/provenance", PROVENANCE_FIELDS);
        Boolean c2pa = bool(n, "/provenance", "c2pa");
        Boolean watermark = bool(n, "/provenance", "watermark");
        return new Provenance(c2pa != null && c2pa, watermark != null && watermark);
    }

    private List<Media> mediaList(JsonNode root) {
        JsonNode arr = present(root, "media");
        if (arr == null) {
            problem("/media", "is required");
            return List.of();
        }
        if (!arr.isArray()) {
            problem("/media", "must be an array, was " + kind(arr));
            return List.of();
        }
        if (arr.isEmpty() || arr.size() > MAX_MEDIA) {
            problem("/media", "must hold 1 to " + MAX_MEDIA + " items, held " + arr.size());
        }
        List<Media> out = new ArrayList<>();
        for (int i = 0; i < arr.size() && i < MAX_MEDIA; i++) {
            Media m = media(arr.get(i), "/media/" + i, i);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private Media media(JsonNode n, String at, int index) {
        if (!n.isObject()) {
            problem(at, "must be an object, was " + kind(n));
            return null;
        }
        unknownFields(n, at, MEDIA_FIELDS);
        String type = oneOf(n, at, "type", MEDIA_TYPES, true);
        String mimeType = string(n, at, "mimeType", false, MAX_SHORT_STRING);
        String path = mediaPath(n, at);
        String sha = string(n, at, "sha256", false, 64);
        if (sha != null && !SHA256.matcher(sha).matches()) {
            problem(at + "/sha256", "must be 64 hexadecimal digits");
        }
        Long bytes = integer(n, at, "bytes", 0, Long.MAX_VALUE);
        Long width = integer(n, at, "width", 1, MAX_DIMENSION);
        Long height = integer(n, at, "height", 1, MAX_DIMENSION);
        Double duration = number(n, at, "durationSeconds", MAX_DURATION_SECONDS);
        Double frameRate = number(n, at, "frameRate", MAX_FRAME_RATE);
        if (type == null) {
            return null;
        }
        return Media.builder(type).index(index).mimeType(mimeType).path(path)
                .sha256(sha == null ? null : sha.toLowerCase(java.util.Locale.ROOT)).bytes(bytes)
                .width(width == null ? null : width.intValue()).height(height == null ? null : height.intValue())
                .durationSeconds(duration).frameRate(frameRate).build();
    }

    /** Media paths stay under the media root: relative, no {@code ..}, no NUL. */
    private String mediaPath(JsonNode n, String at) {
        String path = string(n, at, "path", false, MAX_PATH);
        if (path == null) {
            return null;
        }
        String where = at + "/path";
        String unified = path.replace('\\', '/');
        if (path.isEmpty()) {
            problem(where, "must not be empty");
        } else if (path.indexOf('\0') >= 0) {
            problem(where, "must not contain a NUL character");
        } else if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*")) {
            problem(where, "must be relative to the media root, was absolute: " + path);
        } else if (List.of(unified.split("/")).contains("..")) {
            problem(where, "must stay inside the media root ('..' is not allowed): " + path);
        }
        return path;
    }

    private Map<String, Object> attributes(JsonNode root) {
        JsonNode n = object(root, "", "attributes", false);
        Map<String, Object> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (n.size() > MAX_ATTRIBUTES) {
            problem("/attributes", "must hold at most " + MAX_ATTRIBUTES + " entries, held " + n.size());
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "/attributes/" + LocatedTree.escape(e.getKey());
            JsonNode v = e.getValue();
            if (e.getKey().isEmpty() || e.getKey().length() > MAX_SHORT_STRING) {
                problem(at, "attribute names must be 1-" + MAX_SHORT_STRING + " characters");
            } else if (v.isTextual()) {
                checkText(at, v.textValue(), MAX_DESCRIPTION);
                out.put(e.getKey(), v.textValue());
            } else if (v.isBoolean()) {
                out.put(e.getKey(), v.booleanValue());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                out.put(e.getKey(), v.longValue());
            } else if (v.isFloatingPointNumber() && Double.isFinite(v.doubleValue())) {
                out.put(e.getKey(), v.doubleValue());
            } else {
                problem(at, "must be a string, number or boolean, was " + kind(v));
            }
        }
        return out;
    }

    // ---- typed field readers: each returns null when absent or wrong, recording the problem ----

    private JsonNode present(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private JsonNode object(JsonNode parent, String at, String field, boolean required) {
        JsonNode v = present(parent, field);
        if (v == null) {
            if (required) {
                problem(at + "/" + field, "is required");
            }
            return null;
        }
        if (!v.isObject()) {
            problem(at + "/" + field, "must be an object, was " + kind(v));
            return null;
        }
        return v;
    }

    private String string(JsonNode parent, String at, String field, boolean required, int maxChars) {
        JsonNode v = present(parent, field);
        String where = at + "/" + field;
        if (v == null) {
            if (required) {
                problem(where, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(where, "must be a string, was " + kind(v));
            return null;
        }
        String s = v.textValue();
        if (required && s.isEmpty()) {
            problem(where, "must not be empty");
            return null;
        }
        return checkText(where, s, maxChars) ? s : null;
    }

    /** Length in code points, and no lone surrogates (which JSON escapes can smuggle in). */
    private boolean checkText(String where, String s, int maxChars) {
        int count = s.codePointCount(0, s.length());
        if (count > maxChars) {
            problem(where, "must be at most " + maxChars + " characters, was " + count);
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                problem(where, "contains a lone surrogate (\\u" + Integer.toHexString(c) + ") at character " + i);
                return false;
            }
        }
        return true;
    }

    private String oneOf(JsonNode parent, String at, String field, Set<String> allowed, boolean required) {
        String s = string(parent, at, field, required, MAX_SHORT_STRING);
        if (s != null && !allowed.contains(s)) {
            problem(at + "/" + field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + "; was '" + s + "'");
            return null;
        }
        return s;
    }

    private Boolean bool(JsonNode parent, String at, String field) {
        JsonNode v = present(parent, field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            problem(at + "/" + field, "must be true or false, was " + kind(v));
            return null;
        }
        return v.booleanValue();
    }

    private Long integer(JsonNode parent, String at, String field, long min, long max) {
        JsonNode v = present(parent, field);
        if (v == null) {
            return null;
        }
        String where = at + "/" + field;
        if (!v.isIntegralNumber()) {
            problem(where, "must be an integer, was " + kind(v));
            return null;
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            problem(where, "must be between " + min + " and " + max + ", was " + v.asText());
            return null;
        }
        return v.longValue();
    }

    private Double number(JsonNode parent, String at, String field, double max) {
        JsonNode v = present(parent, field);
        if (v == null) {
            return null;
        }
        String where = at + "/" + field;
        if (!v.isNumber()) {
            problem(where, "must be a number, was " + kind(v));
            return null;
        }
        double d = v.doubleValue();
        if (!(d > 0 && d <= max)) {
            problem(where, "must be greater than 0 and at most " + (long) max + ", was " + v.asText());
            return null;
        }
        return d;
    }

    private List<String> stringArray(JsonNode parent, String at, String field, int maxItems) {
        JsonNode v = present(parent, field);
        String where = at + "/" + field;
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            problem(where, "must be an array of strings, was " + kind(v));
            return List.of();
        }
        if (v.size() > maxItems) {
            problem(where, "must hold at most " + maxItems + " items, held " + v.size());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                problem(where + "/" + i, "must be a string, was " + kind(item));
            } else if (checkText(where + "/" + i, item.textValue(), MAX_SHORT_STRING)) {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /** The range a timestamp must fall in (docs/contract.md §1): the Unix epoch to the last second of year 9999. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Instant timestamp(JsonNode parent, String at, String field) {
        String s = string(parent, at, field, true, 64);
        if (s == null) {
            return null;
        }
        try {
            // RFC 3339 requires an offset (Z or ±hh:mm); ISO_OFFSET_DATE_TIME accepts exactly that shape,
            // and more: it also takes years past 9999 (+99999-…), which RFC 3339's four-digit year does not
            Instant t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                problem(at + "/" + field, "must be between " + EARLIEST + " and " + LATEST + ", was '" + s + "'");
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            problem(at + "/" + field, "must be an RFC 3339 timestamp such as 2026-11-01T09:00:00Z, was '" + s + "'");
            return null;
        }
    }

    private void unknownFields(JsonNode obj, String at, Set<String> known) {
        Iterator<String> names = obj.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(at + "/" + LocatedTree.escape(name), "unknown field (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private void problem(String pointer, String message) {
        problems.add(new InputProblem(source, tree.lineOf(pointer), pointer, message));
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isIntegralNumber()) {
            return "an integer";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
