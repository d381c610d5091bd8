package dev.greenlight.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an audit log is written: where, how durably, how segments roll, how often checkpoints are
 * made and signed, and what is redacted. Build with {@link #builder(Path)}; immutable.
 *
 * <pre>{@code
 * AuditConfig config = AuditConfig.builder(Path.of("/var/lib/greenlight/audit.jsonl"))
 *         .durability(Durability.GROUP)                      // the default
 *         .signingKey(AuditKeys.readKeyPair(Path.of("/etc/greenlight/audit.key")))
 *         .redact(Redaction.aside("/submission/prompt"))
 *         .redact(Redaction.erase("/submission/attributes/email"))
 *         .build();
 * }</pre>
 */
public final class AuditConfig {
    /** Default segment size: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    /** Default: a checkpoint after every 1,000 records … */
    public static final int DEFAULT_CHECKPOINT_RECORDS = 1_000;
    /** … or 60 seconds after the last one, whichever comes first (and one on close). */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
    /** The smallest segment size accepted. */
    public static final long MIN_SEGMENT_BYTES = 4096;

    final Path file;
    final Durability durability;
    final long segmentBytes;
    final int checkpointRecords;
    final Duration checkpointInterval;
    final KeyPair signingKey;
    final List<Redaction> redactions;
    final Clock clock;
    final FileLayer files;

    private AuditConfig(Builder b) {
        this.file = b.file;
        this.durability = b.durability;
        this.segmentBytes = b.segmentBytes;
        this.checkpointRecords = b.checkpointRecords;
        this.checkpointInterval = b.checkpointInterval;
        this.signingKey = b.signingKey;
        this.redactions = List.copyOf(b.redactions);
        this.clock = b.clock;
        // the real files, written synchronously unless nothing is to be forced anyway
        this.files = b.files == FileLayer.DEFAULT && b.durability != Durability.NONE ? FileLayer.SYNCHRONOUS : b.files;
    }

    /** A builder for the log whose first segment is {@code file}, with the defaults. */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** The defaults for {@code file}. */
    public static AuditConfig of(Path file) {
        return builder(file).build();
    }

    public Path file() {
        return file;
    }

    public Durability durability() {
        return durability;
    }

    public long segmentBytes() {
        return segmentBytes;
    }

    public int checkpointRecords() {
        return checkpointRecords;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** True when checkpoints are signed. */
    public boolean signed() {
        return signingKey != null;
    }

    public List<Redaction> redactions() {
        return redactions;
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(file);
        b.durability = durability;
        b.segmentBytes = segmentBytes;
        b.checkpointRecords = checkpointRecords;
        b.checkpointInterval = checkpointInterval;
        b.signingKey = signingKey;
        b.redactions.addAll(redactions);
        b.clock = clock;
        b.files = files == FileLayer.SYNCHRONOUS ? FileLayer.DEFAULT : files;
        return b;
    }

    /** Builds an {@link AuditConfig}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private Durability durability = Durability.GROUP;
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private int checkpointRecords = DEFAULT_CHECKPOINT_RECORDS;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private KeyPair signingKey;
        private final List<Redaction> redactions = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private FileLayer files = FileLayer.DEFAULT;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "audit log file");
        }

        /** {@link Durability#GROUP} unless set. */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** Start a new segment once the current one would grow past this many bytes. Default 64 MiB. */
        public Builder segmentBytes(long bytes) {
            if (bytes < MIN_SEGMENT_BYTES) {
                throw new IllegalArgumentException("segmentBytes must be at least " + MIN_SEGMENT_BYTES + ", was " + bytes);
            }
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * Write a checkpoint after {@code records} records, or {@code interval} after the last
         * checkpoint when records have been added since, whichever comes first; and on close.
         */
        public Builder checkpointEvery(int records, Duration interval) {
            if (records < 1) {
                throw new IllegalArgumentException("checkpoint records must be at least 1, was " + records);
            }
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("checkpoint interval must be positive, was " + interval);
            }
            this.checkpointRecords = records;
            this.checkpointInterval = interval;
            return this;
        }

        /** Sign checkpoints with this Ed25519 key pair ({@link AuditKeys}). Default: unsigned. */
        public Builder signingKey(KeyPair key) {
            Objects.requireNonNull(key, "signing key");
            if (!AuditKeys.ALGORITHM.equalsIgnoreCase(key.getPublic().getAlgorithm())
                    && !"EdDSA".equalsIgnoreCase(key.getPublic().getAlgorithm())) {
                throw new IllegalArgumentException("signing key must be Ed25519, was " + key.getPublic().getAlgorithm());
            }
            this.signingKey = key;
            return this;
        }

        /** Sign checkpoints with the key pair in this private key file ({@code greenlight audit keygen}). */
        public Builder signingKey(Path privateKeyFile) {
            try {
                return signingKey(AuditKeys.readKeyPair(privateKeyFile));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read signing key: " + e.getMessage(), e);
            }
        }

        /** Redact this value from every record before it is written. */
        public Builder redact(Redaction redaction) {
            this.redactions.add(Objects.requireNonNull(redaction, "redaction"));
            return this;
        }

        /** The clock for checkpoint times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tests: the file layer under the log (fault injection). */
        Builder files(FileLayer files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        public AuditConfig build() {
            return new AuditConfig(this);
        }
    }
}
