package dev.greenlight.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Submission;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubmissionReaderTest {
    static final String VALID = "{\"id\":\"s-1\",\"submittedAt\":\"2026-11-01T09:00:38Z\",\"submitter\":{\"id\":\"a-1\","
            + "\"program\":\"early-access\",\"verified\":true},\"prompt\":\"a fox\",\"intendedUse\":\"portfolio\","
            + "\"media\":[{\"type\":\"video\",\"width\":1920,\"height\":1080,\"durationSeconds\":10,\"frameRate\":24.0}]}";

    private final SubmissionReader reader = new SubmissionReader();

    private List<BatchItem> batch(String text) throws IOException {
        return batch(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<BatchItem> batch(byte[] bytes) throws IOException {
        List<BatchItem> items = new ArrayList<>();
        reader.readBatch(new ByteArrayInputStream(bytes), "in.jsonl", items::add);
        return items;
    }

    private static List<InputProblem> problems(BatchItem item) {
        assertThat(item).isInstanceOf(BatchItem.Invalid.class);
        return ((BatchItem.Invalid) item).problems();
    }

    @Test
    void parse_valid_readsEveryField() throws Exception {
        Submission s = reader.parse(VALID);
        assertThat(s.getId()).isEqualTo("s-1");
        assertThat(s.getSubmitter().getProgram()).isEqualTo("early-access");
        assertThat(s.getMedia().get(0).getDurationSeconds()).isEqualTo(10.0);
        assertThat(s.getMedia().get(0).getWidth()).isEqualTo(1920);
        assertThat(s.getProvenance().isC2pa()).isFalse();
    }

    @Test
    void batch_badLines_reportedWithLineAndPointer_goodLinesKept() throws IOException {
        String text = String.join("\n",
                VALID,
                "{\"id\": \"s-2\", oops}",
                VALID.replace("\"width\":1920", "\"width\":\"1920\""),
                VALID.replace("\"prompt\"", "\"colour\":\"red\",\"prompt\""),
                VALID.replace("\"intendedUse\":\"portfolio\",", ""),
                "",
                VALID.replace("s-1", "s-7")) + "\n";
        List<BatchItem> items = batch(text);
        assertThat(items).hasSize(6);
        assertThat(items.get(0)).isInstanceOf(BatchItem.Valid.class);
        assertThat(problems(items.get(1))).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).startsWith("malformed JSON");
        });
        assertThat(problems(items.get(2))).singleElement().hasToString("in.jsonl:3: /media/0/width: must be an integer, was a string");
        assertThat(problems(items.get(3))).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/colour");
            assertThat(p.message()).startsWith("unknown field");
        });
        assertThat(problems(items.get(4))).singleElement().hasToString("in.jsonl:5: /intendedUse: is required");
        assertThat(items.get(5)).isInstanceOfSatisfying(BatchItem.Valid.class, v -> {
            assertThat(v.line()).isEqualTo(7);
            assertThat(v.submission().getId()).isEqualTo("s-7");
        });
    }

    @Test
    void everyProblem_isReported_notJustTheFirst() {
        String bad = "{\"id\":\"bad id!\",\"submittedAt\":\"yesterday\",\"submitter\":{\"id\":\"a\"},"
                + "\"intendedUse\":\"billboard\",\"media\":[]}";
        assertThatThrownBy(() -> reader.parse(bad)).isInstanceOfSatisfying(InvalidSubmissionException.class, e ->
                assertThat(e.problems()).extracting(InputProblem::pointer)
                        .containsExactly("/id", "/submittedAt", "/intendedUse", "/media"));
    }

    @Test
    void prettyPrintedArray_namesTheLineOfTheBadField() throws IOException {
        String text = "[\n" + VALID + ",\n{\n  \"id\": \"s-2\",\n  \"submittedAt\": \"2026-11-01T09:00:38Z\",\n"
                + "  \"submitter\": {\"id\": \"a\"},\n  \"intendedUse\": \"portfolio\",\n"
                + "  \"media\": [\n    {\"type\": \"hologram\"}\n  ]\n}\n]\n";
        List<BatchItem> items = batch(text);
        assertThat(items).hasSize(2);
        assertThat(problems(items.get(1))).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/media/0/type");
            assertThat(p.line()).isEqualTo(9);
        });
    }

    @Test
    void sequenceOfPrettyObjects_isRead() throws IOException {
        String pretty = VALID.replace(",", ",\n  ");
        List<BatchItem> items = batch(pretty + "\n" + pretty.replace("s-1", "s-2"));
        assertThat(items).hasSize(2).allMatch(i -> i instanceof BatchItem.Valid);
    }

    @Test
    void duplicateKeys_rejected() {
        assertThatThrownBy(() -> reader.parse(VALID.replace("{\"id\":\"s-1\",", "{\"id\":\"s-1\",\"id\":\"s-2\",")))
                .isInstanceOfSatisfying(InvalidSubmissionException.class,
                        e -> assertThat(e.problems().get(0).message()).contains("Duplicate field 'id'"));
    }

    @Test
    void trailingGarbage_rejected() {
        assertThatThrownBy(() -> reader.parse(VALID + " {}"))
                .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("trailing content");
    }

    @Test
    void loneSurrogate_rejected() {
        assertThatThrownBy(() -> reader.parse(VALID.replace("a fox", "a fox \\ud800")))
                .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("/prompt").hasMessageContaining("lone surrogate");
    }

    @Test
    void invalidUtf8_rejected_restOfBatchDecided() throws IOException {
        byte[] good = (VALID + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = VALID.replace("a fox", "a fox XX").getBytes(StandardCharsets.UTF_8);
        int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf("XX");
        bad[at] = (byte) 0xC3;
        bad[at + 1] = (byte) 0x28; // 0xC3 must be followed by a continuation byte
        byte[] all = new byte[good.length * 2 + bad.length + 1];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        all[good.length + bad.length] = '\n';
        System.arraycopy(good, 0, all, good.length + bad.length + 1, good.length);
        List<BatchItem> items = batch(all);
        assertThat(items).hasSize(3);
        assertThat(problems(items.get(1))).singleElement().satisfies(p -> assertThat(p.message()).containsIgnoringCase("UTF-8"));
        assertThat(items.get(2)).isInstanceOf(BatchItem.Valid.class);
    }

    @Test
    void deepNesting_rejectedWithoutStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String doc = VALID.replace("\"prompt\":\"a fox\"", "\"attributes\":{\"x\":" + deep + "}");
        assertThatThrownBy(() -> reader.parse(doc)).isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void hugeString_rejected() {
        String doc = VALID.replace("a fox", "x".repeat(100_000));
        assertThatThrownBy(() -> reader.parse(doc)).isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("length");
    }

    @Test
    void overlongPrompt_rejectedByContractLimit() {
        String doc = VALID.replace("a fox", "y".repeat(20_001));
        assertThatThrownBy(() -> reader.parse(doc)).isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("/prompt: must be at most 20000 characters");
    }

    @Test
    void oversizedDocument_rejected() {
        byte[] big = new byte[JsonLimits.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThatThrownBy(() -> reader.parse(big, "big.json")).isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void mediaPathTraversal_rejected() {
        for (String path : List.of("../secret.mp4", "a/../../b.mp4", "/etc/passwd", "C:\\\\x.mp4")) {
            String doc = VALID.replace("{\"type\":\"video\",", "{\"type\":\"video\",\"path\":\"" + path + "\",");
            assertThatThrownBy(() -> reader.parse(doc)).as(path).isInstanceOf(InvalidSubmissionException.class)
                    .hasMessageContaining("/media/0/path");
        }
    }

    @Test
    void roundTrip_throughModelJson_givesEqualSubmission() throws Exception {
        Submission s = reader.parse(VALID.replace("\"prompt\"", "\"tags\":[\"a\"],\"attributes\":{\"n\":3,\"f\":1.5,\"b\":true,\"s\":\"x\"},\"prompt\""));
        Submission again = reader.parse(ModelJson.write(ModelJson.submission(s)));
        assertThat(again).isEqualTo(s);
    }

    /** docs/reliability.md I1: each hostile input, what it is, and what the error must say. */
    static Stream<Arguments> hostileInputs() {
        byte[] invalidUtf8 = VALID.replace("a fox", "a fox XX").getBytes(StandardCharsets.UTF_8);
        int at = new String(invalidUtf8, StandardCharsets.ISO_8859_1).indexOf("XX");
        invalidUtf8[at] = (byte) 0xC3;
        invalidUtf8[at + 1] = (byte) 0x28;
        byte[] oversized = new byte[JsonLimits.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(oversized, (byte) ' ');
        String deep = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                Arguments.of("oversized body", oversized, "the limit is " + JsonLimits.MAX_DOCUMENT_BYTES),
                Arguments.of("deep nesting", utf8(VALID.replace("\"prompt\":\"a fox\"", "\"attributes\":{\"x\":" + deep + "}")),
                        "nesting depth"),
                Arguments.of("huge string", utf8(VALID.replace("a fox", "x".repeat(100_000))), "length"),
                Arguments.of("over a field's limit", utf8(VALID.replace("a fox", "y".repeat(20_001))),
                        "/prompt: must be at most 20000 characters"),
                Arguments.of("duplicate keys", utf8(VALID.replace("{\"id\":\"s-1\",", "{\"id\":\"s-1\",\"id\":\"s-2\",")),
                        "Duplicate field 'id'"),
                Arguments.of("trailing garbage", utf8(VALID + " {}"), "trailing content"),
                Arguments.of("lone surrogate", utf8(VALID.replace("a fox", "a fox \\ud800")), "lone surrogate"),
                Arguments.of("invalid UTF-8", invalidUtf8, "UTF-8"),
                Arguments.of("UTF-16 instead of UTF-8", VALID.getBytes(StandardCharsets.UTF_16), "not UTF-8"),
                Arguments.of("UTF-32 instead of UTF-8", VALID.getBytes(java.nio.charset.Charset.forName("UTF-32LE")), "not UTF-8"),
                Arguments.of("unknown field", utf8(VALID.replace("\"prompt\"", "\"mood\":\"calm\",\"prompt\"")),
                        "/mood: unknown field"),
                Arguments.of("path traversal in a media path", utf8(VALID.replace("{\"type\":\"video\",",
                        "{\"type\":\"video\",\"path\":\"clips/../../etc/passwd\",")), "/media/0/path"),
                Arguments.of("absolute media path", utf8(VALID.replace("{\"type\":\"video\",",
                        "{\"type\":\"video\",\"path\":\"/etc/passwd\",")), "/media/0/path"),
                Arguments.of("not a submission at all", utf8("[1, 2, 3]"), "must be a JSON object"),
                Arguments.of("empty", new byte[0], "empty document"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void I1_hostileInput_isRejectedNamingTheProblem_inADocumentAndInABatch(String what, byte[] input, String names)
            throws IOException {
        assertThatThrownBy(() -> reader.parse(input, "in.json")).as(what)
                .isInstanceOfSatisfying(InvalidSubmissionException.class, e ->
                        assertThat(e.problems()).isNotEmpty().anySatisfy(p -> assertThat(p.toString()).contains(names)));
        if (input.length == 0 || input.length > JsonLimits.MAX_DOCUMENT_BYTES) {
            return; // not a line of a batch: an empty line is skipped, an oversized one is the next case's business
        }
        // as one line of a JSON Lines batch between two good ones: reported, and the others still read
        byte[] good = (VALID + "\n").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(good);
        all.writeBytes(input);
        all.write('\n');
        all.writeBytes(good);
        List<BatchItem> items = batch(all.toByteArray());
        assertThat(items).as(what).first().isInstanceOf(BatchItem.Valid.class);
        assertThat(items).as(what).last().isInstanceOf(BatchItem.Valid.class);
        assertThat(items).as(what).filteredOn(i -> i instanceof BatchItem.Invalid).isNotEmpty()
                .allSatisfy(i -> assertThat(i.line()).isEqualTo(2));
    }

    @Test
    void I1_wholeBatchInUtf16_isOneProblem_notReadLeniently() throws IOException {
        byte[] utf16 = (VALID + "\n" + VALID + "\n").getBytes(StandardCharsets.UTF_16);
        assertThat(batch(utf16)).singleElement().satisfies(item ->
                assertThat(problems(item)).singleElement().hasToString(
                        "in.jsonl:1: not UTF-8: the input starts like UTF-16 or UTF-32 text (a byte-order mark or NUL bytes); "
                                + "submissions are UTF-8 JSON"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hostileFieldName_isPrintedEscapedAndShortened() {
        String key = "evil\\nforged line" + "k".repeat(5_000);
        String doc = VALID.replace("{\"id\"", "{\"" + key + "\":1,\"id\"");
        assertThatThrownBy(() -> reader.parse(doc)).isInstanceOfSatisfying(InvalidSubmissionException.class, e -> {
            String printed = e.problems().get(0).toString();
            assertThat(printed).doesNotContain("\n").contains("evil\\u000aforged line").contains("…")
                    .hasSizeLessThan(400);
            assertThat(e.problems().get(0).pointer()).startsWith("/evil\nforged line");
        });
    }
}
