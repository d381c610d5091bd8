package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.context;
import static dev.greenlight.plugins.mediaprobe.Probes.fixtures;
import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static dev.greenlight.plugins.mediaprobe.Probes.submission;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.media.worker.TestFaults;
import dev.greenlight.model.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that crashes, hangs or eats memory on a file costs that file's verdict only: the call
 * reports it as {@code media.unreadable} in time, other calls carry on, and the next file is probed
 * by a fresh worker. The faults are acted out by the worker itself ({@link TestFaults}), armed by a
 * system property the test build sets.
 */
class WorkerIsolationTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    @TempDir
    static Path temp;

    @BeforeAll
    static void faultFiles() throws IOException {
        assertThat(TestFaults.armed()).as("the test build arms the worker faults").isTrue();
        for (String fault : List.of("crash", "hang", "memory")) {
            Files.write(temp.resolve(fault + ".png"), faultFile(fault));
        }
        Files.copy(fixtures().resolve("still-1024.png"), temp.resolve("good.png"));
    }

    private static byte[] faultFile(String fault) {
        byte[] marker = (TestFaults.MARKER + fault + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = new byte[PNG_SIGNATURE.length + marker.length];
        System.arraycopy(PNG_SIGNATURE, 0, file, 0, PNG_SIGNATURE.length);
        System.arraycopy(marker, 0, file, PNG_SIGNATURE.length, marker.length);
        return file;
    }

    private static MediaProbe probe(Map<String, String> settings) {
        MediaProbe probe = new MediaProbe();
        probe.start(Probes.pluginContext(settings));
        return probe;
    }

    private static List<Signal> analyse(MediaProbe probe, String file, Duration budget) {
        return probe.analyse(submission(media("image", file).build()), context(temp, Instant.now().plus(budget)));
    }

    @Test
    void crash_isReportedAndTheNextFileIsProbed() {
        MediaProbe probe = probe(Map.of("workers", "1"));

        Signal crashed = only(analyse(probe, "crash.png", Duration.ofSeconds(20)), "media.unreadable");
        List<Signal> next = analyse(probe, "good.png", Duration.ofSeconds(20));

        assertThat(crashed.getCategory()).isEqualTo("crashed");
        assertThat(crashed.attribute("reason")).contains("crashed");
        assertThat(named(next, "media.unreadable")).isEmpty();
        assertThat(only(next, "media.info").getAttributes()).containsEntry("width", "1024");
    }

    @Test
    void hang_endsAtTheDeadlineWhileOtherCallsCarryOn() throws Exception {
        MediaProbe probe = probe(Map.of("workers", "2"));
        analyse(probe, "good.png", Duration.ofSeconds(20)); // both workers started, one warmed

        long started = System.nanoTime();
        CompletableFuture<List<Signal>> hung = CompletableFuture.supplyAsync(() -> analyse(probe, "hang.png", Duration.ofSeconds(3)));
        List<Signal> meanwhile = analyse(probe, "good.png", Duration.ofSeconds(20));
        boolean hungStillRunning = !hung.isDone();
        Signal timeout = only(hung.get(), "media.unreadable");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(named(meanwhile, "media.unreadable")).isEmpty();
        assertThat(hungStillRunning).as("the good file was answered while the other worker hung").isTrue();
        assertThat(timeout.getCategory()).isEqualTo("timeout");
        assertThat(timeout.attribute("reason")).contains("worker was stopped");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(named(analyse(probe, "good.png", Duration.ofSeconds(20)), "media.unreadable")).isEmpty();
    }

    @Test
    void nativeMemoryBlowUp_isStoppedAtTheLimit() {
        MediaProbe probe = probe(Map.of("workers", "1", "workerMemoryMegabytes", "400"));

        Signal blown = only(analyse(probe, "memory.png", Duration.ofSeconds(20)), "media.unreadable");

        assertThat(blown.getCategory()).isEqualTo("out-of-memory");
        assertThat(blown.attribute("reason")).contains("400 MiB");
        assertThat(named(analyse(probe, "good.png", Duration.ofSeconds(20)), "media.unreadable")).isEmpty();
    }
}
