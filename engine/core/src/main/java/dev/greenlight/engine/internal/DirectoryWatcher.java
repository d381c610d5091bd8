package dev.greenlight.engine.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a directory tree and runs an action once the tree has been quiet for a while after a
 * change: an editor's save, or a deployment copying many files, gives one run, not one per file.
 * New subdirectories are watched as they appear. The action runs on the watcher's own daemon
 * thread, never concurrently with itself; what it throws is logged. Thread-safe; {@link #close()}
 * stops it.
 */
public final class DirectoryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final Path root;
    private final long debounceMillis;
    private final Runnable action;
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts watching {@code root} (recursively).
     *
     * @throws IOException when the tree cannot be watched
     */
    public DirectoryWatcher(Path root, Duration debounce, Runnable action) throws IOException {
        this.root = root;
        this.debounceMillis = Math.max(1, debounce.toMillis());
        this.action = action;
        this.watch = root.getFileSystem().newWatchService();
        try {
            registerTree(root);
        } catch (IOException e) {
            watch.close();
            throw e;
        }
        this.thread = new Thread(this::loop, "greenlight-rules-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!closed) {
                drain(watch.take());
                // debounce: wait until nothing has changed for a whole interval
                WatchKey more;
                while ((more = watch.poll(debounceMillis, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                if (closed) {
                    return;
                }
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("acting on a change under {} failed", root, e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Takes a key's events, watching directories created under it. */
    private void drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                reregister();
            } else if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                Path child = dir.resolve((Path) event.context());
                if (Files.isDirectory(child)) {
                    try {
                        registerTree(child);
                    } catch (IOException e) {
                        LOG.warn("cannot watch new directory {}", child, e);
                    }
                }
            }
        }
        key.reset();
    }

    private void reregister() {
        try {
            registerTree(root);
        } catch (IOException e) {
            LOG.warn("cannot watch {} again after lost events", root, e);
        }
    }

    private void registerTree(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Stops watching; an action already running finishes first. */
    @Override
    public void close() {
        closed = true;
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service of {} failed", root, e);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
