package dev.greenlight.desk.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as the users file stores them: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt
 * (16 random bytes) and hash (32 bytes) in unpadded base64, PBKDF2-HMAC-SHA256 from the JDK with at
 * least 210,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA256). Thread-safe (stateless).
 */
final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    static final int MIN_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return format(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** A parsed hash. */
    record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    /**
     * Parses a stored hash.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Parsed parse(String stored) {
        String[] p = stored.split("\\$", -1);
        if (p.length != 4 || !SCHEME.equals(p[0])) {
            throw new IllegalArgumentException("password hash must be " + SCHEME + "$ITERATIONS$SALT$HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash iterations must be a number, was " + p[1]);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("password hash iterations must be at least " + MIN_ITERATIONS + ", was "
                    + iterations + " (hash the password again with greenlight users add)");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] hash = Base64.getDecoder().decode(p[3]);
            if (salt.length < SALT_BYTES || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("password hash needs a salt of at least 16 bytes and a 32-byte hash");
            }
            return new Parsed(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("password") ? e.getMessage()
                    : "password hash salt and hash must be base64");
        }
    }

    /** Constant-time comparison of the derived hash with the stored one. */
    static boolean verify(char[] password, Parsed stored) {
        return MessageDigest.isEqual(derive(password, stored.salt(), stored.iterations()), stored.hash());
    }

    static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** The SHA-256 of an API token, lower-case hex, as the users file stores it. */
    static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** A new API token: 32 random bytes, base64url without padding. */
    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "glt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static void wipe(char[] c) {
        if (c != null) {
            Arrays.fill(c, '\0');
        }
    }
}
