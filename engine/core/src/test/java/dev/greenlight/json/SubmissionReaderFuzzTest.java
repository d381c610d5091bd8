package dev.greenlight.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.greenlight.model.Submission;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/reliability.md I3: the submission parser under arbitrary bytes. It may only reject an input with
 * {@link InvalidSubmissionException} (or, in a batch, an {@link BatchItem.Invalid} item) naming
 * where and what; never throw anything else, never run out of memory, never take a second.
 *
 * <p>Without {@code JAZZER_FUZZ} (every build) each method replays the inputs committed under
 * {@code src/test/resources/dev/greenlight/json/SubmissionReaderFuzzTestInputs/<method>/}; with
 * {@code -Pfuzz} it fuzzes (README, "Hardening and fuzzing").
 */
class SubmissionReaderFuzzTest {
    private static final SubmissionReader READER = new SubmissionReader();

    @FuzzTest
    void I3_parse(byte[] input) throws IOException {
        Submission s;
        try {
            s = READER.parse(input, "fuzz");
        } catch (InvalidSubmissionException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(SubmissionReaderFuzzTest::wellFormed);
            return;
        }
        // what was accepted writes back out as JSON that reads as the same submission
        try {
            assertThat(READER.parse(ModelJson.write(ModelJson.submission(s)))).isEqualTo(s);
        } catch (InvalidSubmissionException e) {
            throw new AssertionError("an accepted submission does not read back: " + e.problems(), e);
        }
    }

    @FuzzTest
    void I3_readBatch(byte[] input) throws IOException {
        List<BatchItem> items = new ArrayList<>();
        READER.readBatch(new ByteArrayInputStream(input), "fuzz.jsonl", items::add);
        int lastLine = 0;
        for (BatchItem item : items) {
            assertThat(item.line()).as("line of an item").isGreaterThanOrEqualTo(0);
            if (item instanceof BatchItem.Invalid bad) {
                assertThat(bad.problems()).isNotEmpty().allSatisfy(SubmissionReaderFuzzTest::wellFormed);
            } else {
                assertThat(((BatchItem.Valid) item).submission()).isNotNull();
                assertThat(item.line()).as("valid items come in order").isGreaterThanOrEqualTo(lastLine);
                lastLine = item.line();
            }
        }
    }

    private static void wellFormed(InputProblem p) {
        assertThat(p.source()).startsWith("fuzz");
        assertThat(p.line()).isGreaterThanOrEqualTo(0);
        assertThat(p.message()).isNotBlank();
        assertThat(p.pointer()).matches("(?s)|/.*");
    }
}
