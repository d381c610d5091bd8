package dev.greenlight.plugins.mediaprobe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalsTest {
    @Test
    void format_dropsTrailingZerosAndNeverUsesAnExponent() {
        assertThat(Decimals.seconds(10.0)).isEqualTo("10");
        assertThat(Decimals.seconds(5.0416326530)).isEqualTo("5.041633");
        assertThat(Decimals.seconds(1e7)).isEqualTo("10000000");
        assertThat(Decimals.seconds(0.0000001)).isEqualTo("0");
        assertThat(Decimals.frameRate(30000 / 1001.0)).isEqualTo("29.97");
    }
}
