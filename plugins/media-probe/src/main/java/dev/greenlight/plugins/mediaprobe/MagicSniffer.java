package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;
import java.util.Set;

/**
 * Finds a file's real format from its first bytes (magic numbers), never from its name or declared
 * MIME type. Stateless and thread-safe.
 */
final class MagicSniffer {
    /** Enough for every signature below, including an {@code ftyp} box's major brand. */
    static final int HEAD_LENGTH = 64;

    private static final Set<String> QUICKTIME_FIRST_BOXES = Set.of("moov", "mdat", "wide", "free", "skip", "pnot");
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1");
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

    private MagicSniffer() {
    }

    /** What was found: a format (or {@code null}) and where its data starts (after any ID3 tags). */
    record Sniffed(Format format, long dataStart) {
    }

    static Sniffed sniff(MediaSource source) throws IOException {
        byte[] head = source.readUpTo(0, HEAD_LENGTH);
        if (Bytes.startsWith(head, head.length, 0, "ID3")) {
            // ID3 tags precede MP3 audio, but also AAC and FLAC streams: look at what follows them.
            long start = skipId3Tags(source, 0);
            byte[] after = source.readUpTo(start, HEAD_LENGTH);
            Format inner = sniff(after, after.length);
            return new Sniffed(inner == Format.FLAC || inner == Format.AAC ? inner : Format.MP3, start);
        }
        return new Sniffed(sniff(head, head.length), 0);
    }

    /** The format of a file starting with {@code head[0..length)}, or {@code null}. */
    static Format sniff(byte[] head, int length) {
        if (Bytes.startsWith(head, length, 0, (byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G', (byte) 0x0D, (byte) 0x0A, (byte) 0x1A, (byte) 0x0A)) {
            return Format.PNG;
        }
        if (Bytes.startsWith(head, length, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            return Format.JPEG;
        }
        if (Bytes.startsWith(head, length, 0, "GIF87a") || Bytes.startsWith(head, length, 0, "GIF89a")) {
            return Format.GIF;
        }
        if (Bytes.startsWith(head, length, 0, "RIFF") && length >= 12) {
            return riff(Bytes.latin1(head, 8, 4));
        }
        if (Bytes.startsWith(head, length, 0, (byte) 0x1A, (byte) 0x45, (byte) 0xDF, (byte) 0xA3)) {
            return isWebm(head, length) ? Format.WEBM : Format.MATROSKA;
        }
        if (length >= 12 && Bytes.startsWith(head, length, 4, "ftyp")) {
            return isoBrand(Bytes.latin1(head, 8, 4));
        }
        if (length >= 8 && QUICKTIME_FIRST_BOXES.contains(Bytes.latin1(head, 4, 4)) && Bytes.u32be(head, 0) >= 8) {
            return Format.MOV; // QuickTime files older than the ftyp box start straight with a movie box
        }
        if (Bytes.startsWith(head, length, 0, "fLaC")) {
            return Format.FLAC;
        }
        if (Bytes.startsWith(head, length, 0, "OggS")) {
            return Format.OGG;
        }
        if (Bytes.startsWith(head, length, 0, "II*\0") || Bytes.startsWith(head, length, 0, "MM\0*")) {
            return Format.TIFF;
        }
        if (isBmp(head, length)) {
            return Format.BMP;
        }
        if (length >= 4 && Mp3FrameHeader.parse(head, 0) != null) {
            return Format.MP3;
        }
        if (isAdts(head, length)) {
            return Format.AAC;
        }
        return null;
    }

    /** The position after any ID3v2 tags starting at {@code position}. */
    static long skipId3Tags(MediaSource source, long position) throws IOException {
        while (true) {
            byte[] h = source.readUpTo(position, 10);
            if (h.length < 10 || !Bytes.startsWith(h, h.length, 0, "ID3")) {
                return position;
            }
            long size = ((h[6] & 0x7FL) << 21) | ((h[7] & 0x7FL) << 14) | ((h[8] & 0x7FL) << 7) | (h[9] & 0x7FL);
            boolean footer = (h[5] & 0x10) != 0;
            position += 10 + size + (footer ? 10 : 0);
        }
    }

    /**
     * WebM is Matroska with DocType "webm". FFmpeg's demuxer reads both and does not say which, so
     * the DocType element (ID 0x4282, a one-byte size, then the text) is looked up in the EBML
     * header, which comes first and is a few dozen bytes long.
     */
    private static boolean isWebm(byte[] head, int length) {
        for (int i = 4; i + 7 <= length; i++) {
            if ((head[i] & 0xFF) == 0x42 && (head[i + 1] & 0xFF) == 0x82 && (head[i + 2] & 0xFF) == 0x84
                    && Bytes.startsWith(head, length, i + 3, "webm")) {
                return true;
            }
        }
        return false;
    }

    /** A short description of bytes that are not media, to make a {@code not-media} reason useful. */
    static String describeUnknown(byte[] head, int length) {
        if (Bytes.startsWith(head, length, 0, "%PDF")) {
            return "a PDF document";
        }
        if (Bytes.startsWith(head, length, 0, "PK")) {
            return "a ZIP archive (or a document packed as one)";
        }
        if (Bytes.startsWith(head, length, 0, "<")) {
            return "markup (HTML, XML or SVG), not a supported media format";
        }
        for (int i = 0; i < length; i++) {
            int c = head[i] & 0xFF;
            if (c < 0x09 || (c > 0x0D && c < 0x20)) {
                return "bytes that match no supported media format";
            }
        }
        return "text, not media";
    }

    private static Format riff(String kind) {
        switch (kind) {
            case "WEBP":
                return Format.WEBP;
            case "WAVE":
                return Format.WAV;
            case "AVI ":
                return Format.AVI;
            default:
                return null;
        }
    }

    private static Format isoBrand(String majorBrand) {
        if ("qt  ".equals(majorBrand)) {
            return Format.MOV;
        }
        if (HEIF_BRANDS.contains(majorBrand)) {
            return Format.HEIF;
        }
        if (AVIF_BRANDS.contains(majorBrand)) {
            return Format.AVIF;
        }
        return Format.MP4;
    }

    /** "BM" alone is too weak a signature: also require the zero reserved fields and a known DIB header size. */
    private static boolean isBmp(byte[] head, int length) {
        if (length < 18 || !Bytes.startsWith(head, length, 0, "BM") || Bytes.u32le(head, 6) != 0) {
            return false;
        }
        long dibSize = Bytes.u32le(head, 14);
        return dibSize == 12 || dibSize == 40 || dibSize == 52 || dibSize == 56 || dibSize == 64
                || dibSize == 108 || dibSize == 124;
    }

    private static boolean isAdts(byte[] head, int length) {
        // 12-bit sync, then layer bits 00 (MPEG audio with layer 00 is reserved, so no clash with MP3)
        return length >= 7 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xF6) == 0xF0;
    }
}
