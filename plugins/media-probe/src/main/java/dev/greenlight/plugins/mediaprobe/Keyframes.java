package dev.greenlight.plugins.mediaprobe;

import dev.greenlight.media.worker.WorkerFailure;
import dev.greenlight.media.worker.WorkerPool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pictures of a video for reviewers: a <b>poster</b> (its middle frame, at most 640 pixels wide)
 * and a <b>contact sheet</b> (six frames spread over its length, 320 pixels wide each, three to a
 * row, on one JPEG). Made by FFmpeg in worker processes (the file is untrusted), and cached in a
 * directory by the SHA-256 of the video's bytes, so a review page can ask again at no cost and two
 * uploads of the same bytes share their pictures.
 *
 * <pre>
 * Keyframes keyframes = new Keyframes(Path.of("/var/cache/greenlight/keyframes"));
 * Path poster = keyframes.poster(video, Duration.ofSeconds(10));   // …/&lt;sha256&gt;-poster.jpg
 * Path sheet = keyframes.contactSheet(video, Duration.ofSeconds(10));
 * </pre>
 *
 * <p>Thread-safe: calls may run at once (on the same video too: the cache file is written to a
 * temporary name and moved into place). Arguments must not be {@code null}. The caller must have
 * checked that the video path is one it may read (e.g. inside the media root); this class reads it
 * as given.
 */
public final class Keyframes {
    /** Frames on a contact sheet. */
    public static final int SHEET_FRAMES = 6;
    /** Width of each contact sheet frame, in pixels. */
    public static final int SHEET_TILE_WIDTH = 320;
    /** Largest poster width, in pixels (narrower videos keep their width). */
    public static final int POSTER_WIDTH = 640;
    private static final int HEAD = 64;

    private final Path cache;
    private final WorkerPool pool;

    /**
     * Keyframes cached in {@code cacheDirectory} (created when missing), made by one worker process
     * with the media-probe defaults (96 MB heap, 1 GiB resident memory).
     *
     * @throws IOException when the directory cannot be created
     */
    public Keyframes(Path cacheDirectory) throws IOException {
        this.cache = Files.createDirectories(Objects.requireNonNull(cacheDirectory, "cacheDirectory"));
        ProbeSettings d = ProbeSettings.DEFAULTS;
        this.pool = WorkerPool.shared(new WorkerPool.WorkerConfig(1, d.workerHeapMegabytes() * 2, d.workerMemoryMegabytes() * 1024L * 1024L));
    }

    /**
     * The poster of {@code video}: a JPEG in the cache directory, made now or earlier.
     *
     * @param timeout how long making it may take (a cached poster returns at once)
     * @throws KeyframeException when it cannot be made (the reason says why)
     * @throws IOException       when the video or the cache cannot be read or written
     */
    public Path poster(Path video, Duration timeout) throws KeyframeException, IOException {
        return picture(video, "poster", 1, POSTER_WIDTH, timeout);
    }

    /**
     * The contact sheet of {@code video}: a JPEG in the cache directory, made now or earlier.
     *
     * @param timeout how long making it may take (a cached sheet returns at once)
     * @throws KeyframeException when it cannot be made (the reason says why)
     * @throws IOException       when the video or the cache cannot be read or written
     */
    public Path contactSheet(Path video, Duration timeout) throws KeyframeException, IOException {
        return picture(video, "sheet", SHEET_FRAMES, SHEET_TILE_WIDTH, timeout);
    }

    private Path picture(Path video, String kind, int frames, int width, Duration timeout) throws KeyframeException, IOException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] head = new byte[HEAD];
        String sha;
        int n;
        try (InputStream in = Files.newInputStream(video)) {
            n = in.readNBytes(head, 0, HEAD);
            MessageDigest digest = sha256();
            digest.update(head, 0, n);
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            sha = HexFormat.of().formatHex(digest.digest());
        }
        Path target = cache.resolve(sha + "-" + kind + ".jpg");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Format format = MagicSniffer.sniff(head, n);
        if (format == null || !(format.isContainer() || format == Format.GIF)) {
            throw new KeyframeException("not a video (" + (format == null ? "unknown format" : format.label()) + ")");
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("task", KeyframesTask.NAME);
        request.put("path", video.toAbsolutePath().toString());
        request.put("demuxer", format.demuxer());
        request.put("frames", Integer.toString(frames));
        request.put("tileWidth", Integer.toString(width));
        request.put("budgetMillis", Long.toString(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 - 100)));
        Map<String, String> answer;
        try {
            answer = pool.call(request, deadline);
        } catch (WorkerFailure e) {
            throw new KeyframeException(e.getMessage());
        }
        if (!answer.containsKey("jpeg")) {
            throw new KeyframeException(answer.getOrDefault("error", "no picture was made"));
        }
        Path temporary = Files.createTempFile(cache, sha + "-" + kind, ".part");
        try {
            Files.write(temporary, Base64.getDecoder().decode(answer.get("jpeg")));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
