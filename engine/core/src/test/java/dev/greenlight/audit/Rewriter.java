package dev.greenlight.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** What a tamperer does: read the records, change them, rebuild the chain, write the log back. */
final class Rewriter {
    private Rewriter() {
    }

    /** Every record's JSON without its hash, in order, from every segment. */
    static List<ObjectNode> read(Path base) {
        List<ObjectNode> out = new ArrayList<>();
        try {
            for (Path seg : Segments.list(base)) {
                for (String line : Files.readAllLines(seg)) {
                    ObjectNode o = (ObjectNode) AuditRecordFormat.MAPPER.readTree(line);
                    o.remove("hash");
                    out.add(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Writes {@code records} back as one segment with a consistent chain: {@code prev} and
     * {@code seq} recomputed; checkpoint records restated for their new place when
     * {@code restateCheckpoints}, and signed with {@code key} (or left unsigned when null). The
     * checkpoint file is rewritten to the last checkpoint when {@code rewriteCheckpointFile}.
     */
    static void write(Path base, List<ObjectNode> records, boolean restateCheckpoints, KeyPair key,
                      boolean rewriteCheckpointFile) {
        try {
            for (Path seg : Segments.list(base)) {
                Files.delete(seg);
            }
            StringBuilder out = new StringBuilder();
            String prev = AuditRecordFormat.GENESIS;
            String logId = null;
            Checkpoint last = null;
            long seq = 0;
            for (ObjectNode r : records) {
                ObjectNode o = r.deepCopy();
                seq++;
                o.put("prev", prev);
                o.put("seq", seq);
                if (restateCheckpoints && AuditRecordFormat.CHECKPOINT.equals(o.path("type").asText())) {
                    Checkpoint old = Checkpoint.fromJson(o);
                    Checkpoint cp = Checkpoint.create(logId, seq - 1, prev, old.at(), key);
                    o.set(AuditRecordFormat.CHECKPOINT, AuditRecordFormat.MAPPER.readTree(cp.toLine()));
                    last = cp;
                }
                byte[] body = CanonicalJson.of(o);
                String hash = AuditRecordFormat.sha256Hex(body, body.length);
                out.append(new String(AuditRecordFormat.line(body, hash), StandardCharsets.UTF_8)).append('\n');
                prev = hash;
                if (seq == 1) {
                    logId = hash;
                }
            }
            Files.writeString(base, out.toString());
            if (rewriteCheckpointFile && last != null) {
                Files.writeString(Segments.checkpointFile(base), last.toLine() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
