package dev.greenlight.server.callback;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where final verdicts are POSTed and how: the receiver's URL, the shared secret that signs each
 * request ({@link CallbackSignature}), whether decisions that need no human are sent at once, and the
 * retry schedule. Immutable and thread-safe; made with {@link #builder(URI, byte[])}.
 */
public final class CallbackConfig {
    /** The shortest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    private final URI url;
    private final byte[] secret;
    private final boolean automatic;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Duration timeout;
    private final Duration lagLimit;

    private CallbackConfig(Builder b) {
        this.url = b.url;
        this.secret = b.secret.clone();
        this.automatic = b.automatic;
        this.firstRetry = b.firstRetry;
        this.maxRetry = b.maxRetry;
        this.timeout = b.timeout;
        this.lagLimit = b.lagLimit;
    }

    /**
     * A builder for callbacks to {@code url} (http or https) signed with {@code secret} (at least
     * {@value #MIN_SECRET_BYTES} bytes; copied).
     */
    public static Builder builder(URI url, byte[] secret) {
        return new Builder(url, secret);
    }

    /** The receiver's URL. */
    public URI url() {
        return url;
    }

    /** A copy of the signing secret. */
    public byte[] secret() {
        return secret.clone();
    }

    /** True when decisions that need no human (APPROVE, REJECT by the rules) are sent as they are recorded. */
    public boolean automatic() {
        return automatic;
    }

    /** The wait before the first retry; each later one doubles, up to {@link #maxRetry()}, with jitter. */
    public Duration firstRetry() {
        return firstRetry;
    }

    /** The longest wait between two attempts. */
    public Duration maxRetry() {
        return maxRetry;
    }

    /** How long one attempt may take (connect and answer). */
    public Duration timeout() {
        return timeout;
    }

    /** Readiness turns DOWN while callbacks lag behind the audit log longer than this. */
    public Duration lagLimit() {
        return lagLimit;
    }

    @Override
    public String toString() {
        return "callbacks to " + url + (automatic ? " (every final verdict, the rules' too)" : " (reviewers' final verdicts)");
    }

    /** Not thread-safe; {@link #build} checks every value and names the first one out of range. */
    public static final class Builder {
        private final URI url;
        private final byte[] secret;
        private boolean automatic;
        private Duration firstRetry = Duration.ofSeconds(1);
        private Duration maxRetry = Duration.ofMinutes(5);
        private Duration timeout = Duration.ofSeconds(10);
        private Duration lagLimit = Duration.ofMinutes(10);

        private Builder(URI url, byte[] secret) {
            this.url = Objects.requireNonNull(url, "url");
            this.secret = Objects.requireNonNull(secret, "secret").clone();
        }

        /** Also send the verdicts of decisions that need no human, as they are recorded (off by default). */
        public Builder automatic(boolean sendAtOnce) {
            this.automatic = sendAtOnce;
            return this;
        }

        /** The first retry's wait (1 s by default) and the longest wait (5 min by default). */
        public Builder retry(Duration first, Duration max) {
            this.firstRetry = Objects.requireNonNull(first, "firstRetry");
            this.maxRetry = Objects.requireNonNull(max, "maxRetry");
            return this;
        }

        /** How long one attempt may take (10 s by default). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Readiness turns DOWN past this lag (10 min by default). */
        public Builder lagLimit(Duration limit) {
            this.lagLimit = Objects.requireNonNull(limit, "lagLimit");
            return this;
        }

        /** @throws IllegalArgumentException naming the first value out of range */
        public CallbackConfig build() {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("callback url: must be an absolute http or https URL, was " + url);
            }
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("callback secret: must be at least " + MIN_SECRET_BYTES
                        + " bytes, was " + secret.length);
            }
            if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("callback retry: the first wait must be positive and at most the longest ("
                        + firstRetry + ", " + maxRetry + ")");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("callback timeout: must be positive, was " + timeout);
            }
            if (lagLimit.isNegative() || lagLimit.isZero()) {
                throw new IllegalArgumentException("callback lag limit: must be positive, was " + lagLimit);
            }
            return new CallbackConfig(this);
        }
    }
}
