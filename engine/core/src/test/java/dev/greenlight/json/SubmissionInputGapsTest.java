package dev.greenlight.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16 item 7: invalid UTF-8 and out-of-range timestamps are refused, naming the problem. */
class SubmissionInputGapsTest {
    private final SubmissionReader reader = new SubmissionReader();
    private static final String VALID = "{\"id\":\"s-1\",\"submittedAt\":\"2026-11-02T10:00:00Z\",\"submitter\":{\"id\":\"a-1\"},"
            + "\"intendedUse\":\"portfolio\",\"media\":[{\"type\":\"image\"}]}";

    /** A valid submission whose prompt holds {@code raw} bytes. */
    private static byte[] withPrompt(byte[] raw) {
        String json = VALID;
        int cut = json.lastIndexOf('}');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(",\"prompt\":\"a".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void item7_overlongUtf8InAPrompt_isRefused_inADocumentALineAndAnArray() throws Exception {
        byte[] overlong = withPrompt(new byte[] {(byte) 0xC0, (byte) 0xAF});
        assertThatThrownBy(() -> reader.parse(overlong, "t")).isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("not valid UTF-8");
        for (byte[] batch : List.of(overlong, concat("[".getBytes(StandardCharsets.UTF_8), overlong, "]".getBytes(StandardCharsets.UTF_8)))) {
            List<BatchItem> items = new ArrayList<>();
            reader.readBatch(new ByteArrayInputStream(batch), "t", items::add);
            assertThat(items).singleElement().isInstanceOfSatisfying(BatchItem.Invalid.class,
                    i -> assertThat(i.problems().get(0).message()).contains("UTF-8"));
        }
        // well-formed multi-byte text still passes: é, €, 😀
        byte[] fine = withPrompt("é€😀".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.parse(fine, "t").getPrompt()).isEqualTo("aé€😀b");
        for (byte[] bad : List.of(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xC3})) {
            assertThatThrownBy(() -> reader.parse(withPrompt(bad), "t")).isInstanceOf(InvalidSubmissionException.class);
        }
    }

    @Test
    void item7_submittedAtPastYear9999_isRefusedNamingTheField() {
        String json = VALID.replaceFirst("\"submittedAt\":\"[^\"]+\"", "\"submittedAt\":\"+99999-01-01T00:00:00Z\"");
        assertThatThrownBy(() -> reader.parse(json)).isInstanceOfSatisfying(InvalidSubmissionException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.pointer()).isEqualTo("/submittedAt");
                    assertThat(p.message()).contains("between");
                }));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
