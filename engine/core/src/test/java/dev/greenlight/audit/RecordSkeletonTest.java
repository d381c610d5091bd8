package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify}'s fast reading of a record ({@link RecordSkeleton}, over {@link JsonSkip}) against
 * Jackson's ({@link RecordCheck#parsedSkeleton}), which decides every line the fast one leaves to
 * it: on real records and on every one-byte change, deletion and insertion of one, and on crafted
 * corner cases, whatever the fast reading answers must be the tree Jackson gives, and it must never
 * answer for a line Jackson refuses. So both find every bad record, with the same words.
 */
class RecordSkeletonTest {
    /** Bytes a change puts in: JSON's structure, digits, escapes, controls, and every kind of UTF-8 byte. */
    private static final byte[] PROBES = {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\t', '\n', '0', '1', '-', '+', '.',
        'e', 'E', 'u', 't', 'n', 'x', 0x00, 0x1F, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xE0,
        (byte) 0xED, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};

    @TempDir
    Path dir;
    List<byte[]> lines = new ArrayList<>();

    @BeforeEach
    void writeLog() throws IOException {
        Path base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.NONE)
                .checkpointEvery(3, Duration.ofHours(1)).build())) {
            List<String> ids = AuditFixtures.append(log, 1, 6);
            log.review(ids.get(0), "rev-1", Verdict.REJECT, "a note", java.time.Instant.parse("2026-11-02T10:00:00Z"));
        }
        for (String line : Files.readAllLines(base, StandardCharsets.UTF_8)) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void realRecords_ofEveryType_areReadFast_intoJacksonsTree() throws IOException {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (byte[] line : lines) {
            JsonNode f = RecordSkeleton.of(line, 0, line.length);
            JsonNode j = RecordCheck.parsedSkeleton(line, 0, line.length);
            assertThat(f).as(new String(line, StandardCharsets.UTF_8)).isNotNull().isEqualTo(j);
            types.add(j.path("type").asText());
        }
        assertThat(types).containsExactly("checkpoint", "decision", "review");
    }

    @Test
    void readsTheRecordInPlace_inALargerBuffer() throws IOException {
        byte[] line = decisionLine();
        byte[] buf = new byte[line.length + 20];
        java.util.Arrays.fill(buf, (byte) '}');
        System.arraycopy(line, 0, buf, 7, line.length);
        assertThat(RecordSkeleton.of(buf, 7, line.length)).isEqualTo(RecordCheck.parsedSkeleton(line, 0, line.length));
    }

    @Test
    void everyOneByteChange_deletion_andInsertion_isReadAsJacksonReadsIt() {
        for (String type : List.of("decision", "review", "checkpoint")) {
            everyOneByteChange(line(type));
        }
    }

    private static void everyOneByteChange(byte[] line) {
        int fastAnswers = 0;
        for (int at = 0; at < line.length; at++) {
            for (byte probe : PROBES) {
                byte[] changed = line.clone();
                changed[at] = probe;
                fastAnswers += agree(changed);
                byte[] inserted = new byte[line.length + 1];
                System.arraycopy(line, 0, inserted, 0, at);
                inserted[at] = probe;
                System.arraycopy(line, at, inserted, at + 1, line.length - at);
                fastAnswers += agree(inserted);
            }
            byte[] deleted = new byte[line.length - 1];
            System.arraycopy(line, 0, deleted, 0, at);
            System.arraycopy(line, at + 1, deleted, at, line.length - at - 1);
            fastAnswers += agree(deleted);
        }
        assertThat(fastAnswers).as("the fast reading answered for many changed lines (values changed in place)")
                .isGreaterThan(line.length);
    }

    @Test
    void randomEdits_inManyPlacesAtOnce_areReadAsJacksonReadsThem() {
        Random random = new Random(18);
        for (int n = 0; n < 30_000; n++) {
            byte[] line = line(n % 3 == 0 ? "decision" : n % 3 == 1 ? "review" : "checkpoint");
            byte[] changed = line.clone();
            for (int k = random.nextInt(4) + 1; k > 0; k--) {
                changed[random.nextInt(changed.length)] = random.nextBoolean() ? PROBES[random.nextInt(PROBES.length)]
                        : (byte) random.nextInt(256);
            }
            agree(changed);
        }
    }

    @Test
    void cornerCases_areReadAsJacksonReadsThem() {
        String base = "{\"decision\":{\"decisionId\":\"d-1\",\"x\":[1,2.5e-3,-0,true,false,null,{}]},\"prev\":\"" + "0".repeat(64)
                + "\",\"seq\":1,\"submission\":{\"id\":\"s-1\"},\"type\":\"decision\",\"v\":2,\"hash\":\"" + "a".repeat(64) + "\"}";
        assertThat(agreeText(base)).as("the plain record is read fast").isEqualTo(1);
        List<String> cases = List.of(
                base.replace("\"v\":2", "\"v\":\"2\""), // text where a number belongs
                base.replace("\"seq\":1", "\"seq\":01"),
                base.replace("\"seq\":1", "\"seq\":1.0"),
                base.replace("\"seq\":1", "\"seq\":2147483648"), // past int: a long node
                base.replace("\"seq\":1", "\"seq\":99999999999999999999"),
                base.replace("\"seq\":1", "\"seq\":-1"),
                base.replace("\"v\":2", "\"v\":2,\"v\":1"), // a member twice: Jackson keeps the last
                base.replace("\"decisionId\":\"d-1\"", "\"decisionId\":\"d-1\",\"decisionId\":\"d-2\""),
                base.replace("\"decisionId\":\"d-1\"", "\"decision\\u0049d\":\"d-1\""), // an escaped name
                base.replace("\"decisionId\":\"d-1\"", "\"decisionId\":7"),
                base.replace("\"decisionId\":\"d-1\"", "\"decisionId\":\"d-\\u00e9\""),
                base.replace("\"submission\":{\"id\":\"s-1\"}", "\"submission\":{\"decisionId\":\"x\"}"),
                base.replace("\"submission\":{\"id\":\"s-1\"}", "\"submission\":[]"),
                base.replace("\"prev\":", "\"p\\u0072ev\":"),
                base.replace("\"type\":\"decision\"", "\"type\":\"review\""),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"extra\":5,"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"extra\":{\"a\":[]},"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"review\":{},"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"review\":{\"a\":[1,[],{},true,null,\"x\",2147483648]},"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"review\":{\"a\":1,\"a\":2},"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"review\":{\"a\":1.5,\"b\":-1},"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"review\":{\"a\\u0062\":\"\\n\"},"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"checkpoint\":7,\"appeal\":\"x\",\"fulfilment\":[],"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"review\":{},\"review\":{},"),
                base.replace("\"type\":\"decision\",", "\"type\":\"decision\",\"review\":" + "[".repeat(20) + "]".repeat(20) + ","),
                base.replace("\"x\":[", "\"x\":[\"\\ud800\",\"\\uZZZZ\","),
                base.replace("\"x\":[", "\"x\":[\"\\ud83d\\ude00\","),
                base.replace("\"x\":[", "\"x\":[\"\u00e9\u4e2d\ud83d\ude00\","), // valid UTF-8 of 2, 3 and 4 bytes
                base.replace("\"x\":[", "\"x\":[1.,"),
                base.replace("\"x\":[", "\"x\":[.5,"),
                base.replace("\"x\":[", "\"x\":[1e,"),
                base.replace("\"x\":[", "\"x\":[+1,"),
                base.replace("\"x\":[", "\"x\":[tru,"),
                base.replace("\"x\":[", "\"x\":[truex,"),
                base.replace("\"x\":[", "\"x\":[NaN,"),
                base.replace("\"x\":[", "\"x\":[1" + "0".repeat(150) + ","),
                base.replace("\"x\":[", "\"x\":[" + "[".repeat(300) + "]".repeat(300) + ","),
                base.replace("\"x\":[", "\"" + "n".repeat(2000) + "\":1,\"x\":["),
                base.replace("\"x\":[", "\"x\" : [ "),
                base.replace("\"x\":[", "\"x\":[,"),
                base.replace(",null,{}]", ",null,{},]"),
                base.replace("{}]", "{\"a\"}]"),
                "\ufeff" + base,
                " " + base + " ",
                base + "x",
                base + "{}",
                "{}",
                "[]",
                "");
        for (String c : cases) {
            agreeText(c);
        }
        byte[] raw = base.getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98})) {
            int at = base.indexOf("s-1") + 2;
            byte[] withBad = new byte[raw.length + bad.length];
            System.arraycopy(raw, 0, withBad, 0, at);
            System.arraycopy(bad, 0, withBad, at, bad.length);
            System.arraycopy(raw, at, withBad, at + bad.length, raw.length - at);
            agree(withBad);
        }
    }

    private byte[] decisionLine() {
        return line("decision");
    }

    private byte[] line(String type) {
        return lines.stream().filter(l -> new String(l, StandardCharsets.UTF_8).contains("\"type\":\"" + type + "\""))
                .findFirst().orElseThrow();
    }

    private static int agreeText(String line) {
        return agree(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the two readings agree on {@code line}; 1 when the fast one answered. */
    private static int agree(byte[] line) {
        JsonNode fast = RecordSkeleton.of(line, 0, line.length);
        if (fast == null) {
            return 0;
        }
        JsonNode jackson;
        try {
            jackson = RecordCheck.parsedSkeleton(line, 0, line.length);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("the fast reading accepted a line Jackson refuses (" + e.getMessage() + "): "
                    + new String(line, StandardCharsets.ISO_8859_1), e);
        }
        assertThat(fast).as(new String(line, StandardCharsets.ISO_8859_1)).isEqualTo(jackson);
        return 1;
    }
}
