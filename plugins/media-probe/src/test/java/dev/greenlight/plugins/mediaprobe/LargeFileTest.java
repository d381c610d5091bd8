package dev.greenlight.plugins.mediaprobe;

import static dev.greenlight.plugins.mediaprobe.Probes.media;
import static dev.greenlight.plugins.mediaprobe.Probes.named;
import static dev.greenlight.plugins.mediaprobe.Probes.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.model.Signal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse MP4 several times larger than the test JVM's heap (surefire runs with -Xmx128m): an
 * index after a huge media box is still found, and hashing streams through it. The index points
 * at frames that are now zeros, so the decode check rightly calls the file damaged, while every
 * figure from the index is still reported.
 */
class LargeFileTest {
    private static final long GAP = 600L * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void probe_sparseFileLargerThanTheHeap_isStreamedNotLoaded() throws Exception {
        Map<String, byte[]> boxes = Mp4Fixture.boxes("clip-1080p-10s.mp4");
        Path file = temp.resolve("huge.mp4");
        long mdatSize = 16 + GAP;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            out.write(ByteBuffer.wrap(boxes.get("ftyp")));
            // a 64-bit ("largesize") mdat header, then a hole the file system fills with zeros
            out.write(ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putLong(mdatSize).flip());
            out.position(boxes.get("ftyp").length + mdatSize);
            out.write(ByteBuffer.wrap(boxes.get("moov")));
        }
        long size = boxes.get("ftyp").length + mdatSize + boxes.get("moov").length;
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(size);

        List<Signal> signals = Probes.analyse(temp, media("video", "huge.mp4").durationSeconds(10.0).width(1920).height(1080).build());

        assertThat(only(signals, "media.unreadable").getCategory()).isEqualTo("damaged");
        assertThat(named(signals, "media.mismatch")).isEmpty();
        assertThat(only(signals, "media.info").getAttributes()).containsEntry("bytes", Long.toString(size))
                .containsEntry("frameRate", "24").hasEntrySatisfying("sha256", sha -> assertThat(sha).matches("[0-9a-f]{64}"));
    }
}
