package dev.greenlight.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * For tests outside this package (the fail-closed matrix, F1): an audit log on a disk whose fsync
 * fails once anything was written, as on a dying disk. Opening the log works; the first decision's
 * fsync fails.
 */
public final class FailingFsync implements FileLayer {
    private FailingFsync() {
    }

    /** A configuration for a log at {@code base} whose fsyncs fail. */
    public static AuditConfig config(Path base) {
        return AuditConfig.builder(base).files(new FailingFsync()).build();
    }

    @Override
    public LogFile open(Path file) throws IOException {
        LogFile real = DEFAULT.open(file);
        return new LogFile() {
            private boolean written;

            @Override
            public long size() throws IOException {
                return real.size();
            }

            @Override
            public void append(ByteBuffer bytes) throws IOException {
                written = true;
                real.append(bytes);
            }

            @Override
            public void writeAt(ByteBuffer bytes, long position) throws IOException {
                written = true;
                real.writeAt(bytes, position);
            }

            @Override
            public void force() throws IOException {
                if (written) {
                    throw new IOException("simulated fsync failure (EIO)");
                }
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
        };
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
}
