package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reference clip (a pan over the PDQ test photo) is banked with {@link VideoBankTool} (full frames
 * and a 90 % centre crop); its copies re-encoded to VP9, resized to half, cropped to 90 %, trimmed to
 * seconds 2–6 and with a logo overlay match it, with the matching segment of the submission, while
 * unrelated clips (another photo panned, a Mandelbrot zoom, a test pattern) do not. The copies were
 * made with the ffmpeg command line (see {@code src/test/resources/video/README.md}).
 */
class VideoMatchTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    static Path tmp;
    private static HashMatch plugin;

    @BeforeAll
    static void bankTheReference() throws IOException {
        List<String> lines = VideoBankTool.lines("known-videos", "bridge-pan", VideoFrameHashTest.video("ref-8s.mp4"), 1.0, 0.9);
        Path bank = Files.write(tmp.resolve("known.vpdq.tsv"), lines);
        plugin = new HashMatch(Clock.fixed(NOW, ZoneOffset.UTC));
        plugin.start(new HashMatchTest.Plugin(Map.of("banks", bank.toString(), "examples", "false"), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "copy-reencoded.webm, 0, 8",
        "copy-resized.mp4, 0, 8",
        "copy-cropped.mp4, 0, 8",
        "copy-trimmed.mp4, 0, 4",
        "copy-logo.mp4, 0, 5", // from second 5 the logo moves the frames' hashes past the threshold
    })
    void copies_matchTheReference_withTheirSegment(String file, double start, double end) {
        List<Signal> signals = analyse(file);

        System.out.println("video match " + file + ": " + signals);
        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        assertThat(s.getName()).isEqualTo("hash.match");
        assertThat(s.getCategory()).isEqualTo("known-videos");
        assertThat(s.getValue()).isEqualTo("bridge-pan");
        assertThat(s.getAttributes()).containsEntry("algorithm", "vpdq").containsEntry("origin", "file")
                .containsKeys("distance", "hash", "quality", "submissionShare", "bankShare");
        assertThat(Double.parseDouble(s.attribute("startSeconds"))).isEqualTo(start);
        assertThat(Double.parseDouble(s.attribute("endSeconds"))).isCloseTo(end, org.assertj.core.api.Assertions.within(0.1));
        assertThat(Double.parseDouble(s.attribute("submissionShare"))).isGreaterThanOrEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"other-image-8s.mp4", "other-mandelbrot-8s.mp4", "other-testsrc-8s.mp4"})
    void unrelatedClips_doNotMatch(String file) {
        assertThat(analyse(file)).isEmpty();
    }

    @Test
    void trimmedCopy_coversHalfOfTheReference() {
        Signal s = analyse("copy-trimmed.mp4").get(0);

        assertThat(Double.parseDouble(s.attribute("submissionShare"))).isEqualTo(1.0);
        assertThat(Double.parseDouble(s.attribute("bankShare"))).isBetween(0.4, 0.7);
    }

    @Test
    void bankShareSetting_rejectsAnExcerpt() throws IOException {
        Path bank = Files.write(tmp.resolve("strict.vpdq.tsv"),
                VideoBankTool.lines("known-videos", "bridge-pan", VideoFrameHashTest.video("ref-8s.mp4"), 1.0));
        HashMatch strict = new HashMatch(Clock.fixed(NOW, ZoneOffset.UTC));
        strict.start(new HashMatchTest.Plugin(Map.of("banks", bank.toString(), "examples", "false", "video.bankShare", "0.9"),
                Optional.empty()));

        assertThat(analyse(strict, "copy-trimmed.mp4")).isEmpty();
        assertThat(analyse(strict, "copy-reencoded.webm")).hasSize(1);
    }

    @Test
    void workerCrash_failsThisCallOnly_andTheNextVideoIsHashed() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("faults"));
        Files.writeString(root.resolve("crash.mp4"), dev.greenlight.media.worker.TestFaults.MARKER + "crash\n");
        Files.copy(VideoFrameHashTest.video("copy-trimmed.mp4"), root.resolve("good.mp4"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analyse(plugin, root, "crash.mp4"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("crashed");
        assertThat(analyse(plugin, root, "good.mp4")).hasSize(1);
    }

    private static List<Signal> analyse(String file) {
        return analyse(plugin, file);
    }

    private static List<Signal> analyse(HashMatch p, String file) {
        return analyse(p, VideoFrameHashTest.video(file).getParent(), file);
    }

    private static List<Signal> analyse(HashMatch p, Path root, String file) {
        Submission s = Submission.builder("s-1").submittedAt(NOW).submitter(new Submitter("u-1", "public", false, List.of()))
                .intendedUse("public-post").addMedia(Media.builder("video").path(file).build()).build();
        return p.analyse(s, new HashMatchTest.Call(Optional.of(root), NOW.plusSeconds(30)));
    }
}
