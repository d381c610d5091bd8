package dev.greenlight.plugins.mediaprobe;

import java.util.Locale;
import java.util.Map;

/**
 * Maps container codec identifiers to the codec names ffprobe prints, so that {@code media.info}
 * reads the same as the tool people check files with. Stateless.
 */
final class Codecs {
    private static final Map<String, String> FOURCC = Map.ofEntries(
            Map.entry("avc1", "h264"), Map.entry("avc3", "h264"), Map.entry("hvc1", "hevc"), Map.entry("hev1", "hevc"),
            Map.entry("vp08", "vp8"), Map.entry("vp09", "vp9"), Map.entry("av01", "av1"), Map.entry("mp4v", "mpeg4"),
            Map.entry("jpeg", "mjpeg"), Map.entry("mjpa", "mjpeg"), Map.entry("mjpb", "mjpeg"),
            Map.entry("apch", "prores"), Map.entry("apcn", "prores"), Map.entry("apcs", "prores"),
            Map.entry("apco", "prores"), Map.entry("ap4h", "prores"), Map.entry("ap4x", "prores"),
            Map.entry("mp4a", "aac"), Map.entry(".mp3", "mp3"), Map.entry("opus", "opus"), Map.entry("flac", "flac"),
            Map.entry("ac-3", "ac3"), Map.entry("ec-3", "eac3"), Map.entry("alac", "alac"),
            Map.entry("sowt", "pcm_s16le"), Map.entry("twos", "pcm_s16be"));

    private static final Map<String, String> MATROSKA = Map.ofEntries(
            Map.entry("V_VP8", "vp8"), Map.entry("V_VP9", "vp9"), Map.entry("V_AV1", "av1"),
            Map.entry("V_MPEG4/ISO/AVC", "h264"), Map.entry("V_MPEGH/ISO/HEVC", "hevc"), Map.entry("V_MJPEG", "mjpeg"),
            Map.entry("V_THEORA", "theora"), Map.entry("V_PRORES", "prores"),
            Map.entry("A_OPUS", "opus"), Map.entry("A_VORBIS", "vorbis"), Map.entry("A_FLAC", "flac"),
            Map.entry("A_MPEG/L3", "mp3"), Map.entry("A_MPEG/L2", "mp2"), Map.entry("A_AC3", "ac3"),
            Map.entry("A_EAC3", "eac3"), Map.entry("A_PCM/INT/LIT", "pcm_s16le"), Map.entry("A_PCM/FLOAT/IEEE", "pcm_f32le"));

    private Codecs() {
    }

    /** The codec of an MP4/QuickTime sample entry; unknown codes come back lower-cased and trimmed. */
    static String fromFourcc(String fourcc) {
        String known = FOURCC.get(fourcc);
        return known != null ? known : Mp4Box.printable(fourcc).trim().toLowerCase(Locale.ROOT);
    }

    /** The codec of a Matroska CodecID; unknown ids come back lower-cased. */
    static String fromMatroska(String codecId) {
        if (codecId.startsWith("A_AAC")) {
            return "aac";
        }
        if (codecId.startsWith("V_MPEG4/ISO/")) {
            return MATROSKA.getOrDefault(codecId, "mpeg4");
        }
        String known = MATROSKA.get(codecId);
        return known != null ? known : codecId.toLowerCase(Locale.ROOT);
    }
}
