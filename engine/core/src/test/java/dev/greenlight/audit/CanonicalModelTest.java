package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.json.BatchItem;
import dev.greenlight.json.ModelJson;
import dev.greenlight.json.SubmissionReader;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.ModelInfo;
import dev.greenlight.model.PluginRun;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Reason;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canonical writer gives byte for byte what the format's first writer gave (a sorted Jackson
 * tree written by Jackson), whether it writes the model straight ({@code CanonicalModel}) or a tree
 * ({@code ModelJson}'s, as redaction leaves it): a record's hash must not depend on the path.
 */
class CanonicalModelTest {
    /** Keys whose order differs between UTF-16 code units and code points, and escapes of every kind. */
    private static final String[] AWKWARD = {"z", "A", "a", "é", "\uFF21", "\uD83D\uDE00", "", "with \"quote\"",
        "tab\there", "nul\u0000", "line\u2028sep", "\u007F", "back\\slash"};

    @Test
    void theCorpusWritesTheSameBytesAsTheTreePath() throws IOException {
        List<Submission> corpus = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/corpus/submissions-2k.jsonl")) {
            new SubmissionReader().readBatch(in, "corpus", item -> {
                if (item instanceof BatchItem.Valid v) {
                    corpus.add(v.submission());
                }
            });
        }
        assertThat(corpus).hasSizeGreaterThan(1_900);
        for (Submission s : corpus) {
            assertSameSubmission(s);
        }
    }

    @Test
    void everyOptionalSubmissionFieldAndAttributeKind() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < AWKWARD.length; i++) {
            Object value = switch (i % 4) {
                case 0 -> AWKWARD[AWKWARD.length - 1 - i];
                case 1 -> (long) -i * 1_000_000_007L;
                case 2 -> i / 7.0;
                default -> i % 2 == 0;
            };
            attributes.put(AWKWARD[i], value);
        }
        attributes.put("big", Long.MAX_VALUE);
        attributes.put("tiny", 1e-300);
        attributes.put("whole", 3.0);
        attributes.put("nan", Double.NaN);
        attributes.put("inf", Double.NEGATIVE_INFINITY);
        Submission full = Submission.builder("s-\u00e9\uD83D\uDE00")
                .submittedAt(Instant.parse("2026-11-01T10:00:00.123456789Z"))
                .submitter(new Submitter("u-1", "beta \"pro\"", true, List.of("z-role", "a-role", "\u00e9")))
                .model(new ModelInfo("vid\u0000gen", "2.1"))
                .prompt("a prompt\nwith lines, \u2028 and \uD83C\uDFAC")
                .title("T\u00eftle").description("</script>")
                .intendedUse("commercial")
                .tags(List.of("b", "a", "\u00e9"))
                .addMedia(Media.builder("video").mimeType("video/mp4").path("clips/a b.mp4").sha256("ab".repeat(32))
                        .bytes(9_007_199_254_740_993L).width(1920).height(1080).durationSeconds(12.5).frameRate(29.97)
                        .build())
                .addMedia(Media.builder("image").index(1).build())
                .provenance(new Provenance(true, false))
                .attributes(attributes)
                .build();
        assertSameSubmission(full);
        assertSameSubmission(Submission.builder("bare").submittedAt(Instant.EPOCH)
                .submitter(new Submitter("u", "", false, List.of())).model(new ModelInfo("", "v1")).intendedUse("personal").addMedia(Media.builder("audio").build()).build());
        assertSameSubmission(Submission.builder("bare").submittedAt(Instant.EPOCH)
                .submitter(new Submitter("u", null, false, null)).model(new ModelInfo("n", "")).intendedUse("personal").addMedia(Media.builder("audio").build()).build());
    }

    @Test
    void everyOptionalDecisionFieldAndAwkwardText() {
        List<Signal> signals = new ArrayList<>();
        Signal.Builder withAttributes = Signal.builder("hash.match").source("hash-match").category("csam")
                .value("bank-1").score(1.0).mediaIndex(0);
        for (String k : AWKWARD) {
            withAttributes.attribute(k, k + "!");
        }
        signals.add(withAttributes.build());
        signals.add(Signal.builder("prompt.term").build());
        signals.add(Signal.builder("media.probe").source("media-probe").score(0.0).mediaIndex(3).value("\u00e9").build());
        signals.add(Signal.builder("x").score(1e-7).build());
        List<Reason> reasons = List.of(new Reason("r-1", Verdict.REJECT, "No \"brands\" \u2014 see \\policy", "P-1"),
                new Reason("r-2", Verdict.ESCALATE, "", null), new Reason("\uD83D\uDE00", Verdict.APPROVE, "ok", ""));
        List<PluginRun> plugins = List.of(new PluginRun("prompt-screen", "1.0.0", 12, false),
                new PluginRun("media-probe", "1.0.0", 0, true));
        Decision full = new Decision("0192-\u00e9", "s-1", Verdict.REJECT, reasons, signals,
                new RulesetRef("greenlight", "sha256:" + "cd".repeat(32)), plugins,
                Instant.parse("2026-11-01T10:00:00.000001Z"), Long.MAX_VALUE);
        assertSameDecision(full);
        assertSameDecision(new Decision("d", "s", Verdict.APPROVE, List.of(), List.of(), new RulesetRef("r", "v"),
                List.of(), Instant.EPOCH, 0));
    }

    @Test
    void treesOfEveryNodeKind_areWrittenAsJacksonWritesThemSorted() throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (String k : AWKWARD) {
            o.put(k, k);
        }
        o.put("int", 7).put("long", Long.MIN_VALUE).put("double", 1.0E-7).put("nan", Double.NaN).put("float", 1.5f)
                .put("big", new BigInteger("123456789012345678901234567890")).put("decimal", new BigDecimal("1.50E+3"))
                .put("short", (short) 3).put("true", true).putNull("null");
        o.putArray("array").add(1).add("x").addNull().addArray();
        o.putObject("nested").putObject("deeper").put("b", 1).put("a", 2);
        o.putObject("empty");
        assertThat(new String(CanonicalJson.of(o), StandardCharsets.UTF_8)).isEqualTo(new String(jackson(o), StandardCharsets.UTF_8));
        JsonNode parsed = AuditRecordFormat.MAPPER.readTree(jackson(o));
        assertThat(CanonicalJson.of(parsed)).isEqualTo(jackson(parsed));
    }

    private static void assertSameSubmission(Submission s) {
        JsonNode tree = ModelJson.submission(s);
        byte[] oracle = jackson(tree);
        assertThat(new String(CanonicalModel.submission(s), StandardCharsets.UTF_8))
                .as("submission %s", s.getId()).isEqualTo(new String(oracle, StandardCharsets.UTF_8));
        assertThat(CanonicalModel.submission(s)).isEqualTo(oracle);
        assertThat(CanonicalJson.of(tree)).isEqualTo(oracle);
    }

    private static void assertSameDecision(Decision d) {
        JsonNode tree = ModelJson.decision(d);
        byte[] oracle = jackson(tree);
        assertThat(new String(CanonicalModel.decision(d), StandardCharsets.UTF_8))
                .as("decision %s", d.decisionId()).isEqualTo(new String(oracle, StandardCharsets.UTF_8));
        assertThat(CanonicalModel.decision(d)).isEqualTo(oracle);
        assertThat(CanonicalJson.of(tree)).isEqualTo(oracle);
    }

    /**
     * The oracle: how the format was first written, a sorted copy of the tree written by Jackson's
     * generator. The canonical writer must give exactly these bytes.
     */
    private static byte[] jackson(JsonNode node) {
        try {
            return AuditRecordFormat.MAPPER.writeValueAsBytes(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}
