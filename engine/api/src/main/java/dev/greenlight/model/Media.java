package dev.greenlight.model;

import java.util.Objects;

/**
 * One media item of a submission, and one fact per item in the rules. Immutable.
 *
 * <p>{@code type} is {@code video}, {@code image} or {@code audio}. Strings other than the type are
 * empty when absent; numbers are {@code null} when absent (rules test them:
 * {@code durationSeconds != null && durationSeconds > 20}).
 */
public final class Media {
    private final int index;
    private final String type;
    private final String mimeType;
    private final String path;
    private final String sha256;
    private final Long bytes;
    private final Integer width;
    private final Integer height;
    private final Double durationSeconds;
    private final Double frameRate;

    private Media(Builder b) {
        this.index = b.index;
        this.type = Objects.requireNonNull(b.type, "type");
        this.mimeType = b.mimeType == null ? "" : b.mimeType;
        this.path = b.path == null ? "" : b.path;
        this.sha256 = b.sha256 == null ? "" : b.sha256;
        this.bytes = b.bytes;
        this.width = b.width;
        this.height = b.height;
        this.durationSeconds = b.durationSeconds;
        this.frameRate = b.frameRate;
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** A builder starting from this item's values. */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.index = index;
        b.mimeType = mimeType;
        b.path = path;
        b.sha256 = sha256;
        b.bytes = bytes;
        b.width = width;
        b.height = height;
        b.durationSeconds = durationSeconds;
        b.frameRate = frameRate;
        return b;
    }

    /** Position of this item in the submission's {@code media} array, from 0. */
    public int getIndex() {
        return index;
    }

    public String getType() {
        return type;
    }

    public String getMimeType() {
        return mimeType;
    }

    /** The file, relative to the input file's directory or the engine's media root; empty if none. */
    public String getPath() {
        return path;
    }

    /** Declared SHA-256 of the file, lower-case hex; empty if not declared. */
    public String getSha256() {
        return sha256;
    }

    public Long getBytes() {
        return bytes;
    }

    public Integer getWidth() {
        return width;
    }

    public Integer getHeight() {
        return height;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public Double getFrameRate() {
        return frameRate;
    }

    /** The larger of width and height, or {@code null} when either is unknown. */
    public Integer getLongSide() {
        return width == null || height == null ? null : Math.max(width, height);
    }

    /** The smaller of width and height (the "p" of 1080p), or {@code null} when either is unknown. */
    public Integer getShortSide() {
        return width == null || height == null ? null : Math.min(width, height);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Media m && index == m.index && type.equals(m.type) && mimeType.equals(m.mimeType)
                && path.equals(m.path) && sha256.equals(m.sha256) && Objects.equals(bytes, m.bytes)
                && Objects.equals(width, m.width) && Objects.equals(height, m.height)
                && Objects.equals(durationSeconds, m.durationSeconds) && Objects.equals(frameRate, m.frameRate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, type, mimeType, path, sha256, bytes, width, height, durationSeconds, frameRate);
    }

    @Override
    public String toString() {
        return "Media[" + index + " " + type + (width != null ? " " + width + "x" + height : "")
                + (durationSeconds != null ? " " + durationSeconds + "s" : "") + "]";
    }

    /** Builds a {@link Media}; not thread-safe. */
    public static final class Builder {
        private int index;
        private final String type;
        private String mimeType;
        private String path;
        private String sha256;
        private Long bytes;
        private Integer width;
        private Integer height;
        private Double durationSeconds;
        private Double frameRate;

        private Builder(String type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder index(int index) {
            this.index = index;
            return this;
        }

        public Builder mimeType(String mimeType) {
            this.mimeType = mimeType;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder sha256(String sha256) {
            this.sha256 = sha256;
            return this;
        }

        public Builder bytes(Long bytes) {
            this.bytes = bytes;
            return this;
        }

        public Builder width(Integer width) {
            this.width = width;
            return this;
        }

        public Builder height(Integer height) {
            this.height = height;
            return this;
        }

        public Builder durationSeconds(Double durationSeconds) {
            this.durationSeconds = durationSeconds;
            return this;
        }

        public Builder frameRate(Double frameRate) {
            this.frameRate = frameRate;
            return this;
        }

        public Media build() {
            return new Media(this);
        }
    }
}
