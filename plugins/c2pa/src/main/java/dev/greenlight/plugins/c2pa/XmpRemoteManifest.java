package dev.greenlight.plugins.c2pa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the XMP {@code dcterms:provenance} property, which names a remote manifest instead of (or
 * as well as) an embedded one. The URL is reported, never fetched: fetching would let any submitter
 * make the engine call a server of their choosing. Stateless; thread-safe.
 *
 * <p>Only the regions the container keeps XMP in are searched (JPEG APP1 segments, PNG
 * {@code iTXt} chunks, BMFF {@code uuid} and {@code meta} boxes, RIFF {@code _PMX} chunks; the
 * locator lists them), at most {@link Limits#MAX_XMP_SCAN} bytes in all, as text, for the
 * property in either XMP form (attribute or element).
 */
final class XmpRemoteManifest {
    private static final byte[] NAME = "dcterms:provenance".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern VALUE = Pattern.compile("\\A(?:\\s*=\\s*[\"']([^\"'<>]{1,2048})[\"']|>\\s*([^<\\s]{1,2048})\\s*<)");

    private XmpRemoteManifest() {
    }

    /** The URL in the regions ({@code [start, end)} pairs) of {@code f}, or {@code null} when there is none. */
    static String find(ByteBuffer f, List<long[]> regions) {
        long budget = Limits.MAX_XMP_SCAN;
        for (long[] r : regions) {
            long start = Math.max(0, r[0]);
            long end = Math.min(f.limit(), Math.min(r[1], start + budget));
            if (end <= start) {
                continue;
            }
            budget -= end - start;
            byte[] region = new byte[(int) (end - start)];
            f.get((int) start, region);
            String url = find(region);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    private static String find(byte[] b) {
        outer:
        for (int i = 0; i + NAME.length <= b.length; i++) {
            if (b[i] != 'd') {
                continue;
            }
            for (int j = 1; j < NAME.length; j++) {
                if (b[i + j] != NAME[j]) {
                    continue outer;
                }
            }
            int from = i + NAME.length;
            int to = Math.min(b.length, from + 2100);
            Matcher m = VALUE.matcher(new String(b, from, to - from, StandardCharsets.UTF_8));
            if (m.find()) {
                String url = m.group(1) != null ? m.group(1) : m.group(2);
                // a self#jumbf= value points into an embedded store (often one since stripped): not remote
                if (url.startsWith("https://") || url.startsWith("http://")) {
                    return url;
                }
            }
        }
        return null;
    }
}
