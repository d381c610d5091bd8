package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.model.Signal;

/** Builds the plugin's three kinds of signal. Stateless. */
final class ProbeSignals {
    /** Every signal name the plugin emits. */
    static final java.util.Set<String> NAMES = java.util.Set.of("media.info", "media.mismatch", "media.unreadable");

    static final String INFO = "media.info";
    static final String MISMATCH = "media.mismatch";
    static final String UNREADABLE = "media.unreadable";

    private ProbeSignals() {
    }

    /** {@code media.info}: every attribute that is known, and only those. */
    static Signal info(int mediaIndex, ProbeResult r) {
        Signal.Builder b = Signal.builder(INFO).mediaIndex(mediaIndex);
        put(b, "type", r.type());
        put(b, "format", r.format() == null ? null : r.format().label());
        put(b, "codec", r.codec());
        put(b, "audioCodec", r.audioCodec());
        put(b, "width", r.width());
        put(b, "height", r.height());
        if (r.rotation() != null && r.rotation() != 0) {
            b.attribute("rotation", r.rotation().toString());
        }
        put(b, "durationSeconds", r.durationSeconds() == null ? null : Decimals.seconds(r.durationSeconds()));
        put(b, "frameRate", r.frameRate() == null ? null : Decimals.frameRate(r.frameRate()));
        put(b, "sampleRate", r.sampleRate());
        put(b, "channels", r.channels());
        put(b, "headerDurationSeconds", r.headerDurationSeconds() == null ? null : Decimals.seconds(r.headerDurationSeconds()));
        put(b, "decoded", r.decoded());
        put(b, "bytes", r.bytes());
        put(b, "sha256", r.sha256());
        return b.build();
    }

    /** {@code media.mismatch} of one {@code category}, e.g. {@code duration}, declared {@code 10}, actual {@code 4}. */
    static Signal mismatch(int mediaIndex, String category, String declared, String actual) {
        return Signal.builder(MISMATCH).mediaIndex(mediaIndex).category(category)
                .attribute("declared", declared).attribute("actual", actual).build();
    }

    /** {@code media.unreadable} with the problem's category and a plain reason. */
    static Signal unreadable(int mediaIndex, Problem problem, String reason) {
        return Signal.builder(UNREADABLE).mediaIndex(mediaIndex).category(problem.category())
                .attribute("reason", reason).build();
    }

    private static void put(Signal.Builder b, String key, Object value) {
        if (value != null) {
            b.attribute(key, value.toString());
        }
    }
}
