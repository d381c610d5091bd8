package dev.greenlight.plugins.mediaprobe;

import java.io.IOException;

/**
 * Reads a Matroska or WebM file's header elements: the EBML DocType, Segment Info (TimecodeScale,
 * Duration) and Tracks (TrackType, CodecID, DefaultDuration, PixelWidth, PixelHeight).
 *
 * <p>Only the Segment's top-level elements are walked, by their headers, and the walk stops as
 * soon as Info and Tracks have been read (muxers write both before the first Cluster), so clusters
 * of media data are never read. Used for one file by one thread; {@link #read} is the entry point.
 */
final class MatroskaReader {
    private static final long EBML = 0x1A45DFA3L;
    private static final long DOC_TYPE = 0x4282;
    private static final long SEGMENT = 0x18538067L;
    private static final long INFO = 0x1549A966L;
    private static final long TIMECODE_SCALE = 0x2AD7B1;
    private static final long DURATION = 0x4489;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long TRACK_ENTRY = 0xAE;
    private static final long TRACK_TYPE = 0x83;
    private static final long CODEC_ID = 0x86;
    private static final long DEFAULT_DURATION = 0x23E383;
    private static final long VIDEO = 0xE0;
    private static final long PIXEL_WIDTH = 0xB0;
    private static final long PIXEL_HEIGHT = 0xBA;
    private static final long CLUSTER = 0x1F43B675L;
    private static final int VIDEO_TRACK = 1;
    private static final int AUDIO_TRACK = 2;

    private final MediaSource source;
    private long timecodeScale = 1_000_000; // the spec's default: timecodes in milliseconds
    private double duration = Double.NaN;
    private Track video;
    private Track audio;

    /** The first video or audio TrackEntry's fields. */
    private static final class Track {
        int type;
        String codecId = "";
        long defaultDurationNanos;
        long width;
        long height;
    }

    private MatroskaReader(MediaSource source) {
        this.source = source;
    }

    /**
     * Fills {@code out} with what the file holds.
     *
     * @throws UnreadableException {@link Problem#TRUNCATED} when the file is cut short (what was read
     *                             before the cut stays in {@code out}), {@link Problem#DAMAGED} or
     *                             {@link Problem#NOT_MEDIA} (an EBML file that is not Matroska)
     */
    static void read(MediaSource source, ProbeResult.Builder out) throws IOException {
        new MatroskaReader(source).readInto(out);
    }

    private void readInto(ProbeResult.Builder out) throws IOException {
        EbmlElement header = EbmlElement.read(source, 0);
        if (header == null || header.id() != EBML || !header.sizeKnown()) {
            throw new UnreadableException(Problem.DAMAGED, "the EBML header is invalid");
        }
        String docType = readDocType(header);
        if (docType.equals("webm")) {
            out.format(Format.WEBM);
        } else if (!docType.equals("matroska")) {
            throw new UnreadableException(Problem.NOT_MEDIA, "an EBML document of type '" + Mp4Box.printable(docType)
                    + "', not Matroska or WebM");
        }
        EbmlElement segment = EbmlElement.read(source, header.end());
        while (segment != null && segment.id() != SEGMENT && segment.sizeKnown()) {
            segment = EbmlElement.read(source, segment.end()); // skip Void and other top-level filler
        }
        if (segment == null || segment.id() != SEGMENT) {
            throw new UnreadableException(Problem.TRUNCATED, "the file ends before its Segment, which holds the media");
        }
        UnreadableException cut = readSegment(segment);
        summarise(out);
        if (cut != null) {
            throw cut;
        }
        if (segment.sizeKnown() && segment.end() > source.size()) {
            throw new UnreadableException(Problem.TRUNCATED, "the Segment declares " + segment.size()
                    + " bytes but the file ends " + (segment.end() - source.size()) + " bytes short: it was cut short");
        }
    }

    private String readDocType(EbmlElement header) throws IOException {
        String docType = "matroska"; // the EBML default when DocType is absent
        for (EbmlElement e = first(header); e != null; e = next(e, header.end())) {
            if (e.id() == DOC_TYPE) {
                docType = e.readString(source);
            }
        }
        return docType;
    }

    /** Walks the Segment's children until Info and Tracks are read; returns a truncation, if any, instead of throwing it. */
    private UnreadableException readSegment(EbmlElement segment) throws IOException {
        long limit = segment.sizeKnown() ? Math.min(segment.end(), source.size()) : source.size();
        boolean infoSeen = false;
        boolean tracksSeen = false;
        long position = segment.dataStart();
        try {
            while (position < limit && !(infoSeen && tracksSeen)) {
                source.deadline().check();
                EbmlElement e = EbmlElement.read(source, position);
                if (e.id() == CLUSTER && !e.sizeKnown()) {
                    break; // a live stream's cluster: nothing after it can be found without reading the media
                }
                if (!e.sizeKnown()) {
                    throw new UnreadableException(Problem.DAMAGED, "an element of unknown size inside the Segment at byte " + position);
                }
                if (e.end() > source.size()) {
                    return new UnreadableException(Problem.TRUNCATED, "an element at byte " + position
                            + " runs past the end of the file: the file was cut short");
                }
                if (e.id() == INFO) {
                    readInfo(e);
                    infoSeen = true;
                } else if (e.id() == TRACKS) {
                    readTracks(e);
                    tracksSeen = true;
                }
                position = e.end();
            }
        } catch (UnreadableException e) {
            if (e.problem() != Problem.TRUNCATED) {
                throw e;
            }
            return e;
        }
        return null;
    }

    private void readInfo(EbmlElement info) throws IOException {
        for (EbmlElement e = first(info); e != null; e = next(e, info.end())) {
            if (e.id() == TIMECODE_SCALE) {
                timecodeScale = e.readUnsigned(source);
            } else if (e.id() == DURATION) {
                duration = e.readFloat(source);
            }
        }
    }

    private void readTracks(EbmlElement tracks) throws IOException {
        for (EbmlElement entry = first(tracks); entry != null; entry = next(entry, tracks.end())) {
            if (entry.id() != TRACK_ENTRY) {
                continue;
            }
            Track track = readTrack(entry);
            if (track.type == VIDEO_TRACK && video == null) {
                video = track;
            } else if (track.type == AUDIO_TRACK && audio == null) {
                audio = track;
            }
        }
    }

    private Track readTrack(EbmlElement entry) throws IOException {
        Track track = new Track();
        for (EbmlElement e = first(entry); e != null; e = next(e, entry.end())) {
            if (e.id() == TRACK_TYPE) {
                track.type = (int) e.readUnsigned(source);
            } else if (e.id() == CODEC_ID) {
                track.codecId = e.readString(source);
            } else if (e.id() == DEFAULT_DURATION) {
                track.defaultDurationNanos = e.readUnsigned(source);
            } else if (e.id() == VIDEO) {
                for (EbmlElement v = first(e); v != null; v = next(v, e.end())) {
                    if (v.id() == PIXEL_WIDTH) {
                        track.width = v.readUnsigned(source);
                    } else if (v.id() == PIXEL_HEIGHT) {
                        track.height = v.readUnsigned(source);
                    }
                }
            }
        }
        return track;
    }

    private void summarise(ProbeResult.Builder out) {
        if (video != null) {
            out.type("video").codec(Codecs.fromMatroska(video.codecId)).dimensions(video.width, video.height);
            if (video.defaultDurationNanos > 0) {
                out.frameRate(1e9 / video.defaultDurationNanos);
            }
            if (audio != null) {
                out.audioCodec(Codecs.fromMatroska(audio.codecId));
            }
        } else if (audio != null) {
            out.type("audio").codec(Codecs.fromMatroska(audio.codecId));
        }
        if (!Double.isNaN(duration) && timecodeScale > 0) {
            out.durationSeconds(duration * timecodeScale / 1e9);
        }
    }

    /** The first child of a master element, or {@code null} when it is empty. */
    private EbmlElement first(EbmlElement master) throws IOException {
        return master.size() == 0 ? null : child(master.dataStart(), master.end());
    }

    private EbmlElement next(EbmlElement element, long masterEnd) throws IOException {
        return element.end() >= masterEnd ? null : child(element.end(), masterEnd);
    }

    private EbmlElement child(long position, long masterEnd) throws IOException {
        source.deadline().check();
        EbmlElement e = EbmlElement.read(source, position);
        if (e == null) {
            throw new UnreadableException(Problem.TRUNCATED, "the file ends inside the element that ends at byte " + masterEnd);
        }
        if (!e.sizeKnown() || e.end() > masterEnd) {
            throw new UnreadableException(Problem.DAMAGED, "an element near byte " + position + " overruns the element that holds it");
        }
        return e;
    }
}
