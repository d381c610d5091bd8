package dev.greenlight.plugins.mediaprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaSourceTest {
    private static Deadline in(Duration d) {
        return new Deadline(Clock.systemUTC(), Instant.now().plus(d));
    }

    @Test
    void sha256_endlessInput_givesUpAtTheDeadline() {
        // like /dev/zero: every read succeeds and the data never ends
        MediaSource endless = new MediaSource(new FakeChannel(Long.MAX_VALUE), Long.MAX_VALUE, in(Duration.ofMillis(300)));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> Hasher.sha256(endless))
                .isInstanceOfSatisfying(UnreadableException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TIMEOUT)));
    }

    @Test
    void inputStream_endlessInput_givesUpAtTheDeadline() {
        MediaSource endless = new MediaSource(new FakeChannel(Long.MAX_VALUE), Long.MAX_VALUE, in(Duration.ofMillis(300)));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> endless.inputStream().transferTo(java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(UnreadableException.class));
    }

    @Test
    void read_fileLongerThanItsCheckedSize_stopsAtTheSize() throws Exception {
        // the file grew (or was swapped) after it was checked: never read past what was checked
        MediaSource source = new MediaSource(new FakeChannel(1_000_000), 100, in(Duration.ofSeconds(10)));
        byte[] buffer = new byte[MediaSource.BLOCK_SIZE];

        assertThat(source.read(0, buffer, 0, buffer.length)).isEqualTo(100);
        assertThat(source.read(100, buffer, 0, buffer.length)).isEqualTo(-1);
        assertThat(source.inputStream().readAllBytes()).hasSize(100);
    }

    @Test
    void read_smallReadsNearby_areServedFromOneChannelRead() throws Exception {
        FakeChannel channel = new FakeChannel(1_000_000);
        MediaSource source = new MediaSource(channel, 1_000_000, in(Duration.ofSeconds(10)));

        for (int pos = 0; pos < 60_000; pos += 8) {
            source.readFully(pos, 8);
        }

        assertThat(channel.reads).isEqualTo(1);
    }

    @Test
    void readFully_pastTheEnd_isTruncated() {
        MediaSource source = new MediaSource(new FakeChannel(10), 10, in(Duration.ofSeconds(10)));

        assertThatThrownBy(() -> source.readFully(8, 4))
                .isInstanceOfSatisfying(UnreadableException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED));
    }

    @Test
    void read_fileShrankAfterCheck_isIoError() {
        MediaSource source = new MediaSource(new FakeChannel(10), 100, in(Duration.ofSeconds(10)));

        assertThatThrownBy(() -> source.readFully(0, 50))
                .isInstanceOfSatisfying(UnreadableException.class, e -> assertThat(e.problem()).isEqualTo(Problem.IO_ERROR));
    }

    @Test
    void readUpTo_atOrPastTheEnd_isEmpty() throws Exception {
        MediaSource source = new MediaSource(new FakeChannel(10), 10, in(Duration.ofSeconds(10)));

        assertThat(source.readUpTo(10, 4)).isEmpty();
        assertThat(source.readUpTo(50, 4)).isEmpty();
        assertThat(source.readUpTo(8, 4)).hasSize(2);
    }

    /** A read-only channel of {@code length} bytes of 7, counting its reads. */
    private static final class FakeChannel implements SeekableByteChannel {
        private final long length;
        private long position;
        int reads;

        FakeChannel(long length) {
            this.length = length;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= length) {
                return -1;
            }
            reads++;
            int n = (int) Math.min(dst.remaining(), length - position);
            byte[] sevens = new byte[n];
            Arrays.fill(sevens, (byte) 7);
            dst.put(sevens);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
