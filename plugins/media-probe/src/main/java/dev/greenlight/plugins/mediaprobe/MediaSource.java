package dev.greenlight.plugins.mediaprobe;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Random access to one media file, bounded by its size and by the call's {@link Deadline}.
 *
 * <p>The size is fixed when the file is opened: a file that grows while it is read (or an endless
 * device swapped in after the checks) is never read past it, and every trip to the channel checks
 * the deadline first. One 64 KiB block is cached because container parsers make many small reads
 * close together (box and element headers); larger reads go straight into the caller's array, so
 * memory use stays constant whatever the file size.
 *
 * <p>Not thread-safe: one source belongs to one probe of one file.
 */
final class MediaSource implements Closeable {
    static final int BLOCK_SIZE = 64 * 1024;

    private final SeekableByteChannel channel;
    private final long size;
    private final Deadline deadline;
    private final byte[] block = new byte[BLOCK_SIZE];
    private long blockStart;
    private int blockLength;

    MediaSource(SeekableByteChannel channel, long size, Deadline deadline) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
        this.size = size;
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * Opens a regular file already checked by {@link SafePaths}. {@code NOFOLLOW_LINKS} makes the
     * open fail if the last path element was replaced by a link since the check.
     */
    static MediaSource open(Path file, long size, Deadline deadline) throws IOException {
        return new MediaSource(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), size, deadline);
    }

    long size() {
        return size;
    }

    Deadline deadline() {
        return deadline;
    }

    /**
     * Reads up to {@code length} bytes at {@code position}: exactly {@code min(length, size - position)}
     * of them, or -1 when {@code position} is at or past the end.
     */
    int read(long position, byte[] dst, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dst.length);
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
        if (position >= size) {
            return -1;
        }
        int wanted = (int) Math.min(length, size - position);
        if (position >= blockStart && position + wanted <= blockStart + blockLength) {
            System.arraycopy(block, (int) (position - blockStart), dst, offset, wanted);
            return wanted;
        }
        if (wanted >= BLOCK_SIZE) {
            return fill(position, dst, offset, wanted);
        }
        blockLength = 0;
        blockStart = position;
        blockLength = fill(position, block, 0, (int) Math.min(BLOCK_SIZE, size - position));
        System.arraycopy(block, 0, dst, offset, wanted);
        return wanted;
    }

    /**
     * Reads exactly {@code length} bytes at {@code position}.
     *
     * @throws UnreadableException ({@link Problem#TRUNCATED}) when the file ends first
     */
    byte[] readFully(long position, int length) throws IOException {
        if (length < 0 || position < 0 || position > size - length) {
            throw new UnreadableException(Problem.TRUNCATED, "the file ends at byte " + size
                    + ", inside a structure that needs bytes up to " + (position + length));
        }
        byte[] bytes = new byte[length];
        if (length > 0) {
            read(position, bytes, 0, length);
        }
        return bytes;
    }

    /** The bytes from {@code position} to the end, at most {@code maxLength} of them. */
    byte[] readUpTo(long position, int maxLength) throws IOException {
        if (position >= size) {
            return new byte[0];
        }
        return readFully(position, (int) Math.min(maxLength, size - position));
    }

    /** A stream over the whole file, for readers that want one; it checks the deadline too. */
    InputStream inputStream() {
        return new SourceStream();
    }

    private int fill(long position, byte[] dst, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(dst, offset, length);
        channel.position(position);
        while (buffer.hasRemaining()) {
            deadline.check();
            if (channel.read(buffer) < 0) {
                throw new UnreadableException(Problem.IO_ERROR, "the file got shorter while it was being read");
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private final class SourceStream extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = MediaSource.this.read(position, b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            deadline.check();
            long skipped = Math.max(0, Math.min(n, size - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }
    }
}
