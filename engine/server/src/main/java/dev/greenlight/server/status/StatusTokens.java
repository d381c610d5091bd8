package dev.greenlight.server.status;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Status tokens: an unguessable capability to read one decision's status page and appeal it
 * (docs/contract.md §7). A token is {@code base64url(version, decision id, generation, MAC)} where
 * the MAC is HMAC-SHA256 (first 16 bytes) keyed with a server secret that is never written to the
 * audit log: anyone can read decision ids from the log, nobody can make a token from one. Tokens are
 * checked, not stored.
 *
 * <p>Revoking a decision's token moves the decision to its next generation: every earlier token of
 * it stops working for good (and a new one can be handed out). Revocations are appended to a small
 * file and forced to disk before {@link #revoke} returns, so a restart keeps them.
 *
 * <p>Thread-safe.
 */
public final class StatusTokens {
    private static final byte VERSION = 1;
    private static final byte UUID_ID = 1;
    private static final byte TEXT_ID = 2;
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 400;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] secret;
    private final Path revocations;
    /** The current generation of each decision whose token was ever revoked (absent: 0). */
    private final Map<String, Integer> generations = new ConcurrentHashMap<>();

    private StatusTokens(byte[] secret, Path revocations) {
        this.secret = secret;
        this.revocations = revocations;
    }

    /**
     * Tokens keyed with the secret in {@code secretFile} (its first 32+ bytes; made with 32 random
     * bytes, readable by its owner only, when missing), with revocations kept in {@code revocationsFile}
     * (read now; created on the first revocation).
     *
     * @throws IOException when a file cannot be read or made, or the secret file is shorter than 32 bytes
     */
    public static StatusTokens open(Path secretFile, Path revocationsFile) throws IOException {
        Objects.requireNonNull(secretFile, "secretFile");
        Objects.requireNonNull(revocationsFile, "revocationsFile");
        return of(readOrMakeSecret(secretFile), revocationsFile);
    }

    /**
     * Tokens keyed with {@code secret} (at least 32 bytes; copied), with revocations kept in
     * {@code revocationsFile} (read now); for hosts with a key store of their own.
     *
     * @throws IOException when the revocations cannot be read
     */
    public static StatusTokens of(byte[] secret, Path revocationsFile) throws IOException {
        if (secret.length < 32) {
            throw new IllegalArgumentException("status secret: must be at least 32 bytes, was " + secret.length);
        }
        StatusTokens t = new StatusTokens(secret.clone(), Objects.requireNonNull(revocationsFile, "revocationsFile"));
        if (Files.exists(revocationsFile)) {
            List<String> lines = Files.readAllLines(revocationsFile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int sp = line.lastIndexOf(' ');
                try {
                    t.generations.merge(line.substring(0, sp), Integer.parseInt(line.substring(sp + 1)), Math::max);
                } catch (RuntimeException e) {
                    // a torn last line (a crash mid-append) is the only way to get here: refusing to
                    // start would be worse than forgetting a revocation that was never acknowledged
                    if (i < lines.size() - 1) {
                        throw new IOException(revocationsFile + ":" + (i + 1) + ": not '<decisionId> <generation>': " + line);
                    }
                }
            }
        }
        return t;
    }

    private static byte[] readOrMakeSecret(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return readOrMakeSecret(file); // another process made it first
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(fresh));
                ch.force(true);
            }
            return fresh;
        }
        byte[] secret = Files.readAllBytes(file);
        if (secret.length < 32) {
            throw new IOException("status secret file " + file + ": must hold at least 32 bytes, holds " + secret.length);
        }
        return secret;
    }

    /** The current token of {@code decisionId}. */
    public String issue(String decisionId) {
        Objects.requireNonNull(decisionId, "decisionId");
        return encode(decisionId, generations.getOrDefault(decisionId, 0));
    }

    /**
     * The decision a token opens: empty when it is malformed, was not made with this secret, or was
     * revoked — callers answer all three the same way.
     */
    public Optional<String> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = B64D.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // one spelling per token: base64 leaves a few unused bits in its last character
        if (raw.length < 2 + 4 + MAC_BYTES || raw[0] != VERSION || !B64.encodeToString(raw).equals(token)) {
            return Optional.empty();
        }
        int bodyLength = raw.length - MAC_BYTES;
        byte[] mac = mac(raw, bodyLength);
        byte[] given = java.util.Arrays.copyOfRange(raw, bodyLength, raw.length);
        if (!MessageDigest.isEqual(mac, given)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 1, bodyLength - 1);
        String id;
        byte kind = b.get();
        if (kind == UUID_ID && b.remaining() == 16 + 4) {
            id = new UUID(b.getLong(), b.getLong()).toString();
        } else if (kind == TEXT_ID && b.remaining() > 4) {
            byte[] text = new byte[b.remaining() - 4];
            b.get(text);
            id = new String(text, StandardCharsets.UTF_8);
        } else {
            return Optional.empty();
        }
        int generation = b.getInt();
        return generation == generations.getOrDefault(id, 0) ? Optional.of(id) : Optional.empty();
    }

    /**
     * Revokes every token of {@code decisionId} issued so far, durably, and returns its next one
     * (which the integrator may hand out instead, or not).
     *
     * @throws IOException when the revocation cannot be recorded (then nothing was revoked)
     */
    public synchronized String revoke(String decisionId) throws IOException {
        Objects.requireNonNull(decisionId, "decisionId");
        if (decisionId.indexOf('\n') >= 0 || decisionId.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("decisionId: must be one line");
        }
        int next = generations.getOrDefault(decisionId, 0) + 1;
        try (FileChannel ch = FileChannel.open(revocations, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((decisionId + " " + next + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        generations.put(decisionId, next);
        return encode(decisionId, next);
    }

    private String encode(String decisionId, int generation) {
        byte[] id = decisionId.getBytes(StandardCharsets.UTF_8);
        UUID uuid = asUuid(decisionId);
        ByteBuffer b = ByteBuffer.allocate(2 + (uuid != null ? 16 : id.length) + 4 + MAC_BYTES);
        b.put(VERSION);
        if (uuid != null) {
            b.put(UUID_ID).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else {
            b.put(TEXT_ID).put(id);
        }
        b.putInt(generation);
        int bodyLength = b.position();
        byte[] raw = b.array();
        System.arraycopy(mac(raw, bodyLength), 0, raw, bodyLength, MAC_BYTES);
        return B64.encodeToString(raw);
    }

    /** The id as a UUID when it is one in canonical (lower-case) form, so the token is short; else null. */
    private static UUID asUuid(String id) {
        if (id.length() != 36) {
            return null;
        }
        try {
            UUID u = UUID.fromString(id);
            return u.toString().equals(id) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(byte[] raw, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            // a label, so that this secret's MACs mean "status token" and nothing else
            mac.update("greenlight-status-token".getBytes(StandardCharsets.US_ASCII));
            mac.update(raw, 0, length);
            return java.util.Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
