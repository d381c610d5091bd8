package dev.greenlight.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.json.ModelJson;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only, hash-chained decision log in one file (format: {@link AuditRecordFormat}).
 *
 * <p>{@link #append} returns only after the record is written and forced to disk
 * ({@code FileChannel.force}); when a write or a force fails the log stops accepting records for
 * good (a retried fsync can report success for data that never reached the disk), and every later
 * append throws {@link AuditException}. Opening verifies the existing file and refuses a damaged
 * one; the process holds an exclusive lock on the file while it is open, so two writers never
 * interleave.
 *
 * <p>Thread-safe: appends are serialised.
 */
public final class AuditLog implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private long seq;
    private String prev;
    private AuditException failure;
    private boolean closed;

    private AuditLog(Path file, FileChannel channel, FileLock lock, long seq, String prev) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.seq = seq;
        this.prev = prev;
    }

    /**
     * Opens (or creates) the log at {@code file}, continuing its chain.
     *
     * @throws AuditException when the file is damaged, locked by another process, or cannot be opened
     */
    public static AuditLog open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new AuditException("audit log " + file + " is in use by another writer");
            }
            VerifyResult state = AuditVerifier.verify(file);
            if (!state.intact()) {
                lock.release();
                ch.close();
                throw new AuditException("audit log is damaged, refusing to append: " + state.describe(file.toString()));
            }
            ch.position(ch.size());
            return new AuditLog(file, ch, lock, state.lastSeq(), state.lastHash());
        } catch (IOException e) {
            throw new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one decision record and forces it to disk.
     *
     * @return the record's sequence number
     * @throws AuditException when the record could not be made durable; the decision must then not
     *     be acknowledged
     */
    public synchronized long append(Decision decision, Submission submission) {
        if (failure != null) {
            throw new AuditException("audit log " + file + " stopped accepting records after an earlier failure: "
                    + failure.getMessage(), failure);
        }
        if (closed) {
            throw new AuditException("audit log " + file + " is closed");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("v", AuditRecordFormat.VERSION);
        body.put("seq", seq + 1);
        body.put("type", "decision");
        body.put("prev", prev);
        body.set("decision", ModelJson.decision(decision));
        body.set("submission", ModelJson.submission(submission));
        byte[] canonical = AuditRecordFormat.canonical(body);
        String hash = AuditRecordFormat.sha256Hex(canonical, canonical.length);
        byte[] line = AuditRecordFormat.line(canonical, hash);
        ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            failure = new AuditException("cannot write audit log " + file + ": " + e.getMessage(), e);
            throw failure;
        }
        seq++;
        prev = hash;
        return seq;
    }

    /** The sequence number of the last record written (0 for an empty log). */
    public synchronized long lastSeq() {
        return seq;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new AuditException("cannot close audit log " + file + ": " + e.getMessage(), e);
        }
    }
}
