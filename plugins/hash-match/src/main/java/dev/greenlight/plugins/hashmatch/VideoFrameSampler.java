package dev.greenlight.plugins.hashmatch;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.greenlight.media.worker.Averrors;
import dev.greenlight.media.worker.FfmpegLog;
import dev.greenlight.media.worker.MediaInput;
import dev.greenlight.media.worker.NativeDeadline;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes a video file's main picture stream with FFmpeg and hands over one frame per interval as
 * packed RGB: the first frame at or after 0 s, after 1 s, after 2 s, … (by presentation time), as
 * Meta's vPDQ samples. Every frame is decoded (the sampled ones need their references); only the
 * sampled ones are converted. Runs in a worker process in production (FFmpeg parses untrusted
 * bytes); tests and the benchmark call it directly. Not thread-safe: it uses the worker's
 * process-wide {@link NativeDeadline} and {@link FfmpegLog}.
 */
final class VideoFrameSampler {
    /** Only these demuxers may open a submission: video containers, nothing that can refer to other files. */
    static final String DEMUXERS = "mov,matroska,avi,ogg,gif,flv,mpegts";
    private static final int AV_DISPOSITION_ATTACHED_PIC = 0x0400;

    /** Receives the sampled frames. */
    interface FrameSink {
        /**
         * @param seconds presentation time from the stream's start
         * @param rgb     packed R G B bytes, rows {@code stride} bytes apart (reused: copy what you keep)
         */
        void accept(double seconds, byte[] rgb, int width, int height, int stride);
    }

    /**
     * What the pass found.
     *
     * @param frames          frames decoded
     * @param sampled         frames handed to the sink
     * @param durationSeconds end of the last decoded frame
     * @param complete        whether the stream was read to its end or to {@code maxSamples} (not cut by the deadline or an error)
     * @param error           why decoding stopped early (FFmpeg's words), or {@code null}
     */
    record Result(int frames, int sampled, double durationSeconds, boolean complete, String error) {
    }

    private VideoFrameSampler() {
    }

    /**
     * Samples {@code path}.
     *
     * @param intervalSeconds time between samples; 0 hands over every frame
     * @param maxSamples      stop after this many samples
     * @param deadlineNanos   stop at this {@link System#nanoTime()} with what was sampled
     */
    static Result sample(String path, double intervalSeconds, int maxSamples, long deadlineNanos, FrameSink sink) {
        FfmpegLog.reset();
        NativeDeadline.set(deadlineNanos);
        MediaInput.Opened opened = MediaInput.open(path, null, DEMUXERS);
        if (opened.failed()) {
            return new Result(0, 0, 0, false, "FFmpeg could not open it: " + Averrors.text(opened.error()));
        }
        AVFormatContext fmt = opened.context();
        try {
            int r = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
            int stream = r < 0 ? -1 : videoStream(fmt);
            if (stream < 0) {
                return new Result(0, 0, 0, false, r < 0 ? "FFmpeg could not read its streams: " + Averrors.text(r) : "no video stream");
            }
            return new Pass(fmt, stream, intervalSeconds, maxSamples, sink).run();
        } finally {
            avformat_close_input(fmt);
        }
    }

    private static int videoStream(AVFormatContext fmt) {
        int found = -1;
        for (int i = 0; i < fmt.nb_streams(); i++) {
            AVStream st = fmt.streams(i);
            boolean picture = st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0;
            if (picture && found < 0) {
                found = i;
            } else {
                st.discard(AVDISCARD_ALL); // the demuxer skips packets nobody reads
            }
        }
        return found;
    }

    /** One decoding pass over one stream; local to one call. */
    private static final class Pass {
        private final AVFormatContext fmt;
        private final int stream;
        private final double interval;
        private final int maxSamples;
        private final FrameSink sink;
        private final double timeBase;
        private final long startPts;
        private SwsContext sws;
        private BytePointer rgbNative;
        private byte[] rgb = new byte[0];
        private int frames;
        private int sampled;
        private double next;
        private double end;
        private String error;

        Pass(AVFormatContext fmt, int stream, double interval, int maxSamples, FrameSink sink) {
            this.fmt = fmt;
            this.stream = stream;
            this.interval = interval;
            this.maxSamples = maxSamples;
            this.sink = sink;
            AVStream st = fmt.streams(stream);
            this.timeBase = st.time_base().num() / (double) st.time_base().den();
            this.startPts = st.start_time() == AV_NOPTS_VALUE ? 0 : st.start_time();
        }

        Result run() {
            AVCodec codec = avcodec_find_decoder(fmt.streams(stream).codecpar().codec_id());
            if (codec == null || codec.isNull()) {
                return new Result(0, 0, 0, false, "no decoder for its video codec");
            }
            AVCodecContext ctx = avcodec_alloc_context3(codec);
            AVPacket packet = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            try {
                ctx.thread_count(1); // a worker's CPU stays bounded; parallelism comes from the pool
                int r = avcodec_parameters_to_context(ctx, fmt.streams(stream).codecpar());
                if (r >= 0) {
                    r = avcodec_open2(ctx, codec, (AVDictionary) null);
                }
                if (r < 0) {
                    return new Result(0, 0, 0, false, "the decoder could not start: " + Averrors.text(r));
                }
                boolean complete = decode(ctx, packet, frame);
                return new Result(frames, sampled, end, complete && error == null, error);
            } finally {
                av_packet_free(packet);
                av_frame_free(frame);
                avcodec_free_context(ctx);
                if (sws != null) {
                    sws_freeContext(sws);
                }
                if (rgbNative != null) {
                    rgbNative.close();
                }
            }
        }

        /** Reads to the end; {@code false} when stopped early. */
        private boolean decode(AVCodecContext ctx, AVPacket packet, AVFrame frame) {
            while (true) {
                if (sampled >= maxSamples) {
                    return true; // as far as the settings ask to look
                }
                if (NativeDeadline.passed()) {
                    return false;
                }
                int r = av_read_frame(fmt, packet);
                if (r == AVERROR_EOF) {
                    avcodec_send_packet(ctx, (AVPacket) null);
                    receive(ctx, frame);
                    return true;
                }
                if (r < 0) {
                    error = NativeDeadline.passed() ? null : "reading failed: " + Averrors.text(r);
                    return false;
                }
                try {
                    if (packet.stream_index() == stream) {
                        r = avcodec_send_packet(ctx, packet);
                        if (r < 0 && r != Averrors.EAGAIN) {
                            // A damaged packet: skip it, as players do; what decodes is still hashed.
                            continue;
                        }
                        receive(ctx, frame);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        }

        private void receive(AVCodecContext ctx, AVFrame frame) {
            while (avcodec_receive_frame(ctx, frame) >= 0) {
                frames++;
                long pts = frame.best_effort_timestamp();
                double seconds = pts == AV_NOPTS_VALUE ? next : (pts - startPts) * timeBase;
                end = Math.max(end, seconds + Math.max(0, frame.duration()) * timeBase);
                if (seconds + 1e-6 >= next && sampled < maxSamples) {
                    convert(frame);
                    sink.accept(Math.max(0, seconds), rgb, frame.width(), frame.height(), stride(frame.width()));
                    sampled++;
                    next = interval <= 0 ? seconds : (Math.floor(seconds / interval + 1e-6) + 1) * interval;
                }
                av_frame_unref(frame);
            }
        }

        /** The frame as packed RGB in {@link #rgb}: what {@link PdqHasher#hashRgb} reads. */
        private void convert(AVFrame frame) {
            int w = frame.width();
            int h = frame.height();
            int stride = stride(w);
            sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_RGB24, SWS_BICUBIC | SWS_ACCURATE_RND,
                    null, null, (DoublePointer) null);
            int bytes = stride * h;
            if (rgb.length != bytes) {
                if (rgbNative != null) {
                    rgbNative.close();
                }
                rgbNative = new BytePointer(bytes);
                rgb = new byte[bytes];
            }
            // swscale reads four plane pointers and four strides even for a packed format
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, new PointerPointer<>(rgbNative, null, null, null),
                    new IntPointer(stride, 0, 0, 0));
            rgbNative.position(0).get(rgb);
        }

        private static int stride(int width) {
            return (3 * width + 31) & ~31; // swscale writes faster to aligned rows
        }
    }
}
