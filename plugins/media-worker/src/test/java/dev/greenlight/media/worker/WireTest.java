package dev.greenlight.media.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {
    @Test
    void encodeDecode_roundTripsAnyText() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("path", "/media/a b\tc\nd=e%f.mp4");
        fields.put("reason", "stream 0 (h264): Invalid data — ü");
        fields.put("empty", "");

        String line = Wire.encode(fields);

        assertThat(line).doesNotContain("\n").hasLineCount(1);
        assertThat(Wire.decode(line)).containsExactlyEntriesOf(fields);
    }

    @Test
    void decode_fieldWithoutEquals_isRefused() {
        assertThatThrownBy(() -> Wire.decode("ready")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Wire.decode("")).isEmpty();
    }
}
