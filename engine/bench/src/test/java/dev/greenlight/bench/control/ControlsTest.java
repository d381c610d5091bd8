package dev.greenlight.bench.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controls measure something and leave nothing behind; these are real measurements, so only ranges are fixed. */
class ControlsTest {
    @TempDir
    Path dir;

    @Test
    void cpuControl_scalingIsPositive() {
        assertThat(CpuControl.scaling(2, 0.4)).isPositive();
    }

    @Test
    void fsyncProbe_measuresBothRates_andDeletesItsFile() throws Exception {
        assertThat(FsyncProbe.measure(dir, 0.2)).isPositive();
        assertThat(FsyncProbe.measure(dir, 0.2, 2_000, true)).isPositive();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Path log = Files.writeString(dir.resolve("audit.jsonl"), "abc\nabcdefg\n");
        assertThat(dev.greenlight.testkit.LogFiles.meanLineBytes(log, 1_000)).isEqualTo(6);
    }

    @Test
    void handOffControl_waitingCostsThroughput() {
        // waiting can only cost throughput; the ratio is a real measurement, so only its range is fixed
        assertThat(HandOffControl.ratio(dir, 8, 200, 1_000, 0.5)).isGreaterThan(0.0).isLessThan(1.5);
    }

    @Test
    void mains_printTheirFigure() {
        String out = capture(() -> {
            CpuControl.main(new String[] {"--threads", "2", "--seconds", "0.2"});
            FsyncProbe.main(new String[] {"--dir", dir.toString(), "--seconds", "0.1", "--record-bytes", "1000"});
            HandOffControl.main(new String[] {"--dir", dir.toString(), "--threads", "4", "--work-micros", "500", "--seconds", "0.2"});
        });
        assertThat(out).contains("threads of plain arithmetic run", "fsyncs/s of 512-byte lines",
                "durable appends/s of 1,000-byte lines", "callers that only wait for a group-committing writer");
    }

    private static String capture(Runnable run) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
