package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an MP4 or QuickTime file's box tree for its tracks, dimensions, duration and frame rate.
 *
 * <p>metadata-extractor reports MP4 durations in whole milliseconds and no codec, and cannot read
 * WebM, so video containers get this small reader instead. It walks box headers with positioned
 * reads, jumping over payloads it does not need (the {@code mdat} media data above all), so its
 * cost depends on the number of boxes, not the file size; the {@code moov} index may come before
 * or after the media data. Sample tables ({@code stts}) are streamed in small chunks.
 *
 * <p>Used for one file by one thread; {@link #read} is the entry point.
 */
final class Mp4Reader {
    private static final int MAX_DEPTH = 10;
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "mvex");
    private static final int STTS_CHUNK_ENTRIES = 4096;

    private final MediaSource source;
    private final List<Mp4Track> tracks = new ArrayList<>();
    private final Map<Long, Long> defaultSampleDurations = new HashMap<>();
    private Mp4Track current;
    private long movieTimescale;
    private long movieDuration;
    private long fragmentDuration;

    private Mp4Reader(MediaSource source) {
        this.source = source;
    }

    /**
     * Fills {@code out} with what the file holds.
     *
     * @throws UnreadableException {@link Problem#TRUNCATED} when the file is cut short (what was
     *                             read before the cut is still in {@code out}), {@link Problem#DAMAGED}
     *                             for an inconsistent box tree
     */
    static void read(MediaSource source, ProbeResult.Builder out) throws IOException {
        new Mp4Reader(source).readInto(out);
    }

    private void readInto(ProbeResult.Builder out) throws IOException {
        boolean movieSeen = false;
        UnreadableException cut = null;
        long position = 0;
        while (position < source.size()) {
            Mp4Box box;
            try {
                box = Mp4Box.read(source, position, source.size(), true);
            } catch (UnreadableException e) {
                if (e.problem() != Problem.TRUNCATED) {
                    throw e;
                }
                cut = e;
                break;
            }
            if (box == null) {
                break;
            }
            if (box.type().equals("moov") && !movieSeen) {
                movieSeen = true;
                readChildren(box, 1);
            }
            position = box.end();
        }
        if (movieSeen) {
            summarise(out);
        }
        if (cut != null) {
            throw cut;
        }
        if (!movieSeen) {
            throw new UnreadableException(Problem.TRUNCATED, "the file has no 'moov' box, the index an MP4 needs to be"
                    + " played; it is written last, so a cut-off recording or upload loses it");
        }
    }

    private void readChildren(Mp4Box parent, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new UnreadableException(Problem.DAMAGED, "boxes are nested deeper than any real MP4 file nests them");
        }
        long position = parent.payloadStart();
        while (true) {
            source.deadline().check();
            Mp4Box box = Mp4Box.read(source, position, parent.end(), false);
            if (box == null) {
                return;
            }
            readBox(parent, box, depth);
            position = box.end();
        }
    }

    private void readBox(Mp4Box parent, Mp4Box box, int depth) throws IOException {
        String type = box.type();
        if (type.equals("trak")) {
            current = new Mp4Track();
            tracks.add(current);
            readChildren(box, depth + 1);
            current = null;
        } else if (CONTAINERS.contains(type)) {
            readChildren(box, depth + 1);
        } else if (type.equals("mvhd")) {
            readMovieHeader(box);
        } else if (type.equals("mehd")) {
            byte[] p = payload(box, 12);
            fragmentDuration = p[0] == 1 ? Bytes.u64be(p, 4) : Bytes.u32be(p, 4);
        } else if (type.equals("trex")) {
            byte[] p = payload(box, 16);
            defaultSampleDurations.put(Bytes.u32be(p, 4), Bytes.u32be(p, 12));
        } else if (current != null) {
            readTrackBox(parent, box);
        }
    }

    private void readTrackBox(Mp4Box parent, Mp4Box box) throws IOException {
        switch (box.type()) {
            case "tkhd":
                readTrackHeader(box);
                break;
            case "mdhd": {
                byte[] p = payload(box, 32);
                boolean v1 = p[0] == 1;
                current.timescale = Bytes.u32be(p, v1 ? 20 : 12);
                current.mediaDuration = v1 ? Bytes.u64be(p, 24) : Bytes.u32be(p, 16);
                break;
            }
            case "hdlr":
                // QuickTime also puts a data-handler 'hdlr' in 'minf'; only the one in 'mdia' names the media
                if (parent.type().equals("mdia")) {
                    current.handler = Bytes.latin1(payload(box, 12), 8, 4);
                }
                break;
            case "stsd":
                readSampleDescription(box);
                break;
            case "stts":
                readTimeToSample(box);
                break;
            default:
                break;
        }
    }

    private void readMovieHeader(Mp4Box box) throws IOException {
        byte[] p = payload(box, 32);
        boolean v1 = p[0] == 1;
        movieTimescale = Bytes.u32be(p, v1 ? 20 : 12);
        movieDuration = v1 ? Bytes.u64be(p, 24) : Bytes.u32be(p, 16);
    }

    private void readTrackHeader(Mp4Box box) throws IOException {
        byte[] p = payload(box, 96);
        boolean v1 = p[0] == 1;
        current.trackId = Bytes.u32be(p, v1 ? 20 : 12);
        int base = v1 ? 36 : 24;
        int matrix = base + 16;
        int a = Bytes.s32be(p, matrix);
        int b = Bytes.s32be(p, matrix + 4);
        // The display matrix's first column is (cos, sin) of the turn the player applies.
        current.rotation = Math.floorMod((int) Math.round(Math.toDegrees(Math.atan2(b, a))), 360);
        current.headerWidth = Bytes.u32be(p, base + 52) / 65536.0;
        current.headerHeight = Bytes.u32be(p, base + 56) / 65536.0;
    }

    private void readSampleDescription(Mp4Box box) throws IOException {
        byte[] p = source.readUpTo(box.payloadStart(), (int) Math.min(box.payloadLength(), 44));
        if (p.length < 16 || Bytes.u32be(p, 4) == 0) {
            return; // no sample entry: the codec stays unknown
        }
        current.sampleFormat = Bytes.latin1(p, 12, 4);
        if (current.isVideo() && p.length >= 44) {
            current.sampleWidth = Bytes.u16be(p, 40);
            current.sampleHeight = Bytes.u16be(p, 42);
        }
    }

    /** Sums the time-to-sample table: number of samples and their total duration in media units. */
    private void readTimeToSample(Mp4Box box) throws IOException {
        byte[] header = payload(box, 8);
        long entries = Bytes.u32be(header, 4);
        if (entries * 8 > box.payloadLength() - 8) {
            throw new UnreadableException(Problem.DAMAGED, "a track's time-to-sample table claims more entries than its box holds");
        }
        long position = box.payloadStart() + 8;
        long count = 0;
        long total = 0;
        try {
            for (long done = 0; done < entries; ) {
                int chunk = (int) Math.min(STTS_CHUNK_ENTRIES, entries - done);
                byte[] table = source.readFully(position, chunk * 8);
                for (int i = 0; i < chunk; i++) {
                    long samples = Bytes.u32be(table, i * 8);
                    count = Math.addExact(count, samples);
                    total = Math.addExact(total, Math.multiplyExact(samples, Bytes.u32be(table, i * 8 + 4)));
                }
                done += chunk;
                position += chunk * 8L;
            }
        } catch (ArithmeticException e) {
            throw new UnreadableException(Problem.DAMAGED, "a track's time-to-sample table adds up to an impossible length");
        }
        current.sampleCount = count;
        current.sampleDeltaTotal = total;
    }

    private byte[] payload(Mp4Box box, int needed) throws IOException {
        if (box.payloadLength() < needed) {
            // A v0 header is shorter than v1; accept it when it has what its version needs.
            byte[] p = source.readFully(box.payloadStart(), (int) box.payloadLength());
            if (p.length == 0 || p[0] == 1 || p.length < minimumV0(box.type(), needed)) {
                throw new UnreadableException(Problem.DAMAGED, "the '" + Mp4Box.printable(box.type()) + "' box is too short");
            }
            byte[] padded = new byte[needed];
            System.arraycopy(p, 0, padded, 0, p.length);
            return padded;
        }
        return source.readFully(box.payloadStart(), needed);
    }

    private static int minimumV0(String type, int needed) {
        switch (type) {
            case "mvhd":
            case "mdhd":
                return 20;
            case "tkhd":
                return 84;
            case "mehd":
                return 8;
            default:
                return needed;
        }
    }

    private void summarise(ProbeResult.Builder out) throws UnreadableException {
        Mp4Track video = first(true);
        Mp4Track audio = first(false);
        if (video == null && audio == null) {
            throw new UnreadableException(Problem.DAMAGED, "the file holds no video or audio track");
        }
        if (video != null) {
            out.type("video").codec(Codecs.fromFourcc(video.sampleFormat));
            if (video.sampleWidth > 0 && video.sampleHeight > 0) {
                out.dimensions(video.sampleWidth, video.sampleHeight);
            } else {
                out.dimensions(Math.round(video.headerWidth), Math.round(video.headerHeight));
            }
            out.rotation(video.rotation);
            double rate = video.averageFrameRate();
            out.frameRate(Double.isNaN(rate)
                    ? video.frameRateFromSampleDuration(defaultSampleDurations.getOrDefault(video.trackId, 0L)) : rate);
            if (audio != null) {
                out.audioCodec(Codecs.fromFourcc(audio.sampleFormat));
            }
        } else {
            out.type("audio").codec(Codecs.fromFourcc(audio.sampleFormat));
        }
        out.durationSeconds(duration());
    }

    private Mp4Track first(boolean video) {
        for (Mp4Track track : tracks) {
            if (video ? track.isVideo() : track.isAudio()) {
                return track;
            }
        }
        return null;
    }

    /** The movie header's duration; for fragmented files the fragment total; else the longest track. */
    private double duration() {
        if (movieTimescale > 0 && movieDuration > 0 && movieDuration != 0xFFFF_FFFFL) {
            return (double) movieDuration / movieTimescale;
        }
        if (movieTimescale > 0 && fragmentDuration > 0) {
            return (double) fragmentDuration / movieTimescale;
        }
        double longest = Double.NaN;
        for (Mp4Track track : tracks) {
            double seconds = track.durationSeconds();
            if (!Double.isNaN(seconds) && !(seconds <= longest)) {
                longest = seconds;
            }
        }
        return longest;
    }
}
