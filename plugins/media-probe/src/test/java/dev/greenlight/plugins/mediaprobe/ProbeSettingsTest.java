package dev.greenlight.plugins.mediaprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSettingsTest {
    @Test
    void from_nothingConfigured_givesDefaults() {
        assertThat(ProbeSettings.from(Map.of())).isEqualTo(ProbeSettings.DEFAULTS);
        assertThat(ProbeSettings.DEFAULTS.maxBytes()).isEqualTo(4L << 30);
        assertThat(ProbeSettings.DEFAULTS.hash()).isTrue();
    }

    @Test
    void from_everySetting_isRead() {
        ProbeSettings s = ProbeSettings.from(Map.of("maxBytes", " 1000 ", "hash", "FALSE", "durationToleranceSeconds", "0.5",
                "frameRateTolerance", "0", "workers", "3", "workerHeapMegabytes", "64", "workerMemoryMegabytes", "512"));

        assertThat(s).isEqualTo(new ProbeSettings(1000, false, 0.5, 0.0, 3, 64, 512));
    }

    @Test
    void from_badValues_failNamingTheSetting() {
        assertBad(Map.of("maxBytes", "lots"), "'maxBytes'");
        assertBad(Map.of("maxBytes", "0"), "'maxBytes'");
        assertBad(Map.of("hash", "yes"), "'hash'");
        assertBad(Map.of("durationToleranceSeconds", "-1"), "'durationToleranceSeconds'");
        assertBad(Map.of("frameRateTolerance", "NaN"), "'frameRateTolerance'");
        assertBad(Map.of("mediaRoot", "/tmp"), "'mediaRoot'");
        assertBad(Map.of("workers", "0"), "'workers'");
        assertBad(Map.of("workerHeapMegabytes", "lots"), "'workerHeapMegabytes'");
        assertBad(Map.of("workerMemoryMegabytes", "1"), "'workerMemoryMegabytes'");
    }

    private static void assertBad(Map<String, String> settings, String named) {
        assertThatThrownBy(() -> ProbeSettings.from(settings)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(named);
    }
}
