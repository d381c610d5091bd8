package dev.greenlight.media.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of a child process, read from Linux's {@code /proc/<pid>/status}. A worker's
 * native memory (FFmpeg's buffers) is invisible to its JVM's heap limit, so the plugin watches this
 * instead and stops a worker that grows past its limit. Stateless and thread-safe.
 */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Resident bytes of {@code pid}, or -1 when unknown (not Linux, or the process is gone). */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
