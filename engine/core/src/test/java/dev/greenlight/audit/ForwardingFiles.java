package dev.greenlight.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The real file system, for test file layers that change one or two operations: subclasses
 * override {@link #open} to wrap a {@link ForwardingFile}, or the directory operations directly.
 */
abstract class ForwardingFiles implements FileLayer {
    @Override
    public LogFile open(Path file) throws IOException {
        return DEFAULT.open(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        DEFAULT.syncDirectory(dir);
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        DEFAULT.replace(source, target);
    }

    @Override
    public Closeable tryLock(Path lockFile) throws IOException {
        return DEFAULT.tryLock(lockFile);
    }

    /** A log file passing every operation to {@code real}; override what the test changes. */
    static class ForwardingFile implements LogFile {
        final LogFile real;

        ForwardingFile(LogFile real) {
            this.real = real;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public void append(ByteBuffer bytes) throws IOException {
            real.append(bytes);
        }

        @Override
        public void writeAt(ByteBuffer bytes, long position) throws IOException {
            real.writeAt(bytes, position);
        }

        @Override
        public void force() throws IOException {
            real.force();
        }

        @Override
        public void truncate(long size) throws IOException {
            real.truncate(size);
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }
}
