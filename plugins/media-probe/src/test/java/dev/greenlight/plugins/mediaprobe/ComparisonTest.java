package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final String SHA = "7668263c302bd467f95159e10962713a16910d253ddf15737c7b0fdbe6a4f473";
    private static final Comparison DEFAULT = new Comparison(ProbeSettings.DEFAULTS);

    /** clip-1080p-10s.mp4 as the probe reads it. */
    private static ProbeResult clip(Integer rotation) {
        return new ProbeResult("video", Format.MP4, "h264", null, 1920, 1080, rotation, 10.0, 24.0, 740365L, SHA, null, null, null, null);
    }

    private static Media.Builder declared() {
        return Media.builder("video").index(3);
    }

    @Test
    void mismatches_everyFieldWrong_oneSignalPerCategoryWithBothValues() {
        Media lie = Media.builder("image").path("clip-1080p-10s.mp4").mimeType("image/png").width(1280).height(720)
                .durationSeconds(9.0).frameRate(30.0).sha256("ab".repeat(32)).bytes(1L).build();

        List<Signal> mismatches = Probes.named(analyse(fixtures(), lie), "media.mismatch");

        assertThat(mismatches).extracting(Signal::getCategory, s -> s.attribute("declared"), s -> s.attribute("actual"))
                .containsExactly(tuple("type", "image", "video"), tuple("mime-type", "image/png", "video/mp4"),
                        tuple("dimensions", "1280x720", "1920x1080"), tuple("duration", "9", "10"),
                        tuple("frame-rate", "30", "24"), tuple("hash", "ab".repeat(32), SHA), tuple("bytes", "1", "740365"));
        assertThat(mismatches).allSatisfy(s -> assertThat(s.getMediaIndex()).isZero());
    }

    @Test
    void mismatches_nothingDeclared_none() {
        assertThat(DEFAULT.mismatches(declared().build(), clip(0))).isEmpty();
    }

    @Test
    void mismatches_unknownActualValues_notCompared() {
        ProbeResult unknown = new ProbeResult(null, null, null, null, null, null, null, null, null, 5L, null, null, null, null, null);

        assertThat(DEFAULT.mismatches(declared().mimeType("video/mp4").width(1).height(1).durationSeconds(1.0)
                .frameRate(1.0).sha256(SHA).build(), unknown)).isEmpty();
    }

    @Test
    void mismatches_durationWithinTolerance_none() {
        assertThat(DEFAULT.mismatches(declared().durationSeconds(10.05).build(), clip(0))).isEmpty();
        assertThat(DEFAULT.mismatches(declared().durationSeconds(9.95).build(), clip(0))).isEmpty();
    }

    @Test
    void mismatches_durationJustBeyondTolerance_reported() {
        assertThat(Probes.mismatchCategories(DEFAULT.mismatches(declared().durationSeconds(10.06).build(), clip(0))))
                .containsExactly("duration");
    }

    @Test
    void mismatches_frameRateAtAndBeyondTolerance() {
        assertThat(DEFAULT.mismatches(declared().frameRate(24.01).build(), clip(0))).isEmpty();
        assertThat(DEFAULT.mismatches(declared().frameRate(23.976).build(), clip(0)))
                .extracting(s -> s.attribute("declared"), s -> s.attribute("actual")).containsExactly(tuple("23.976", "24"));
    }

    @Test
    void mismatches_configuredTolerance_isUsed() {
        Comparison loose = new Comparison(ProbeSettings.from(Map.of("durationToleranceSeconds", "1.5")));

        assertThat(loose.mismatches(declared().durationSeconds(11.4).build(), clip(0))).isEmpty();
        assertThat(loose.mismatches(declared().durationSeconds(11.6).build(), clip(0))).hasSize(1);
    }

    @Test
    void mismatches_mimeTypeCaseAndParameters_ignored() {
        assertThat(DEFAULT.mismatches(declared().mimeType("Video/MP4; codecs=\"avc1.64001f\"").build(), clip(0))).isEmpty();
    }

    @Test
    void mismatches_mimeTypeOfSiblingContainer_reported() {
        assertThat(DEFAULT.mismatches(declared().mimeType("video/quicktime").build(), clip(0)))
                .extracting(s -> s.attribute("actual")).containsExactly("video/mp4");
    }

    @Test
    void mismatches_upperCaseHash_matches() {
        assertThat(DEFAULT.mismatches(declared().sha256(SHA.toUpperCase()).build(), clip(0))).isEmpty();
    }

    @Test
    void mismatches_oneSideDeclared_comparesThatSideOnly() {
        assertThat(DEFAULT.mismatches(declared().width(1920).build(), clip(0))).isEmpty();
        assertThat(DEFAULT.mismatches(declared().height(720).build(), clip(0)))
                .extracting(s -> s.attribute("declared"), s -> s.attribute("actual")).containsExactly(tuple("?x720", "1920x1080"));
    }

    @Test
    void mismatches_quarterTurnedVideo_acceptsDisplayedSides() {
        Media portrait = declared().width(1080).height(1920).build();

        assertThat(DEFAULT.mismatches(portrait, clip(90))).isEmpty();
        assertThat(DEFAULT.mismatches(portrait, clip(270))).isEmpty();
        assertThat(Probes.mismatchCategories(DEFAULT.mismatches(portrait, clip(180)))).containsExactly("dimensions");
        assertThat(DEFAULT.mismatches(declared().width(1920).height(1080).build(), clip(90))).isEmpty();
    }

    @Test
    void mismatches_audioInMp4_reportsAudioMimeType() {
        ProbeResult audio = new ProbeResult("audio", Format.MP4, "aac", null, null, null, null, 3.0, null, 10L, null, null, null, null, null);

        assertThat(DEFAULT.mismatches(declared().mimeType("audio/mp4").build(), audio)).extracting(Signal::getCategory)
                .containsExactly("type");
        assertThat(DEFAULT.mismatches(Media.builder("audio").mimeType("image/png").build(), audio))
                .extracting(s -> s.attribute("actual")).containsExactly("audio/mp4");
    }
}
