package dev.greenlight.plugins.c2pa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the XMP {@code dcterms:provenance} property, which names a remote manifest instead of (or
 * as well as) an embedded one. The URL is reported, never fetched: fetching would let any submitter
 * make the engine call a server of their choosing. Stateless; thread-safe.
 *
 * <p>XMP sits in the metadata before the media data in every container C2PA covers (JPEG APP1, PNG
 * {@code iTXt}, a BMFF {@code uuid} box near the start), so only the first
 * {@link Limits#MAX_XMP_SCAN} bytes are searched, as text, for the property in either XMP form
 * (attribute or element).
 */
final class XmpRemoteManifest {
    private static final byte[] NAME = "dcterms:provenance".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern VALUE = Pattern.compile("\\A(?:\\s*=\\s*[\"']([^\"'<>]{1,2048})[\"']|>\\s*([^<\\s]{1,2048})\\s*<)");

    private XmpRemoteManifest() {
    }

    /** The URL, or {@code null} when there is none. */
    static String find(ByteBuffer f) {
        int limit = Math.min(f.limit(), Limits.MAX_XMP_SCAN);
        outer:
        for (int i = 0; i + NAME.length <= limit; i++) {
            for (int j = 0; j < NAME.length; j++) {
                if (f.get(i + j) != NAME[j]) {
                    continue outer;
                }
            }
            int from = i + NAME.length;
            int to = Math.min(limit, from + 2100);
            byte[] tail = new byte[to - from];
            f.get(from, tail);
            Matcher m = VALUE.matcher(new String(tail, StandardCharsets.UTF_8));
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
