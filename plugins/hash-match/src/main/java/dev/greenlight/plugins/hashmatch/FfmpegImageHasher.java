package dev.greenlight.plugins.hashmatch;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.greenlight.media.worker.Averrors;
import dev.greenlight.media.worker.MediaInput;
import dev.greenlight.media.worker.NativeDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * PDQ of an image file decoded by FFmpeg, at reduced resolution where PDQ allows: PDQ filters a
 * picture of at most 512×512, so a JPEG is decoded with FFmpeg's {@code lowres} (the inverse DCT
 * at 1/2, 1/4 or 1/8 size, which also averages the pixels it drops) down to the smallest scale
 * whose sides are still at least 512 (or the full size when smaller), and its full-range Y plane,
 * which is PDQ's luminance, is hashed without colour conversion. Other formats are decoded in
 * full and converted to RGB. The format is chosen from the magic bytes (never FFmpeg's guess, and
 * never the {@code image2} demuxer, which reads {@code %d} in a name as a sequence pattern).
 *
 * <p>Runs in a worker process in production; tests and the benchmark call it directly. Not
 * thread-safe (uses the worker's process-wide {@link NativeDeadline}).
 */
final class FfmpegImageHasher {
    private static final int TARGET = PdqHasher.PRESCALE_DIMENSION;
    private static final int MAX_LOWRES = 3;
    private static final Set<Integer> FULL_RANGE_YUV = Set.of(AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUVJ440P,
            AV_PIX_FMT_YUVJ444P);
    private static final Set<Integer> YUV = Set.of(AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUV440P, AV_PIX_FMT_YUV444P);

    /**
     * The hash, and the size decoded.
     *
     * @param pdq    the hash, or {@code null} when the file could not be decoded
     * @param width  decoded width (after {@code lowres})
     * @param height decoded height
     * @param error  why not, or {@code null}
     */
    record Result(PdqHash pdq, int width, int height, String error) {
    }

    private final PdqHasher hasher = new PdqHasher();

    Result hash(Path file, long deadlineNanos) throws IOException {
        NativeDeadline.set(deadlineNanos);
        String demuxer = demuxer(file);
        if (demuxer == null) {
            return new Result(null, 0, 0, "not an image format this hasher reads");
        }
        MediaInput.Opened opened = MediaInput.open(file.toString(), demuxer, null);
        if (opened.failed()) {
            return new Result(null, 0, 0, "FFmpeg could not open it: " + Averrors.text(opened.error()));
        }
        AVFormatContext fmt = opened.context();
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVCodecContext ctx = null;
        try {
            // No avformat_find_stream_info: it would decode the picture once more just to learn its size.
            int r = av_read_frame(fmt, packet);
            if (r < 0) {
                return new Result(null, 0, 0, "no picture: " + Averrors.text(r));
            }
            AVCodec codec = avcodec_find_decoder(fmt.streams(0).codecpar().codec_id());
            if (codec == null || codec.isNull()) {
                return new Result(null, 0, 0, "no decoder");
            }
            ctx = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(ctx, fmt.streams(0).codecpar());
            ctx.thread_count(1);
            if (codec.id() == AV_CODEC_ID_MJPEG) {
                ctx.lowres(lowres(JpegSize.of(packet.data().capacity(packet.size()).asByteBuffer())));
            }
            r = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (r >= 0) {
                r = avcodec_send_packet(ctx, packet);
            }
            if (r >= 0) {
                r = avcodec_receive_frame(ctx, frame);
            }
            if (r < 0) {
                return new Result(null, 0, 0, "could not decode: " + Averrors.text(r));
            }
            return new Result(hashFrame(frame, ctx.lowres() > 0), frame.width(), frame.height(), null);
        } finally {
            av_packet_free(packet);
            av_frame_free(frame);
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            avformat_close_input(fmt);
        }
    }

    /** The largest reduction (0–3) keeping both sides at least 512, or the full size when a side is smaller. */
    static int lowres(int[] size) {
        if (size == null) {
            return 0;
        }
        int k = 0;
        while (k < MAX_LOWRES && (size[0] >> (k + 1)) >= TARGET && (size[1] >> (k + 1)) >= TARGET) {
            k++;
        }
        return k;
    }

    private PdqHash hashFrame(AVFrame frame, boolean reduced) {
        int w = frame.width();
        int h = frame.height();
        int format = frame.format();
        boolean fullRangeY = FULL_RANGE_YUV.contains(format) || format == AV_PIX_FMT_GRAY8
                || YUV.contains(format) && frame.color_range() == AVCOL_RANGE_JPEG;
        // The Y plane is PDQ's luminance, but at full size the colour path agrees better with a full
        // decode to RGB (4 bits instead of 8 on a 256x256 fixture), and costs little there.
        if (fullRangeY && reduced) {
            int stride = frame.linesize(0);
            byte[] y = new byte[stride * (h - 1) + w];
            frame.data(0).position(0).get(y);
            return hasher.hashGray(y, w, h, stride);
        }
        int stride = (3 * w + 31) & ~31;
        SwsContext sws = sws_getContext(w, h, format, w, h, AV_PIX_FMT_RGB24, SWS_BICUBIC | SWS_ACCURATE_RND, null, null,
                (DoublePointer) null);
        try (BytePointer rgbNative = new BytePointer((long) stride * h)) {
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, new PointerPointer<>(rgbNative, null, null, null),
                    new IntPointer(stride, 0, 0, 0));
            byte[] rgb = new byte[stride * h];
            rgbNative.get(rgb);
            return hasher.hashRgb(rgb, w, h, stride);
        } finally {
            sws_freeContext(sws);
        }
    }

    /** FFmpeg's single-image demuxer for the file's magic bytes, or {@code null}. */
    static String demuxer(Path file) throws IOException {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            return "jpeg_pipe";
        }
        if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "png_pipe";
        }
        if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return "webp_pipe";
        }
        if (n >= 2 && head[0] == 'B' && head[1] == 'M') {
            return "bmp_pipe";
        }
        if (n >= 4 && (head[0] == 'I' && head[1] == 'I' && head[2] == '*' || head[0] == 'M' && head[1] == 'M' && head[3] == '*')) {
            return "tiff_pipe";
        }
        return null;
    }
}
