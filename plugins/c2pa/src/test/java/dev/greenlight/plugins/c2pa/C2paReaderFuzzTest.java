package dev.greenlight.plugins.c2pa;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader under arbitrary bytes: it must never throw (a damaged or hostile store is
 * {@code invalid} with a code), never run out of memory, never take a second.
 *
 * <p>{@code file} takes the input as a whole media file (container parsing included);
 * {@code store} takes it as a manifest store's JUMBF and wraps it in a JPEG APP11 segment, so the
 * fuzzer spends its time in the JUMBF, CBOR, COSE and certificate code. Both call
 * {@link C2paReader#read}, which lets a fault of the reader through (the plugin's
 * {@code readSafely} would hide it). Without {@code JAZZER_FUZZ} (every build) each method replays
 * the inputs committed under
 * {@code src/test/resources/dev/greenlight/plugins/c2pa/C2paReaderFuzzTestInputs/<method>/}
 * (small containers around the fixtures' real stores, and damaged ones); {@code -Pfuzz} fuzzes:
 * {@code mvn -B -Pfuzz -pl plugins/c2pa -am test -Dtest='C2paReaderFuzzTest#store' -Dfuzz.seconds=600}.
 */
class C2paReaderFuzzTest {
    private static final C2paReader READER = new C2paReader(Fixtures.anchors(), Clock.systemUTC());
    private static final List<String> CATEGORIES = List.of("trusted", "valid", "invalid", "absent");

    @FuzzTest
    void file(byte[] input) {
        wellFormed(READER.read(ByteBuffer.wrap(input)));
    }

    @FuzzTest
    void store(byte[] input) {
        wellFormed(READER.read(ByteBuffer.wrap(SeedFiles.jpegAround(input))));
    }

    private static void wellFormed(Report r) {
        assertThat(r.category()).isIn(CATEGORIES);
        if (r.category().equals("invalid")) {
            assertThat(r.codes()).as("an invalid store says why").isNotEmpty();
        }
        if (r.category().equals("trusted")) {
            assertThat(r.codes()).isEmpty();
        }
    }
}
