package dev.greenlight.media.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Faults a worker acts out on purpose, so tests can show that a crash, a hang or a memory blow-up
 * in native code costs one decision and not the engine. Honoured only when the worker was started
 * with the system property {@value #FLAG} set to {@code true}, which the plugin passes on only when
 * its own JVM has it (the test build sets it; nothing in production does). A fault file is a known
 * format's magic bytes (e.g. a PNG signature) followed by {@value #MARKER} and {@code crash},
 * {@code hang} or {@code memory}. Thread-safe (stateless).
 */
public final class TestFaults {
    /** The system property that arms the faults, in the engine's JVM and in the worker's. */
    public static final String FLAG = "greenlight.media.testFaults";
    /** What a fault file holds after a known format's magic bytes, followed by the fault's name. */
    public static final String MARKER = "GREENLIGHT-TEST-FAULT ";
    private static final int HEAD = 64;

    private TestFaults() {
    }

    /** Whether this JVM has the faults armed. */
    public static boolean armed() {
        return Boolean.getBoolean(FLAG);
    }

    /** Acts out the fault a fault file asks for, when armed; otherwise returns at once. */
    static void maybeTrigger(String path) throws IOException {
        if (!armed() || path == null) {
            return;
        }
        byte[] head = new byte[HEAD];
        int n;
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            n = in.readNBytes(head, 0, HEAD);
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(MARKER);
        if (at < 0) {
            return;
        }
        String fault = text.substring(at + MARKER.length()).trim();
        if (fault.startsWith("crash")) {
            crash();
        } else if (fault.startsWith("hang")) {
            hang();
        } else if (fault.startsWith("memory")) {
            exhaustNativeMemory();
        }
    }

    /** A read from an unmapped address in native code: SIGSEGV, as a decoder bug would cause. */
    private static void crash() {
        new BytePointer() {
            {
                address = 8;
            }
        }.get(0);
    }

    private static void hang() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Native allocations the JVM's heap limit cannot see, each touched so it really takes memory. */
    private static void exhaustNativeMemory() {
        java.util.List<Pointer> kept = new java.util.ArrayList<>();
        while (true) {
            BytePointer block = new BytePointer(org.bytedeco.ffmpeg.global.avutil.av_malloc(64L * 1024 * 1024)).capacity(64L * 1024 * 1024);
            if (block.isNull()) {
                return;
            }
            Pointer.memset(block, 1, 64L * 1024 * 1024);
            kept.add(block);
        }
    }
}
