package dev.greenlight.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * For tests outside this package (the fail-closed matrix, F1): an audit log on a disk whose fsync
 * fails once anything was written, as on a dying disk. Opening the log works; the first decision's
 * fsync fails.
 */
public final class FailingFsync extends ForwardingFiles {
    private FailingFsync() {
    }

    /** A configuration for a log at {@code base} whose fsyncs fail. */
    public static AuditConfig config(Path base) {
        return AuditConfig.builder(base).files(new FailingFsync()).build();
    }

    @Override
    public LogFile open(Path file) throws IOException {
        return new ForwardingFile(DEFAULT.open(file)) {
            private boolean written;

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
        };
    }
}
