package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level boxes of an MP4 fixture, to rearrange into new test files. */
final class Mp4Fixture {
    private Mp4Fixture() {
    }

    /** Each top-level box's bytes, header included, by type, in file order (32-bit sizes only, as in the fixtures). */
    static Map<String, byte[]> boxes(String fixture) throws IOException {
        byte[] file = Files.readAllBytes(Probes.fixtures().resolve(fixture));
        Map<String, byte[]> boxes = new LinkedHashMap<>();
        int pos = 0;
        while (pos + 8 <= file.length) {
            int size = ByteBuffer.wrap(file, pos, 4).getInt();
            String type = new String(file, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            boxes.put(type, Arrays.copyOfRange(file, pos, pos + size));
            pos += size;
        }
        return boxes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    /** The index of the first occurrence of an ASCII box type in {@code bytes}. */
    static int indexOf(byte[] bytes, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + t.length <= bytes.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (bytes[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no '" + type + "' box");
    }
}
