package dev.greenlight.server.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.ByteRange;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends one media file with HTTP range support (RFC 9110 §14), which is what lets a
 * {@code <video>} or {@code <audio>} element seek: {@code Range: bytes=a-b} gets 206 with that
 * slice, an unsatisfiable range 416, several ranges the first one only (a server may answer fewer
 * ranges than asked). The body streams from the file; nothing is held in memory. Stateless.
 */
final class MediaStream {
    /** Content types by declared media type and file extension; anything else is sent as bytes. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mov", "video/quicktime"), Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"),
            Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("flac", "audio/flac"), Map.entry("opus", "audio/ogg"));

    private MediaStream() {
    }

    /**
     * The content type to send for {@code file}: the declared MIME type when it is an image, video or
     * audio type (never HTML or script, whatever a submission declares), else by extension.
     */
    static String contentType(String declaredMime, Path file) {
        String m = declaredMime == null ? "" : declaredMime.toLowerCase(Locale.ROOT).trim();
        if (m.matches("(image|video|audio)/[a-z0-9.+-]+") && !m.contains("svg")) {
            return m;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /** Answers {@code request} with {@code file} (whole or the asked range); completes {@code callback}. */
    static void send(Request request, Response response, Callback callback, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "private, no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        // a media file is never a document: shown inside the case page only, never run as one
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; sandbox");
        response.getHeaders().put("Content-Disposition", "inline");
        List<String> ranges = request.getHeaders().getValuesList(HttpHeader.RANGE);
        long first = 0;
        long length = size;
        if (!ranges.isEmpty()) {
            List<ByteRange> asked = ByteRange.parse(ranges, size);
            if (asked.isEmpty()) {
                response.setStatus(416);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, ByteRange.toNonSatisfiableHeaderValue(size));
                response.write(true, null, callback);
                return;
            }
            ByteRange r = asked.get(0);
            first = r.first();
            length = r.getLength();
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, r.toHeaderValue(size));
        } else {
            response.setStatus(200);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        if (request.getMethod().equals("HEAD")) {
            response.write(true, null, callback);
            return;
        }
        Content.copy(Content.Source.from(file, first, length), response, callback);
    }
}
