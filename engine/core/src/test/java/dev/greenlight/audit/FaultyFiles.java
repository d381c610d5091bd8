package dev.greenlight.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A file layer that fails on purpose: a power cut at the k-th operation (that operation and every
 * later one fail, and {@link #powerLoss} then leaves the files as a machine that lost power would),
 * an fsync that fails on its k-th call, a disk that fills up after so many bytes. It writes through
 * to the real files and remembers, per file, how much was made durable by fsync and which directory
 * entries were not yet made durable.
 */
final class FaultyFiles implements FileLayer {
    /** What a power cut leaves of the bytes written since the last fsync. */
    enum Loss {
        /** Nothing of them. */
        DROPPED,
        /** A prefix of them. */
        TORN,
        /** A prefix, then zeros to the full length (the size was updated, the data blocks were not). */
        ZERO_FILLED,
        /** A prefix, then random bytes to the full length. */
        GARBAGE
    }

    private final FileLayer real = FileLayer.DEFAULT;
    int crashAt = Integer.MAX_VALUE;
    int failForceAt = Integer.MAX_VALUE;
    long diskFullAfter = Long.MAX_VALUE;

    int ops;
    int forces;
    long bytesWritten;
    boolean crashed;
    private final Map<Path, Long> durable = new HashMap<>();
    private final Set<Path> undurableEntries = new HashSet<>();
    private final Map<Path, byte[]> renamedOver = new HashMap<>();

    synchronized void op(String what) throws IOException {
        ops++;
        if (crashed || ops >= crashAt) {
            crashed = true;
            throw new IOException("simulated power cut at operation " + ops + " (" + what + ")");
        }
    }

    @Override
    public synchronized LogFile open(Path file) throws IOException {
        Path f = file.toAbsolutePath();
        boolean existed = Files.exists(f);
        op("open " + f.getFileName());
        LogFile inner = real.open(f);
        if (!existed) {
            undurableEntries.add(f);
            durable.put(f, 0L);
        } else {
            durable.putIfAbsent(f, inner.size());
        }
        return new Faulty(f, inner);
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        op("fsync dir");
        real.syncDirectory(dir);
        undurableEntries.removeIf(p -> p.getParent().equals(dir.toAbsolutePath()));
        renamedOver.keySet().removeIf(p -> p.getParent().equals(dir.toAbsolutePath()));
    }

    @Override
    public synchronized void replace(Path source, Path target) throws IOException {
        Path t = target.toAbsolutePath();
        op("rename " + source.getFileName());
        byte[] old = Files.exists(t) ? Files.readAllBytes(t) : null;
        real.replace(source, target);
        if (!renamedOver.containsKey(t)) {
            renamedOver.put(t, old);
        }
        Long d = durable.remove(source.toAbsolutePath());
        durable.put(t, d == null ? Files.size(t) : d);
        undurableEntries.remove(source.toAbsolutePath());
    }

    @Override
    public Closeable tryLock(Path lockFile) throws IOException {
        return real.tryLock(lockFile);
    }

    /** Leaves the files as a power cut would: unsynced bytes lost as {@code loss} says. */
    synchronized void powerLoss(Loss loss, Random rnd) throws IOException {
        crashed = true;
        for (Map.Entry<Path, byte[]> r : renamedOver.entrySet()) {
            if (loss == Loss.DROPPED) { // the rename's directory entry never reached the disk
                if (r.getValue() == null) {
                    Files.deleteIfExists(r.getKey());
                } else {
                    Files.write(r.getKey(), r.getValue());
                }
                durable.remove(r.getKey());
            }
        }
        for (Path p : undurableEntries) {
            if (loss == Loss.DROPPED && Files.exists(p)) {
                Files.delete(p);
            }
        }
        for (Map.Entry<Path, Long> e : durable.entrySet()) {
            Path p = e.getKey();
            if (!Files.exists(p)) {
                continue;
            }
            long size = Files.size(p);
            long keep = e.getValue();
            if (size <= keep) {
                continue;
            }
            long unsynced = size - keep;
            long prefix = loss == Loss.DROPPED ? 0 : (long) (rnd.nextDouble() * unsynced);
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                switch (loss) {
                    case DROPPED, TORN -> f.setLength(keep + prefix);
                    case ZERO_FILLED, GARBAGE -> {
                        byte[] fill = new byte[(int) (unsynced - prefix)];
                        if (loss == Loss.GARBAGE) {
                            rnd.nextBytes(fill);
                        }
                        f.seek(keep + prefix);
                        f.write(fill);
                    }
                }
            }
        }
    }

    private final class Faulty implements LogFile {
        private final Path path;
        private final LogFile inner;

        Faulty(Path path, LogFile inner) {
            this.path = path;
            this.inner = inner;
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public void append(ByteBuffer bytes) throws IOException {
            op("write " + path.getFileName());
            synchronized (FaultyFiles.this) {
                long room = diskFullAfter - bytesWritten;
                if (bytes.remaining() > room) {
                    ByteBuffer part = bytes.duplicate();
                    part.limit(part.position() + (int) Math.max(0, room));
                    inner.append(part);
                    bytesWritten += Math.max(0, room);
                    throw new IOException("No space left on device");
                }
                bytesWritten += bytes.remaining();
            }
            inner.append(bytes);
        }

        @Override
        public void writeAt(ByteBuffer bytes, long position) throws IOException {
            op("write at " + path.getFileName());
            inner.writeAt(bytes, position);
        }

        @Override
        public void force() throws IOException {
            op("fsync " + path.getFileName());
            synchronized (FaultyFiles.this) {
                forces++;
                if (forces == failForceAt) {
                    throw new IOException("simulated fsync failure (EIO) on call " + forces);
                }
            }
            inner.force();
            synchronized (FaultyFiles.this) {
                durable.put(path, inner.size());
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            op("truncate " + path.getFileName());
            inner.truncate(size);
            synchronized (FaultyFiles.this) {
                durable.computeIfPresent(path, (k, v) -> Math.min(v, size));
            }
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
