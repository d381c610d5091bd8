package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Hash256Test {
    private static final String HEX = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

    @Test
    void fromHex_toHex_roundTrips() {
        assertThat(Hash256.fromHex(HEX).toHex()).isEqualTo(HEX);
    }

    @Test
    void fromHex_upperCase_equalsLowerCase() {
        assertThat(Hash256.fromHex(HEX.toUpperCase())).isEqualTo(Hash256.fromHex(HEX)).hasSameHashCodeAs(Hash256.fromHex(HEX));
    }

    @Test
    void fromHex_notSixtyFourHexDigits_isRejectedWithTheValue() {
        assertThatThrownBy(() -> Hash256.fromHex("abc")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> Hash256.fromHex(HEX.substring(1) + "g")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bit_zero_isLowestBitOfLastHexDigit() {
        Hash256 one = Hash256.fromHex("0".repeat(63) + "1");
        Hash256 top = Hash256.fromHex("8" + "0".repeat(63));

        assertThat(one.bit(0)).isTrue();
        assertThat(one.bitCount()).isEqualTo(1);
        assertThat(top.bit(255)).isTrue();
        assertThat(top.bit(0)).isFalse();
    }

    @Test
    void hammingDistance_countsDifferingBits() {
        Hash256 a = Hash256.fromHex(HEX);
        Hash256 b = Hash256.fromHex("27" + HEX.substring(2)); // d8 -> 27 flips all 8 bits

        assertThat(a.hammingDistance(a)).isZero();
        assertThat(a.hammingDistance(b)).isEqualTo(8);
        assertThat(Hash256.fromHex("0".repeat(64)).hammingDistance(Hash256.fromHex("f".repeat(64)))).isEqualTo(256);
    }

    @Test
    void fromBytes_sha256Digest_printsAsUsualDigestHex() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(Hash256.fromBytes(digest).toHex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
