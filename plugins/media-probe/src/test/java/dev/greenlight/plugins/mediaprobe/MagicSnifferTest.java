package dev.greenlight.plugins.mediaprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MagicSnifferTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000001c667479706973736f6d0000020069736f6d, MP4",
        "00000018667479704d344120000000004d344120, MP4",
        "00000014667479707174202000000200, MOV",
        "0000000877696465, MOV",
        "00000018667479706865696300000000, HEIF",
        "00000018667479706176696600000000, AVIF",
        "1a45dfa3a3428681014282847765626d, WEBM",
        "1a45dfa3a3428681014282886d6174726f736b61, MATROSKA",
        "89504e470d0a1a0a0000000d49484452, PNG",
        "ffd8ffe000104a464946, JPEG",
        "474946383961, GIF",
        "52494646000000005745425056503820, WEBP",
        "524946460000000057415645666d7420, WAV",
        "524946460000000041564920, AVI",
        "664c614300000022, FLAC",
        "4f67675300020000, OGG",
        "49492a0008000000, TIFF",
        "424d3600000000000000360000002800000010000000, BMP",
        "fffb9000, MP3",
        "fff15080002ffc, AAC",
    })
    void sniff_knownSignature_givesFormat(String hex, Format expected) {
        byte[] head = HexFormat.of().parseHex(hex);

        assertThat(MagicSniffer.sniff(head, head.length)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "424d00000000ffff0000000000000000000000, BM without a DIB header",
        "fffe0000, sync bits with a reserved layer",
        "fffff000, MP3 sync with a bad bitrate index",
        "68656c6c6f20776f726c64, text",
        "'', nothing",
    })
    void sniff_lookalikeOrUnknown_givesNothing(String hex, String why) {
        byte[] head = HexFormat.of().parseHex(hex);

        assertThat(MagicSniffer.sniff(head, head.length)).as(why).isNull();
    }

    @Test
    void describeUnknown_namesCommonNonMedia() {
        assertThat(MagicSniffer.describeUnknown("%PDF-1.7".getBytes(), 8)).contains("PDF");
        assertThat(MagicSniffer.describeUnknown(new byte[] {'P', 'K', 3, 4}, 4)).contains("ZIP");
        assertThat(MagicSniffer.describeUnknown(new byte[] {0, 1, 2}, 3)).contains("no supported media format");
    }
}
