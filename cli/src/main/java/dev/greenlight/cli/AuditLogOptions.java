package dev.greenlight.cli;

import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.Durability;
import dev.greenlight.audit.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a command that writes an audit log writes it: durability, segment size, checkpoints, the
 * signing key and redactions. A mixin for any command with an audit log ({@code audit review},
 * {@code audit erase}; usable by {@code serve} and {@code dry-run}).
 */
final class AuditLogOptions {
    @Option(names = "--audit-durability", paramLabel = "MODE", defaultValue = "GROUP",
            description = "SYNC (fsync each record), GROUP (concurrent records share an fsync) or NONE. Default: ${DEFAULT-VALUE}.")
    Durability durability;

    @Option(names = "--audit-key", paramLabel = "FILE",
            description = "Sign checkpoints with this private key ('greenlight audit keygen').")
    Path key;

    @Option(names = "--audit-segment-bytes", paramLabel = "N", defaultValue = "67108864",
            description = "Start a new segment file past this size. Default: ${DEFAULT-VALUE} (64 MiB).")
    long segmentBytes;

    @Option(names = "--audit-checkpoint-records", paramLabel = "N", defaultValue = "1000",
            description = "A checkpoint after this many records… Default: ${DEFAULT-VALUE}.")
    int checkpointRecords;

    @Option(names = "--audit-checkpoint-seconds", paramLabel = "S", defaultValue = "60",
            description = "…or this many seconds, whichever comes first. Default: ${DEFAULT-VALUE}.")
    long checkpointSeconds;

    @Option(names = "--redact", paramLabel = "ACTION:POINTER",
            description = {"Redact before writing: erase, hash or aside (hash in the record, text in the erasable store),",
                "e.g. aside:/submission/prompt, erase:/submission/attributes/email. Repeatable."})
    List<String> redactions = new ArrayList<>();

    /** The configuration for the log at {@code file}; throws IllegalArgumentException or UncheckedIOException on bad options. */
    AuditConfig config(Path file) {
        AuditConfig.Builder b = AuditConfig.builder(file).durability(durability).segmentBytes(segmentBytes)
                .checkpointEvery(checkpointRecords, Duration.ofSeconds(checkpointSeconds));
        if (key != null) {
            b.signingKey(key);
        }
        for (String r : redactions) {
            b.redact(Redaction.parseSpec(r));
        }
        return b.build();
    }
}
