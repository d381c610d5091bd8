package dev.greenlight.plugins.mediaprobe;

import java.util.List;
import java.util.Locale;

/**
 * A file format recognised from its bytes, with the media type it normally holds and the MIME
 * types a submission may declare for it (the first is canonical; containers that can hold audio
 * alone also list an {@code audio/} type).
 */
enum Format {
    MP4("mov", "mp4", "video", "video/mp4", "audio/mp4", "video/x-m4v", "audio/x-m4a", "audio/m4a", "application/mp4"),
    MOV("mov", "mov", "video", "video/quicktime"),
    WEBM("matroska", "webm", "video", "video/webm", "audio/webm"),
    MATROSKA("matroska", "matroska", "video", "video/x-matroska", "audio/x-matroska", "video/matroska", "audio/matroska"),
    AVI("avi", "avi", "video", "video/x-msvideo", "video/avi", "video/msvideo"),
    PNG("png_pipe", "png", "image", "image/png", "image/apng"),
    JPEG("jpeg_pipe", "jpeg", "image", "image/jpeg", "image/jpg", "image/pjpeg"),
    GIF("gif", "gif", "image", "image/gif"),
    WEBP("webp_pipe", "webp", "image", "image/webp"),
    BMP("bmp_pipe", "bmp", "image", "image/bmp", "image/x-bmp", "image/x-ms-bmp"),
    TIFF("tiff_pipe", "tiff", "image", "image/tiff", "image/tiff-fx"),
    HEIF("mov", "heif", "image", "image/heif", "image/heic", "image/heif-sequence", "image/heic-sequence"),
    AVIF("mov", "avif", "image", "image/avif"),
    MP3("mp3", "mp3", "audio", "audio/mpeg", "audio/mp3", "audio/x-mp3", "audio/mpeg3", "audio/x-mpeg"),
    AAC("aac", "aac", "audio", "audio/aac", "audio/x-aac", "audio/aacp"),
    WAV("wav", "wav", "audio", "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    FLAC("flac", "flac", "audio", "audio/flac", "audio/x-flac"),
    /** Ogg carries audio (Vorbis, Opus) or video (Theora); its type is left unknown. */
    OGG("ogg", "ogg", null, "audio/ogg", "video/ogg", "application/ogg", "audio/opus");

    private final String demuxer;
    private final String label;
    private final String defaultType;
    private final List<String> mimeTypes;

    Format(String demuxer, String label, String defaultType, String... mimeTypes) {
        this.demuxer = demuxer;
        this.label = label;
        this.defaultType = defaultType;
        this.mimeTypes = List.of(mimeTypes);
    }

    /** The name in {@code media.info}'s {@code format} attribute. */
    String label() {
        return label;
    }

    /**
     * FFmpeg's demuxer for this format. The plugin names it instead of letting FFmpeg guess, so a
     * file is only ever parsed as the format its magic bytes claim.
     */
    String demuxer() {
        return demuxer;
    }

    /** Whether the type depends on the streams inside (a container may hold only audio). */
    boolean isContainer() {
        return defaultType == null || this == MP4 || this == MOV || this == WEBM || this == MATROSKA || this == AVI;
    }

    /** A single still picture: one packet to decode, nothing to seek to (a GIF may be animated). */
    boolean isStill() {
        return "image".equals(defaultType) && this != GIF;
    }

    /** {@code video}, {@code image} or {@code audio}; {@code null} when only the content tells. */
    String defaultType() {
        return defaultType;
    }

    /** Whether a declared MIME type (any case, parameters such as {@code ; codecs=...} ignored) fits this format. */
    boolean accepts(String declaredMimeType) {
        return mimeTypes.contains(normalise(declaredMimeType));
    }

    /** The MIME type to report for a file of this format holding {@code type} (may be {@code null}). */
    String mimeTypeFor(String type) {
        if (type != null) {
            for (String mime : mimeTypes) {
                if (mime.startsWith(type + "/")) {
                    return mime;
                }
            }
        }
        return mimeTypes.get(0);
    }

    static String normalise(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        String bare = semicolon < 0 ? mimeType : mimeType.substring(0, semicolon);
        return bare.trim().toLowerCase(Locale.ROOT);
    }
}
