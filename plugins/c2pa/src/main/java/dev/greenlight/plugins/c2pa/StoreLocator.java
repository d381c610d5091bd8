package dev.greenlight.plugins.c2pa;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the C2PA manifest store in a media file: JPEG APP11 segments, the PNG {@code caBX} chunk,
 * the ISO BMFF {@code uuid} box (MP4, MOV, M4A, HEIF), the RIFF {@code C2PA} chunk (WAV), and an XMP
 * remote-manifest reference. Reads the container's structure only (never the media data), and
 * stops at {@link Limits}. The first store found is the one read (a second one is not C2PA's
 * layout, and reading the first is what writers' readers do). Stateless; thread-safe.
 */
final class StoreLocator {
    /** The C2PA manifest-store box type, {@code c2pa} + the JUMBF ISO suffix. */
    static final byte[] C2PA_UUID = hex("6332706100110010800000aa00389b71");
    /** The BMFF {@code uuid} box that carries C2PA data. */
    static final byte[] BMFF_C2PA_UUID = hex("d8fec3d61b0e483c92975828877ec481");

    private StoreLocator() {
    }

    /**
     * The store in {@code file} (positions are absolute; the buffer's position is not moved).
     *
     * @throws MalformedStoreException when the container says a store is there but it is damaged or
     *                                 larger than {@link Limits#MAX_STORE_BYTES}
     */
    static LocatedStore locate(ByteBuffer file) throws MalformedStoreException {
        // where XMP may be (JPEG APP1, PNG iTXt, BMFF uuid/meta, RIFF _PMX): only these are searched
        // for a remote-manifest reference, so that the search costs nothing next to the hashing
        List<long[]> xmp = new ArrayList<>();
        String container;
        byte[] store;
        if (isJpeg(file)) {
            container = "jpeg";
            store = jpeg(file, xmp);
        } else if (isPng(file)) {
            container = "png";
            store = png(file, xmp);
        } else if (file.limit() >= 12 && ascii(file, 0, 4).equals("RIFF")) {
            container = "riff";
            store = riff(file, xmp);
        } else if (file.limit() >= 8 && ascii(file, 4, 4).equals("ftyp")) {
            container = "bmff";
            store = bmff(file, xmp);
        } else {
            container = "unknown";
            store = null;
            xmp.add(new long[] {0, Math.min(file.limit(), 64 * 1024)});
        }
        return new LocatedStore(container, store, XmpRemoteManifest.find(file, xmp));
    }

    static boolean isJpeg(ByteBuffer f) {
        return f.limit() >= 3 && (f.get(0) & 0xff) == 0xff && (f.get(1) & 0xff) == 0xd8 && (f.get(2) & 0xff) == 0xff;
    }

    static boolean isPng(ByteBuffer f) {
        return f.limit() >= 8 && f.getLong(0) == 0x89504E470D0A1A0AL;
    }

    /** APP11 segments in order; each instance number is one JUMBF box, split over its sequence numbers. */
    private static byte[] jpeg(ByteBuffer f, List<long[]> xmp) throws MalformedStoreException {
        Map<Integer, ByteArrayOutputStream> instances = new LinkedHashMap<>();
        int pos = 2;
        int units = 0;
        while (pos + 4 <= f.limit() && units++ < Limits.MAX_CONTAINER_UNITS) {
            if ((f.get(pos) & 0xff) != 0xff) {
                break;
            }
            int marker = f.get(pos + 1) & 0xff;
            if (marker == 0xff) {
                pos++;          // fill byte
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                break;          // end of image, or start of scan: no more metadata segments
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                pos += 2;
                continue;
            }
            int length = f.getShort(pos + 2) & 0xffff;
            int dataStart = pos + 4;
            int dataEnd = pos + 2 + length;
            if (length < 2 || dataEnd > f.limit()) {
                break;          // a truncated segment ends the search; the hard binding reports the damage
            }
            if (marker == 0xe1) {
                xmp.add(new long[] {dataStart, dataEnd});
            }
            if (marker == 0xeb && dataEnd - dataStart >= 16 && f.get(dataStart) == 'J' && f.get(dataStart + 1) == 'P') {
                int instance = f.getShort(dataStart + 2) & 0xffff;
                long sequence = f.getInt(dataStart + 4) & 0xffffffffL;
                int boxStart = dataStart + 8;
                ByteArrayOutputStream out = instances.get(instance);
                if (out == null && sequence == 1 && isC2paJumbf(f, boxStart, dataEnd)) {
                    out = new ByteArrayOutputStream(dataEnd - boxStart);
                    instances.put(instance, out);
                    append(out, f, boxStart, dataEnd);
                } else if (out != null && sequence > 1) {
                    // continuation segments repeat the box's LBox/TBox (and XLBox) header: drop it
                    int header = f.getInt(boxStart) == 1 ? 16 : 8;
                    append(out, f, Math.min(boxStart + header, dataEnd), dataEnd);
                }
            }
            pos = dataEnd;
        }
        return instances.isEmpty() ? null : instances.values().iterator().next().toByteArray();
    }

    private static byte[] png(ByteBuffer f, List<long[]> xmp) throws MalformedStoreException {
        long pos = 8;
        int units = 0;
        byte[] found = null;
        while (pos + 12 <= f.limit() && units++ < Limits.MAX_CONTAINER_UNITS) {
            long length = f.getInt((int) pos) & 0xffffffffL;
            String type = ascii(f, (int) pos + 4, 4);
            long dataStart = pos + 8;
            if (dataStart + length + 4 > f.limit()) {
                break;
            }
            if (type.equals("iTXt")) {
                xmp.add(new long[] {dataStart, dataStart + length});
            }
            if (type.equals("caBX") && found == null) {
                found = copy(f, dataStart, length);
            }
            if (type.equals("IEND")) {
                break;
            }
            pos = dataStart + length + 4;
        }
        return found;
    }

    private static byte[] riff(ByteBuffer f, List<long[]> xmp) throws MalformedStoreException {
        ByteBuffer le = f.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] found = null;
        long pos = 12;
        int units = 0;
        while (pos + 8 <= f.limit() && units++ < Limits.MAX_CONTAINER_UNITS) {
            String id = ascii(f, (int) pos, 4);
            long size = le.getInt((int) pos + 4) & 0xffffffffL;
            long dataStart = pos + 8;
            if (id.equals("C2PA") && found == null) {
                if (dataStart + size > f.limit()) {
                    throw new MalformedStoreException("claim.malformed", "C2PA chunk runs past the end of the file");
                }
                found = copy(f, dataStart, size);
            } else if (id.equals("_PMX")) {
                xmp.add(new long[] {dataStart, Math.min(f.limit(), dataStart + size)});
            }
            pos = dataStart + size + (size & 1);
        }
        return found;
    }

    private static byte[] bmff(ByteBuffer f, List<long[]> xmp) throws MalformedStoreException {
        byte[] found = null;
        for (BmffBoxes.Box box : BmffBoxes.topLevel(f)) {
            if (box.type().equals("meta")) {
                xmp.add(new long[] {box.start(), box.end()});
            }
            if (!box.type().equals("uuid") || box.size() < 24 + 4 + 1 + 8) {
                continue;
            }
            int p = (int) box.payloadStart();
            if (!matches(f, p, BMFF_C2PA_UUID)) {
                xmp.add(new long[] {box.start(), box.end()});
                continue;
            }
            if (found != null) {
                continue;
            }
            int q = p + 16 + 4;      // the C2PA uuid box is a full box: version and flags
            int end = (int) box.end();
            int nul = q;
            while (nul < end && f.get(nul) != 0) {
                nul++;
            }
            if (nul >= end) {
                continue;
            }
            String purpose = ascii(f, q, nul - q);
            if (purpose.equals("manifest") && nul + 1 + 8 <= end) {
                int jumbf = nul + 1 + 8;        // after the 64-bit offset to the first merkle box
                found = copy(f, jumbf, end - jumbf);
            }
        }
        return found;
    }

    private static boolean isC2paJumbf(ByteBuffer f, int boxStart, int end) {
        // LBox TBox=jumb, then the description box: LBox TBox=jumd UUID
        return end - boxStart >= 32 && ascii(f, boxStart + 4, 4).equals("jumb")
                && ascii(f, boxStart + 12, 4).equals("jumd") && matches(f, boxStart + 16, C2PA_UUID);
    }

    private static void append(ByteArrayOutputStream out, ByteBuffer f, int from, int to) throws MalformedStoreException {
        if (out.size() + (to - from) > Limits.MAX_STORE_BYTES) {
            throw tooLarge();
        }
        byte[] chunk = new byte[to - from];
        f.get(from, chunk);
        out.write(chunk, 0, chunk.length);
    }

    private static byte[] copy(ByteBuffer f, long from, long length) throws MalformedStoreException {
        if (length > Limits.MAX_STORE_BYTES) {
            throw tooLarge();
        }
        if (from + length > f.limit()) {
            throw new MalformedStoreException("claim.malformed", "manifest store runs past the end of the file");
        }
        byte[] out = new byte[(int) length];
        f.get((int) from, out);
        return out;
    }

    private static MalformedStoreException tooLarge() {
        return new MalformedStoreException("claim.malformed", "manifest store larger than " + Limits.MAX_STORE_BYTES + " bytes");
    }

    static boolean matches(ByteBuffer f, int at, byte[] expected) {
        if (at < 0 || at + expected.length > f.limit()) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (f.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static String ascii(ByteBuffer f, int at, int length) {
        byte[] b = new byte[length];
        f.get(at, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
