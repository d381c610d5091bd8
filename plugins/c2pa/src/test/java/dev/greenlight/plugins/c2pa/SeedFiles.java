package dev.greenlight.plugins.c2pa;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds minimal media files around a manifest store: for the fuzz test's {@code store} target and
 * for writing its seed inputs. Stateless.
 */
final class SeedFiles {
    private SeedFiles() {
    }

    /** SOI, the store in APP11 segments (split as a writer splits a large one), EOI. */
    static byte[] jpegAround(byte[] store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(store.length + 64);
        out.write(0xff);
        out.write(0xd8);
        int max = 65535 - 2 - 8;
        int seq = 1;
        int pos = 0;
        do {
            int n = Math.min(max - (seq > 1 ? 8 : 0), store.length - pos);
            ByteArrayOutputStream seg = new ByteArrayOutputStream();
            seg.writeBytes(new byte[] {'J', 'P', 0, 1});
            seg.writeBytes(ByteBuffer.allocate(4).putInt(seq).array());
            if (seq > 1) {
                seg.writeBytes(java.util.Arrays.copyOfRange(store, 0, Math.min(8, store.length)));
            }
            seg.write(store, pos, n);
            byte[] s = seg.toByteArray();
            out.write(0xff);
            out.write(0xeb);
            out.write((s.length + 2) >>> 8);
            out.write((s.length + 2) & 0xff);
            out.writeBytes(s);
            pos += n;
            seq++;
        } while (pos < store.length);
        out.write(0xff);
        out.write(0xd9);
        return out.toByteArray();
    }

    /** A WAV file with only a format chunk and the store in a {@code C2PA} chunk. */
    static byte[] wavAround(byte[] store) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 16 + 8 + store.length + (store.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("C2PA".getBytes(StandardCharsets.US_ASCII)).putInt(store.length).put(store);
        return b.array();
    }

    /** An MP4 with an {@code ftyp} box and the store in the C2PA {@code uuid} box. */
    static byte[] mp4Around(byte[] store) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + 16 + 4 + 9 + 8 + store.length);
        b.putInt(20).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("isom".getBytes(StandardCharsets.US_ASCII));
        b.putInt(8 + 16 + 4 + 9 + 8 + store.length).put("uuid".getBytes(StandardCharsets.US_ASCII));
        b.put(StoreLocator.BMFF_C2PA_UUID).putInt(0).put("manifest\0".getBytes(StandardCharsets.US_ASCII)).putLong(0);
        b.put(store);
        return b.array();
    }

    /** A PNG with an empty-ish header chunk and the store in a {@code caBX} chunk (CRCs left zero: not checked). */
    static byte[] pngAround(byte[] store) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + store.length + 12);
        b.putLong(0x89504E470D0A1A0AL);
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(1).put(new byte[] {8, 2, 0, 0, 0}).putInt(0);
        b.putInt(store.length).put("caBX".getBytes(StandardCharsets.US_ASCII)).put(store).putInt(0);
        b.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        return b.array();
    }
}
