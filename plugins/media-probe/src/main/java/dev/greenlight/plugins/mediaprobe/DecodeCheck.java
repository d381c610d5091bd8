package dev.greenlight.plugins.mediaprobe;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.greenlight.media.worker.Averrors;
import dev.greenlight.media.worker.FfmpegLog;
import dev.greenlight.media.worker.NativeDeadline;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes the first and the last packets of every audio and video stream of an open file, and
 * measures where each stream really ends from its packets' timestamps.
 *
 * <p>Headers can lie or be missing (a fragmented MP4 has no duration in its movie header; a file
 * can be cut or overwritten after its index), so the duration reported is the end of the last
 * packet read, when the read reached the end of the file. Decoding the start and the end (after a
 * seek to the last keyframes) finds damage in both places without decoding the whole file. Every
 * step checks the probe's {@link NativeDeadline}: when it passes, the check stops with what it has
 * and says it was cut short. Not thread-safe: one per probe, on the worker's probing thread.
 */
final class DecodeCheck {
    /** Seconds before the end where the tail check starts (it seeks back to a keyframe from there). */
    private static final double TAIL_SECONDS = 2.0;
    /** Enough for every stream to give a first frame, even with long decoder delays. */
    private static final int HEAD_PACKETS = 600;

    private final AVFormatContext fmt;
    private final int streams;
    private final AVCodecContext[] decoders;
    private final boolean[] decoded;
    private final long[] endPts;
    private final long[] firstPts;
    private String error;
    private boolean reachedEnd;
    private boolean cutShort;
    /** The first decoded picture's metadata, for EXIF orientation; {@code null} until one is decoded. */
    private Integer pictureRotation;
    private final int pictureStream;

    DecodeCheck(AVFormatContext fmt, int pictureStream) {
        this.fmt = fmt;
        this.streams = fmt.nb_streams();
        this.decoders = new AVCodecContext[streams];
        this.decoded = new boolean[streams];
        this.endPts = new long[streams];
        this.firstPts = new long[streams];
        this.pictureStream = pictureStream;
        java.util.Arrays.fill(endPts, AV_NOPTS_VALUE);
        java.util.Arrays.fill(firstPts, AV_NOPTS_VALUE);
    }

    /** The first problem found (FFmpeg's words), or {@code null} when both ends decoded cleanly. */
    String error() {
        return error;
    }

    /** Whether packets were read up to the end of the file, so the measured end is the real one. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    /** Whether the deadline stopped the check before it was complete. */
    boolean cutShort() {
        return cutShort;
    }

    /** Clockwise rotation asked for by the first picture's metadata (EXIF orientation), or {@code null}. */
    Integer pictureRotation() {
        return pictureRotation;
    }

    /** The measured length in seconds (last packet end minus the file's start), or {@code null}. */
    Double measuredSeconds() {
        double end = Double.NEGATIVE_INFINITY;
        double start = Double.POSITIVE_INFINITY;
        for (int i = 0; i < streams; i++) {
            if (endPts[i] == AV_NOPTS_VALUE || decoders[i] == null) {
                continue;
            }
            double tb = timeBase(fmt.streams(i));
            end = Math.max(end, endPts[i] * tb);
            start = Math.min(start, firstPts[i] * tb);
        }
        if (fmt.start_time() != AV_NOPTS_VALUE) {
            start = fmt.start_time() / (double) AV_TIME_BASE;
        }
        return end == Double.NEGATIVE_INFINITY || start == Double.POSITIVE_INFINITY ? null : Math.max(0, end - start);
    }

    /**
     * Runs the check.
     *
     * @param singlePicture a still image: one packet, nothing to seek to
     */
    void run(boolean singlePicture) {
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            openDecoders();
            if (error == null) {
                head(packet, frame);
            }
            if (error == null && !cutShort && !reachedEnd && !singlePicture) {
                tail(packet, frame);
            }
        } finally {
            av_packet_free(packet);
            av_frame_free(frame);
            for (AVCodecContext decoder : decoders) {
                if (decoder != null) {
                    avcodec_free_context(decoder);
                }
            }
        }
    }

    private void openDecoders() {
        for (int i = 0; i < streams; i++) {
            AVCodecParameters par = fmt.streams(i).codecpar();
            if (par.codec_type() != AVMEDIA_TYPE_VIDEO && par.codec_type() != AVMEDIA_TYPE_AUDIO) {
                continue;
            }
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null || codec.isNull()) {
                continue; // nothing to check it with; the stream is still measured by its packets
            }
            AVCodecContext ctx = avcodec_alloc_context3(codec);
            decoders[i] = ctx;
            // One thread per worker keeps a probe's CPU bounded. Skipping the inverse transform and
            // the loop filter roughly halves the time and hides no damage: bitstream errors are
            // found while parsing, before either step; only the pixels are wrong, and unused.
            ctx.thread_count(1);
            ctx.skip_loop_filter(AVDISCARD_ALL);
            ctx.skip_idct(AVDISCARD_ALL);
            int r = avcodec_parameters_to_context(ctx, par);
            if (r >= 0) {
                r = avcodec_open2(ctx, codec, (AVDictionary) null);
            }
            if (r < 0) {
                fail(i, "the decoder could not start: " + Averrors.text(r));
                return;
            }
        }
    }

    private void head(AVPacket packet, AVFrame frame) {
        for (int n = 0; n < HEAD_PACKETS && error == null && !allDecoded(); n++) {
            if (!step(packet, frame)) {
                return;
            }
        }
    }

    private void tail(AVPacket packet, AVFrame frame) {
        long duration = fmt.duration();
        if (duration != AV_NOPTS_VALUE && duration > 0) {
            long start = fmt.start_time() == AV_NOPTS_VALUE ? 0 : fmt.start_time();
            long target = start + duration - (long) (TAIL_SECONDS * AV_TIME_BASE);
            if (target > start && av_seek_frame(fmt, -1, target, AVSEEK_FLAG_BACKWARD) >= 0) {
                for (AVCodecContext decoder : decoders) {
                    if (decoder != null) {
                        avcodec_flush_buffers(decoder);
                    }
                }
            }
            // If the seek failed the read simply goes on from where the head stopped.
        }
        while (error == null && step(packet, frame)) {
            // every packet to the end is read and decoded
        }
    }

    /** Reads and decodes one packet; {@code false} at the end, on an error or at the deadline. */
    private boolean step(AVPacket packet, AVFrame frame) {
        if (NativeDeadline.passed()) {
            cutShort = true;
            return false;
        }
        int r = av_read_frame(fmt, packet);
        if (r == AVERROR_EOF) {
            reachedEnd = true;
            drain(frame);
            return false;
        }
        if (r < 0) {
            if (NativeDeadline.passed()) {
                cutShort = true;
            } else {
                fail(-1, "reading failed: " + Averrors.text(r));
            }
            return false;
        }
        try {
            int index = packet.stream_index();
            measure(index, packet);
            if (decoders[index] != null) {
                int sent = avcodec_send_packet(decoders[index], packet);
                if (sent < 0 && sent != Averrors.EAGAIN && sent != AVERROR_EOF) {
                    fail(index, Averrors.text(sent));
                    return false;
                }
                receive(index, frame);
            }
            logged(index);
            return error == null;
        } finally {
            av_packet_unref(packet);
        }
    }

    private void drain(AVFrame frame) {
        for (int i = 0; i < streams && error == null; i++) {
            if (decoders[i] != null) {
                avcodec_send_packet(decoders[i], (AVPacket) null);
                receive(i, frame);
                logged(i);
            }
        }
    }

    private void receive(int index, AVFrame frame) {
        while (true) {
            int r = avcodec_receive_frame(decoders[index], frame);
            if (r == Averrors.EAGAIN || r == AVERROR_EOF) {
                return;
            }
            if (r < 0) {
                fail(index, Averrors.text(r));
                return;
            }
            if (!decoded[index] && index == pictureStream) {
                pictureRotation = Orientation.ofFrame(frame);
            }
            decoded[index] = true;
            av_frame_unref(frame);
        }
    }

    private void measure(int index, AVPacket packet) {
        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        if (pts == AV_NOPTS_VALUE) {
            return;
        }
        if (firstPts[index] == AV_NOPTS_VALUE || pts < firstPts[index]) {
            firstPts[index] = pts;
        }
        long end = pts + Math.max(0, packet.duration());
        if (endPts[index] == AV_NOPTS_VALUE || end > endPts[index]) {
            endPts[index] = end;
        }
    }

    /** FFmpeg logs much damage instead of returning it (a JPEG that ends early still gives a picture). */
    private void logged(int index) {
        String logged = FfmpegLog.firstError();
        if (logged != null && error == null) {
            fail(index, logged);
        }
    }

    private boolean allDecoded() {
        for (int i = 0; i < streams; i++) {
            if (decoders[i] != null && !decoded[i]) {
                return false;
            }
        }
        return true;
    }

    private void fail(int index, String message) {
        if (error != null) {
            return;
        }
        if (index < 0) {
            error = message;
        } else {
            AVStream st = fmt.streams(index);
            error = "stream " + index + " (" + avcodec_get_name(st.codecpar().codec_id()).getString() + "): " + message;
        }
    }

    private static double timeBase(AVStream st) {
        return st.time_base().num() / (double) st.time_base().den();
    }
}
