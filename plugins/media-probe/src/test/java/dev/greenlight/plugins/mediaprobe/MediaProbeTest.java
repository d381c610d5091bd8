package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.analyse;
import static dev.greenlight.plugins.mediaprobe.Probes.context;
import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static dev.greenlight.plugins.mediaprobe.Probes.submission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {
    @TempDir
    Path temp;

    @Test
    void analyse_noMediaRoot_reportsEachFileUnreadable() {
        List<Signal> signals = analyse(null, media("video", "clip-1080p-10s.mp4").build());

        Signal unreadable = only(signals, "media.unreadable");
        assertThat(unreadable.getCategory()).isEqualTo("not-found");
        assertThat(unreadable.attribute("reason")).startsWith("no media root");
        assertThat(named(signals, "media.info")).isEmpty();
    }

    @Test
    void analyse_itemWithoutPath_emitsNothing() {
        assertThat(analyse(fixtures(), Media.builder("image").width(10).height(10).build())).isEmpty();
    }

    @Test
    void analyse_pathTraversal_reportsOutsideRootAndReadsNothing() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.copy(fixtures().resolve("still-1024.png"), temp.resolve("outside.png"));

        List<Signal> signals = analyse(root, media("image", "../outside.png").build(),
                media("image", temp.resolve("outside.png").toString()).build());

        assertThat(named(signals, "media.info")).isEmpty();
        assertThat(named(signals, "media.unreadable")).extracting(Signal::getMediaIndex, Signal::getCategory)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "outside-root"), org.assertj.core.groups.Tuple.tuple(1, "outside-root"));
    }

    @Test
    void analyse_fifo_givesUpWithinTheDeadline() throws Exception {
        Fifos.create(temp.resolve("pipe.mp4"));
        Instant deadline = Instant.now().plusSeconds(2);

        List<Signal> signals = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> new MediaProbe().analyse(submission(media("video", "pipe.mp4").build()), context(temp, deadline)));

        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("not-a-file");
    }

    @Test
    void analyse_deadlinePassed_reportsTimeout() {
        Instant now = Instant.parse("2026-11-01T09:00:00Z");
        MediaProbe probe = new MediaProbe(Clock.fixed(now, ZoneOffset.UTC));

        List<Signal> signals = probe.analyse(submission(media("video", "clip-1080p-10s.mp4").build()), context(fixtures(), now));

        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("timeout");
    }

    @Test
    void analyse_fileLargerThanMaxBytes_isTooLargeAndUnread() {
        MediaProbe probe = new MediaProbe();
        probe.start(Probes.pluginContext(Map.of("maxBytes", "1000")));

        List<Signal> signals = Probes.analyse(probe, fixtures(), media("audio", "audio-5s.mp3").bytes(40586L).build());

        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("too-large");
        assertThat(only(signals, "media.info").getAttributes()).containsOnlyKeys("bytes");
        assertThat(named(signals, "media.mismatch")).isEmpty();
    }

    @Test
    void analyse_hashSwitchedOff_omitsSha256() {
        MediaProbe probe = new MediaProbe();
        probe.start(Probes.pluginContext(Map.of("hash", "false")));

        Signal info = only(Probes.analyse(probe, fixtures(), media("image", "still-1024.png").sha256("00").build()), "media.info");

        assertThat(info.getAttributes()).doesNotContainKey("sha256").containsEntry("width", "1024");
    }

    @Test
    void analyse_notMedia_saysWhatTheFileHolds() throws Exception {
        Files.writeString(temp.resolve("notes.mp4"), "just some words\n");

        Signal unreadable = only(analyse(temp, media("video", "notes.mp4").build()), "media.unreadable");

        assertThat(unreadable.getCategory()).isEqualTo("not-media");
        assertThat(unreadable.attribute("reason")).contains("text");
    }

    @Test
    void analyse_severalItems_labelsEachSignalWithItsIndex() {
        List<Signal> signals = analyse(fixtures(), media("image", "still-1024.png").build(),
                media("video", "missing.mp4").build(), media("audio", "audio-5s.mp3").build());

        assertThat(signals).extracting(Signal::getName, Signal::getMediaIndex).containsExactly(
                org.assertj.core.groups.Tuple.tuple("media.info", 0),
                org.assertj.core.groups.Tuple.tuple("media.unreadable", 1),
                org.assertj.core.groups.Tuple.tuple("media.info", 2));
    }

    @Test
    void analyse_concurrentCalls_agree() throws Exception {
        Submission submission = submission(media("video", "clip-480p-5s.webm").build(), media("video", "clip-720p-3s.mov").build(),
                media("image", "still-2048x1152.jpg").build());
        MediaProbe probe = new MediaProbe();
        List<Signal> expected = probe.analyse(submission, context(fixtures(), Instant.now().plusSeconds(30)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Signal>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> probe.analyse(submission, context(fixtures(), Instant.now().plusSeconds(30)))));
            }
            for (Future<List<Signal>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(named(expected, "media.info")).hasSize(3);
    }

    @Test
    void start_unknownSetting_failsNamingIt() {
        assertThatThrownBy(() -> new MediaProbe().start(Probes.pluginContext(Map.of("maxbytes", "10"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'maxbytes'").hasMessageContaining("maxBytes");
    }
}
