package dev.greenlight.plugins.mediaprobe;

import java.util.List;
import java.util.Locale;

/**
 * A file format recognised from its bytes, with the media type it normally holds and the MIME
 * types a submission may declare for it (the first is canonical; containers that can hold audio
 * alone also list an {@code audio/} type).
 */
enum Format {
    MP4("mp4", "video", "video/mp4", "audio/mp4", "video/x-m4v", "audio/x-m4a", "audio/m4a", "application/mp4"),
    MOV("mov", "video", "video/quicktime"),
    WEBM("webm", "video", "video/webm", "audio/webm"),
    MATROSKA("matroska", "video", "video/x-matroska", "audio/x-matroska", "video/matroska", "audio/matroska"),
    AVI("avi", "video", "video/x-msvideo", "video/avi", "video/msvideo"),
    PNG("png", "image", "image/png", "image/apng"),
    JPEG("jpeg", "image", "image/jpeg", "image/jpg", "image/pjpeg"),
    GIF("gif", "image", "image/gif"),
    WEBP("webp", "image", "image/webp"),
    BMP("bmp", "image", "image/bmp", "image/x-bmp", "image/x-ms-bmp"),
    TIFF("tiff", "image", "image/tiff", "image/tiff-fx"),
    HEIF("heif", "image", "image/heif", "image/heic", "image/heif-sequence", "image/heic-sequence"),
    AVIF("avif", "image", "image/avif"),
    MP3("mp3", "audio", "audio/mpeg", "audio/mp3", "audio/x-mp3", "audio/mpeg3", "audio/x-mpeg"),
    AAC("aac", "audio", "audio/aac", "audio/x-aac", "audio/aacp"),
    WAV("wav", "audio", "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    FLAC("flac", "audio", "audio/flac", "audio/x-flac"),
    /** Ogg carries audio (Vorbis, Opus) or video (Theora); its type is left unknown. */
    OGG("ogg", null, "audio/ogg", "video/ogg", "application/ogg", "audio/opus");

    private final String label;
    private final String defaultType;
    private final List<String> mimeTypes;

    Format(String label, String defaultType, String... mimeTypes) {
        this.label = label;
        this.defaultType = defaultType;
        this.mimeTypes = List.of(mimeTypes);
    }

    /** The name in {@code media.info}'s {@code format} attribute. */
    String label() {
        return label;
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
