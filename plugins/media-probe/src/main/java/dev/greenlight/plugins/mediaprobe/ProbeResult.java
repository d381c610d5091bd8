package dev.greenlight.plugins.mediaprobe;

/**
 * What a probe learned about one file. Every field is {@code null} when unknown, so a partly read
 * file (truncated, timed out) still reports what was learned. Immutable.
 *
 * @param type            {@code video}, {@code image} or {@code audio}
 * @param format          the container or image format, from the bytes
 * @param codec           the main stream's codec, named as ffprobe names it ({@code h264}, {@code vp9}, {@code mjpeg}, …)
 * @param audioCodec      a video's audio stream's codec
 * @param width           coded width in pixels, as stored (before any rotation)
 * @param height          coded height in pixels
 * @param rotation        degrees clockwise the player turns the picture (0, 90, 180, 270)
 * @param durationSeconds length in seconds
 * @param frameRate       average video frames per second
 * @param bytes           file size
 * @param sha256          lower-case hex SHA-256 of the whole file
 * @param sampleRate      the first audio stream's samples per second
 * @param channels        the first audio stream's channel count
 * @param headerDurationSeconds the length the file's headers claim, kept only when it disagrees with
 *                        the length measured from the streams' packets
 * @param decoded         {@code full} when both ends of every stream decoded, {@code partial} when the
 *                        deadline cut the decode check short
 */
record ProbeResult(String type, Format format, String codec, String audioCodec, Integer width, Integer height,
        Integer rotation, Double durationSeconds, Double frameRate, Long bytes, String sha256,
        Integer sampleRate, Integer channels, Double headerDurationSeconds, String decoded) {

    /** Whether anything at all is known (if not, there is no {@code media.info} to emit). */
    boolean isEmpty() {
        return type == null && format == null && codec == null && width == null && height == null
                && durationSeconds == null && frameRate == null && bytes == null && sha256 == null;
    }

    /** Collects a {@link ProbeResult} while readers fill it in; not thread-safe. */
    static final class Builder {
        private String type;
        private Format format;
        private String codec;
        private String audioCodec;
        private Integer width;
        private Integer height;
        private Integer rotation;
        private Double durationSeconds;
        private Double frameRate;
        private Long bytes;
        private String sha256;
        private Integer sampleRate;
        private Integer channels;
        private Double headerDurationSeconds;
        private String decoded;

        Builder type(String type) {
            this.type = type;
            return this;
        }

        Builder format(Format format) {
            this.format = format;
            return this;
        }

        Format format() {
            return format;
        }

        Builder codec(String codec) {
            this.codec = codec;
            return this;
        }

        Builder audioCodec(String audioCodec) {
            this.audioCodec = audioCodec;
            return this;
        }

        /** Sets both sides; non-positive values (absent or corrupt headers) leave them unknown. */
        Builder dimensions(long width, long height) {
            if (width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE) {
                this.width = (int) width;
                this.height = (int) height;
            }
            return this;
        }

        Builder rotation(Integer rotation) {
            this.rotation = rotation;
            return this;
        }

        /** Sets the duration; non-finite or negative values leave it unknown. */
        Builder durationSeconds(double seconds) {
            if (Double.isFinite(seconds) && seconds >= 0) {
                this.durationSeconds = seconds;
            }
            return this;
        }

        /** Sets the frame rate; non-finite or non-positive values leave it unknown. */
        Builder frameRate(double frameRate) {
            if (Double.isFinite(frameRate) && frameRate > 0) {
                this.frameRate = frameRate;
            }
            return this;
        }

        Builder bytes(long bytes) {
            this.bytes = bytes;
            return this;
        }

        Builder sha256(String sha256) {
            this.sha256 = sha256;
            return this;
        }

        Builder audio(Integer sampleRate, Integer channels) {
            this.sampleRate = sampleRate;
            this.channels = channels;
            return this;
        }

        Builder headerDurationSeconds(Double seconds) {
            this.headerDurationSeconds = seconds;
            return this;
        }

        Builder decoded(String decoded) {
            this.decoded = decoded;
            return this;
        }

        ProbeResult build() {
            return new ProbeResult(type, format, codec, audioCodec, width, height, rotation, durationSeconds,
                    frameRate, bytes, sha256, sampleRate, channels, headerDurationSeconds, decoded);
        }
    }
}
