package dev.greenlight.plugins.mediaprobe;

import java.util.Map;

/**
 * Turns a worker's answer into what {@code media.info} reports. The answer's fields:
 * {@code videoCodec}, {@code width}, {@code height}, {@code rotation}, {@code frameRate} (the main
 * picture stream), {@code audioCodec}, {@code sampleRate}, {@code channels} (the first audio
 * stream), {@code headerSeconds} (the length the headers claim), {@code measuredSeconds} (the end
 * of the last packet, when the file was read to its end), {@code checked} ({@code full} or
 * {@code partial}), and {@code problem} with {@code reason} when FFmpeg found the file unreadable.
 * Stateless.
 */
final class ProbeReply {
    /**
     * Headers and packets agreeing within this share (or {@link #AGREE_SECONDS}) count as the same
     * length, and the header's figure is reported: it is the one ffprobe prints and people check.
     */
    private static final double AGREE_SHARE = 0.02;
    private static final double AGREE_SECONDS = 0.1;

    private ProbeReply() {
    }

    /** Fills {@code out} from {@code answer}; returns the problem FFmpeg found, or {@code null}. */
    static UnreadableException apply(Map<String, String> answer, Format format, ProbeResult.Builder out) {
        String video = answer.get("videoCodec");
        String audio = answer.get("audioCodec");
        String type = format.isContainer() ? (video != null ? "video" : audio != null ? "audio" : null) : format.defaultType();
        out.type(type);
        if ("audio".equals(type)) {
            out.codec(audio);
        } else if (type != null) {
            out.codec(video).audioCodec("video".equals(type) ? audio : null);
            out.dimensions(number(answer, "width", 0), number(answer, "height", 0));
            if (answer.containsKey("rotation")) {
                out.rotation((int) number(answer, "rotation", 0));
            }
        }
        if (audio != null && !"image".equals(type)) {
            out.audio(integer(answer, "sampleRate"), integer(answer, "channels"));
        }
        if ("video".equals(type) || "audio".equals(type)) {
            duration(decimal(answer, "headerSeconds"), decimal(answer, "measuredSeconds"), out);
        }
        if ("video".equals(type)) {
            Double rate = decimal(answer, "frameRate");
            if (rate != null) {
                out.frameRate(rate);
            }
        }
        out.decoded(answer.get("checked"));
        if (answer.containsKey("error")) {
            return new UnreadableException(Problem.DAMAGED, "the probe failed (" + answer.get("error") + ")");
        }
        String problem = answer.get("problem");
        if (problem == null) {
            return null;
        }
        return new UnreadableException(Problem.ofCategory(problem), answer.getOrDefault("reason", "FFmpeg could not read the file"));
    }

    /**
     * The length to report. The packets' end is the truth when the file was read to its end (a
     * fragmented MP4 has no length in its header; a header can lie); the header's figure stands
     * when the two agree, and is kept as {@code headerDurationSeconds} when they do not.
     */
    private static void duration(Double header, Double measured, ProbeResult.Builder out) {
        if (measured == null) {
            if (header != null) {
                out.durationSeconds(header);
            }
            return;
        }
        if (header == null) {
            out.durationSeconds(measured);
            return;
        }
        if (Math.abs(header - measured) <= Math.max(AGREE_SECONDS, AGREE_SHARE * header)) {
            out.durationSeconds(header);
        } else {
            out.durationSeconds(measured).headerDurationSeconds(header);
        }
    }

    private static long number(Map<String, String> answer, String key, long absent) {
        String v = answer.get(key);
        try {
            return v == null ? absent : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    private static Integer integer(Map<String, String> answer, String key) {
        long v = number(answer, key, -1);
        return v > 0 && v <= Integer.MAX_VALUE ? (int) v : null;
    }

    private static Double decimal(Map<String, String> answer, String key) {
        String v = answer.get(key);
        try {
            return v == null ? null : Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
