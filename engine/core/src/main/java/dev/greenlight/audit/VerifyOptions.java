package dev.greenlight.audit;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link AuditVerifier} checks beyond the chain: checkpoint signatures against these public
 * keys, and the log against checkpoints saved elsewhere. Immutable.
 *
 * @param keys             public keys; when any is given, every checkpoint from the first signed one on
 *                         must be signed by one of them, and at least one must be
 * @param checkpoints      checkpoints saved elsewhere, each with the file it came from
 * @param checkpointFile   also check the log against its own checkpoint file ({@code B.checkpoint})
 * @param strict           also require that no record follows the last signed checkpoint, as in a log
 *                         closed cleanly (its writer ends it with a signed checkpoint); needs a key
 * @param chainOnly        accept checkpoints that say they are signed without checking their
 *                         signatures (no key at hand): the result then says the log is not
 *                         authenticated. Without it, signed checkpoints and no key make the log fail,
 *                         since a rewrite that recomputed the chain cannot be told from the original
 */
public record VerifyOptions(List<PublicKey> keys, List<Saved> checkpoints, boolean checkpointFile, boolean strict,
                            boolean chainOnly) {
    /** Chain and checkpoint file only. */
    public static final VerifyOptions DEFAULT = new VerifyOptions(List.of(), List.of(), true);

    /** Neither strict nor chain-only. */
    public VerifyOptions(List<PublicKey> keys, List<Saved> checkpoints, boolean checkpointFile) {
        this(keys, checkpoints, checkpointFile, false, false);
    }

    /** A checkpoint and where it was read from. */
    public record Saved(Checkpoint checkpoint, String source) {
        public Saved {
            Objects.requireNonNull(checkpoint, "checkpoint");
            Objects.requireNonNull(source, "source");
        }
    }

    public VerifyOptions {
        keys = List.copyOf(keys);
        checkpoints = List.copyOf(checkpoints);
    }

    public VerifyOptions withKey(PublicKey key) {
        List<PublicKey> k = new ArrayList<>(keys);
        k.add(Objects.requireNonNull(key, "key"));
        return new VerifyOptions(k, checkpoints, checkpointFile, strict, chainOnly);
    }

    /** These options, strict ({@code strict}) and accepting unchecked signatures ({@code chainOnly}) as given. */
    public VerifyOptions with(boolean strict, boolean chainOnly) {
        return new VerifyOptions(keys, checkpoints, checkpointFile, strict, chainOnly);
    }

    /** Adds the checkpoint read from {@code file} ({@link Checkpoint#read}). */
    public VerifyOptions withCheckpoint(Checkpoint checkpoint, Path file) {
        List<Saved> c = new ArrayList<>(checkpoints);
        c.add(new Saved(checkpoint, file.toString()));
        return new VerifyOptions(keys, c, checkpointFile, strict, chainOnly);
    }
}
