package dev.greenlight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.json.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The erasable store beside a log ({@code B.erasable}): texts kept out of the chained records
 * ({@link Redaction.Action#ASIDE}), one JSON line each, {@code {"sha256":"<hex>","text":"…"}}, keyed
 * by the hash that stands in the record (a text whose hash does not match its key is ignored).
 * Erasing overwrites a text's line in place with
 * {@code {"erased":true,"sha256":"<hex>"}} padded with spaces, so no other byte moves and the
 * chain, which holds only the hash, is untouched. Thread-safe (stateless); the writer is the only one
 * to append to or erase from the store.
 */
final class ErasableText {
    private static final byte[] SHA256 = CanonicalJson.name("sha256");
    private static final byte[] TEXT = CanonicalJson.name("text");

    private ErasableText() {
    }

    /** The line for one text (with newline). */
    static byte[] line(String hash, String text) {
        byte[] json = new CanonicalJson().startObject().field(SHA256).string(hash).field(TEXT).string(text).endObject()
                .toByteArray();
        byte[] out = Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /**
     * Overwrites every line holding {@code hash} in place and forces the file.
     *
     * @return how many lines were erased
     */
    static int erase(FileLayer files, Path store, String hash) throws IOException {
        if (!Files.exists(store)) {
            return 0;
        }
        List<long[]> spans = new ArrayList<>();
        try (InputStream in = Files.newInputStream(store)) {
            BoundedLineReader lines = new BoundedLineReader(in, LogScan.MAX_RECORD_BYTES);
            byte[] line;
            while ((line = lines.next()) != null) {
                JsonNode n = parse(line);
                if (n != null && hash.equals(n.path("sha256").asText()) && n.has("text")) {
                    spans.add(new long[] {lines.lineOffset(), line.length});
                }
            }
        }
        if (spans.isEmpty()) {
            return 0;
        }
        byte[] erased = ("{\"erased\":true,\"sha256\":\"" + hash + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (FileLayer.LogFile f = files.open(store)) {
            for (long[] span : spans) {
                byte[] fill = new byte[(int) span[1]];
                Arrays.fill(fill, (byte) ' ');
                System.arraycopy(erased, 0, fill, 0, Math.min(erased.length, fill.length));
                f.writeAt(ByteBuffer.wrap(fill), span[0]);
            }
            f.force();
        }
        return spans.size();
    }

    /** Cuts an incomplete last line (a torn write) off the store; returns the bytes cut. */
    static long cutTornTail(FileLayer files, Path store) throws IOException {
        if (!Files.exists(store)) {
            return 0;
        }
        long size = Files.size(store);
        long keep = size;
        try (FileChannel ch = FileChannel.open(store, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            search:
            while (keep > 0) {
                int n = (int) Math.min(chunk.capacity(), keep);
                chunk.clear().limit(n);
                long from = keep - n;
                while (chunk.hasRemaining() && ch.read(chunk, from + chunk.position()) > 0) {
                    // fill the chunk
                }
                for (int i = n - 1; i >= 0; i--) {
                    if (chunk.get(i) == '\n') {
                        keep = from + i + 1;
                        break search;
                    }
                }
                keep = from;
            }
        }
        if (keep < size) {
            try (FileLayer.LogFile f = files.open(store)) {
                f.truncate(keep);
                f.force();
            }
        }
        return size - keep;
    }

    /** Reads the store's texts by hash (erased ones are absent). An empty map when there is no store. */
    static Map<String, String> load(Path store) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(store)) {
            return out;
        }
        try (InputStream in = Files.newInputStream(store)) {
            BoundedLineReader lines = new BoundedLineReader(in, LogScan.MAX_RECORD_BYTES);
            byte[] line;
            while ((line = lines.next()) != null) {
                JsonNode n = parse(line);
                // the store is not chained: a text counts only if it still hashes to its key
                if (n != null && n.path("text").isTextual()
                        && AuditRecordFormat.sha256Hex(n.get("text").asText()).equals(n.path("sha256").asText())) {
                    out.putIfAbsent(n.path("sha256").asText(), n.get("text").asText());
                }
            }
        }
        return out;
    }

    private static JsonNode parse(byte[] line) {
        try {
            JsonNode n = AuditRecordFormat.MAPPER.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
