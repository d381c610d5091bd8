package dev.greenlight.server.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Greenlight-Signature} header of a callback: {@code t=<unix seconds>,v1=<hex>}, where
 * the hex is HMAC-SHA256, keyed with the shared secret, of the bytes {@code "<t>." + body}. The
 * timestamp is signed with the body so that a captured request cannot be replayed later than the
 * receiver's tolerance; each retry is signed afresh with its own time.
 *
 * <p>Static and thread-safe. A receiver written in Java may call {@link #verify} directly.
 */
public final class CallbackSignature {
    /** The header's name. */
    public static final String HEADER = "Greenlight-Signature";

    private CallbackSignature() {
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String sign(byte[] secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
    }

    /**
     * True when {@code header} carries a {@code v1} signature of {@code body} under {@code secret}
     * and its {@code t} is within {@code tolerance} of {@code nowUnixSeconds}. Compares in constant
     * time; a malformed header is simply not valid.
     */
    public static boolean verify(byte[] secret, String header, byte[] body, long nowUnixSeconds, Duration tolerance) {
        if (header == null) {
            return false;
        }
        long t = -1;
        byte[] expected = null;
        boolean valid = false;
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                try {
                    t = Long.parseLong(p.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        if (t < 0 || Math.abs(nowUnixSeconds - t) > tolerance.toSeconds()) {
            return false;
        }
        expected = mac(secret, t, body);
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("v1=")) {
                byte[] given;
                try {
                    given = HexFormat.of().parseHex(p.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                valid |= MessageDigest.isEqual(expected, given);
            }
        }
        return valid;
    }

    private static byte[] mac(byte[] secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
