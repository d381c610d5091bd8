package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static dev.greenlight.plugins.mediaprobe.Probes.mismatchCategories;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture against what ffprobe reported for it (truth.tsv for the shared fixtures,
 * truth-made.tsv for the ones made for this plugin by make-fixtures.sh): each file is declared
 * exactly as ffprobe describes it, under the type and MIME type its name suggests, so a correct
 * probe agrees on every number (durations within 0.1 s or 2 %, frame rates within 0.01) and finds
 * no mismatch except where the name lies. Images report no duration or frame rate, as in truth.tsv.
 */
class TruthTableTest {
    /** truth.tsv has no column for why a file is unreadable; these are the deliberately broken ones. */
    private static final Map<String, String> UNREADABLE = Map.of("empty.mp4", "empty", "truncated.mp4", "truncated",
            "half.jpg", "truncated", "tail-damaged.mp4", "damaged");
    private static final List<String> TRUTH = List.of("truth.tsv", "truth-made.tsv");
    private static final Map<String, List<String>> EXPECTED_MISMATCHES = Map.of("mislabeled-png-as.mp4", List.of("type", "mime-type"));

    /** One line of truth.tsv; "-" marks a value that does not apply. */
    record Row(String file, String format, String videoCodec, String width, String height, String duration,
            String frameRate, String audioCodec, String bytes, String sha256) {
        @Override
        public String toString() {
            return file;
        }

        boolean has(String value) {
            return !value.equals("-");
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new java.util.ArrayList<>();
        for (String table : TRUTH) {
            Files.readAllLines(fixtures().resolve(table)).stream().skip(1).filter(l -> !l.isBlank()).forEach(l -> {
                String[] f = l.split("\t", -1);
                rows.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]));
            });
        }
        return rows.stream();
    }

    @Test
    void truthTable_coversEveryFixture() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(fixtures())) {
            assertThat(rows().map(Row::file))
                    .containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                            .filter(n -> !TRUTH.contains(n) && !n.endsWith(".sh")).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void probe_agreesWithFfprobe(Row row) {
        List<Signal> signals = analyse(fixtures(), declaredAsFfprobeSees(row));

        Signal info = only(signals, "media.info");
        assertThat(info.getMediaIndex()).isZero();
        assertThat(info.attribute("bytes")).isEqualTo(row.bytes());
        assertThat(info.attribute("sha256")).isEqualTo(row.sha256());
        if (UNREADABLE.containsKey(row.file())) {
            assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo(UNREADABLE.get(row.file()));
            return;
        }
        assertThat(named(signals, "media.unreadable")).isEmpty();
        assertThat(Arrays.asList(row.format().replace("_pipe", "").replace("image2", "jpeg").split(",")))
                .contains(info.attribute("format"));
        assertThat(info.attribute("type")).isEqualTo(actualType(row));
        assertThat(info.attribute("codec")).isEqualTo(row.has(row.videoCodec()) ? row.videoCodec() : row.audioCodec());
        if (row.has(row.videoCodec()) && row.has(row.audioCodec())) {
            assertThat(info.attribute("audioCodec")).isEqualTo(row.audioCodec());
        }
        assertThat(info.attribute("width")).isEqualTo(row.has(row.width()) ? row.width() : "");
        assertThat(info.attribute("height")).isEqualTo(row.has(row.height()) ? row.height() : "");
        if (row.has(row.duration())) {
            double expected = Double.parseDouble(row.duration());
            assertThat(Double.parseDouble(info.attribute("durationSeconds"))).isCloseTo(expected, within(Math.max(0.1, 0.02 * expected)));
        } else {
            assertThat(info.attribute("durationSeconds")).isEmpty();
        }
        if (row.has(row.frameRate())) {
            assertThat(Double.parseDouble(info.attribute("frameRate"))).isCloseTo(Double.parseDouble(row.frameRate()), within(0.01));
        } else {
            assertThat(info.attribute("frameRate")).isEmpty();
        }
        assertThat(mismatchCategories(signals)).isEqualTo(EXPECTED_MISMATCHES.getOrDefault(row.file(), List.of()));
    }

    @Test
    void mislabeledPng_reportsDeclaredAndActualTypes() {
        List<Signal> signals = analyse(fixtures(), Media.builder("video").path("mislabeled-png-as.mp4").mimeType("video/mp4").build());

        assertThat(named(signals, "media.mismatch")).extracting(Signal::getCategory, s -> s.attribute("declared"), s -> s.attribute("actual"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("type", "video", "image"),
                        org.assertj.core.groups.Tuple.tuple("mime-type", "video/mp4", "image/png"));
    }

    private static String actualType(Row row) {
        if (row.has(row.videoCodec())) {
            return row.has(row.duration()) ? "video" : "image";
        }
        return "audio";
    }

    /** The media item as ffprobe describes the file, typed by its file name as a submitter would. */
    private static Media declaredAsFfprobeSees(Row row) {
        String extension = row.file().substring(row.file().lastIndexOf('.') + 1);
        String[] typeAndMime = switch (extension) {
            case "mp4" -> new String[] {"video", "video/mp4"};
            case "mov" -> new String[] {"video", "video/quicktime"};
            case "webm" -> new String[] {"video", "video/webm"};
            case "mp3" -> new String[] {"audio", "audio/mpeg"};
            case "png" -> new String[] {"image", "image/png"};
            case "jpg" -> new String[] {"image", "image/jpeg"};
            case "gif" -> new String[] {"image", "image/gif"};
            case "webp" -> new String[] {"image", "image/webp"};
            case "tiff" -> new String[] {"image", "image/tiff"};
            case "bmp" -> new String[] {"image", "image/bmp"};
            case "avi" -> new String[] {"video", "video/x-msvideo"};
            case "mkv" -> new String[] {"video", "video/x-matroska"};
            case "flac" -> new String[] {"audio", "audio/flac"};
            case "ogg" -> new String[] {"audio", "audio/ogg"};
            case "m4a" -> new String[] {"audio", "audio/mp4"};
            case "wav" -> new String[] {"audio", "audio/wav"};
            default -> throw new IllegalArgumentException("no declared type for " + row.file());
        };
        Media.Builder m = Media.builder(typeAndMime[0]).mimeType(typeAndMime[1]).path(row.file())
                .bytes(Long.parseLong(row.bytes())).sha256(row.sha256());
        if (row.has(row.width())) {
            m.width(Integer.parseInt(row.width())).height(Integer.parseInt(row.height()));
        }
        if (row.has(row.duration())) {
            m.durationSeconds(Double.parseDouble(row.duration()));
        }
        if (row.has(row.frameRate())) {
            m.frameRate(Double.parseDouble(row.frameRate()));
        }
        return m.build();
    }
}
