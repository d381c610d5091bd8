package dev.greenlight.plugins.mediaprobe;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.greenlight.media.worker.Averrors;
import dev.greenlight.media.worker.FfmpegLog;
import dev.greenlight.media.worker.MediaInput;
import dev.greenlight.media.worker.NativeDeadline;
import dev.greenlight.media.worker.WorkerTask;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
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
 * The worker task {@value #NAME}: frames of a video, evenly spread over its length, scaled to a
 * tile width and laid out on one JPEG (a contact sheet; one frame makes a poster). Request fields:
 * {@code path}, {@code demuxer}, {@code frames} (1–16), {@code tileWidth} (pixels). Answer:
 * {@code jpeg} (Base64), {@code width}, {@code height}, {@code frames} (how many were found), or
 * {@code error}. Frame {@code i} of {@code n} is the first frame shown at or after
 * {@code (i + 0.5) / n} of the length, so a poster is the middle frame and a sheet skips the black
 * first and last frames videos often have. Public only for the worker's service loader; not
 * thread-safe (one file at a time per worker).
 */
public final class KeyframesTask implements WorkerTask {
    /** The task's name in requests. */
    public static final String NAME = "keyframes";
    private static final int COLUMNS = 3;
    private static final int GAP = 4;

    /** Made by the worker's service loader. */
    public KeyframesTask() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Makes the sheet; see the class comment for the fields. */
    @Override
    public Map<String, String> run(Map<String, String> request, long deadlineNanos) throws IOException {
        FfmpegLog.reset();
        NativeDeadline.set(deadlineNanos);
        int count = Math.max(1, Math.min(16, Integer.parseInt(request.getOrDefault("frames", "6"))));
        int tileWidth = Math.max(16, Math.min(1920, Integer.parseInt(request.getOrDefault("tileWidth", "320"))));
        Map<String, String> out = new LinkedHashMap<>();
        MediaInput.Opened opened = MediaInput.open(request.get("path"), request.get("demuxer"), null);
        if (opened.failed()) {
            out.put("error", "FFmpeg could not open it: " + Averrors.text(opened.error()));
            return out;
        }
        AVFormatContext fmt = opened.context();
        try {
            if (avformat_find_stream_info(fmt, (PointerPointer<?>) null) < 0) {
                out.put("error", "FFmpeg could not read its streams");
                return out;
            }
            List<BufferedImage> tiles = frames(fmt, count, tileWidth);
            if (tiles.isEmpty()) {
                out.put("error", "no picture could be decoded");
                return out;
            }
            BufferedImage sheet = layout(tiles);
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(sheet, "jpg", jpeg);
            out.put("jpeg", Base64.getEncoder().encodeToString(jpeg.toByteArray()));
            out.put("width", Integer.toString(sheet.getWidth()));
            out.put("height", Integer.toString(sheet.getHeight()));
            out.put("frames", Integer.toString(tiles.size()));
            return out;
        } finally {
            avformat_close_input(fmt);
        }
    }

    private static List<BufferedImage> frames(AVFormatContext fmt, int count, int tileWidth) {
        int stream = -1;
        for (int i = 0; i < fmt.nb_streams() && stream < 0; i++) {
            AVStream st = fmt.streams(i);
            if (st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && (st.disposition() & 0x0400) == 0) {
                stream = i;
            }
        }
        List<BufferedImage> tiles = new ArrayList<>();
        if (stream < 0) {
            return tiles;
        }
        AVStream st = fmt.streams(stream);
        AVCodec codec = avcodec_find_decoder(st.codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            return tiles;
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            ctx.thread_count(1);
            if (avcodec_parameters_to_context(ctx, st.codecpar()) < 0 || avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
                return tiles;
            }
            double timeBase = st.time_base().num() / (double) st.time_base().den();
            long start = st.start_time() == AV_NOPTS_VALUE ? 0 : st.start_time();
            double length = fmt.duration() == AV_NOPTS_VALUE ? 0 : fmt.duration() / 1e6;
            for (int i = 0; i < count && !NativeDeadline.passed(); i++) {
                double at = length * (i + 0.5) / count;
                long target = start + (long) (at / timeBase);
                if (av_seek_frame(fmt, stream, target, AVSEEK_FLAG_BACKWARD) >= 0) {
                    avcodec_flush_buffers(ctx);
                }
                BufferedImage tile = frameAt(fmt, ctx, packet, frame, stream, target, tileWidth);
                if (tile != null) {
                    tiles.add(tile);
                }
            }
            return tiles;
        } finally {
            av_packet_free(packet);
            av_frame_free(frame);
            avcodec_free_context(ctx);
        }
    }

    /** The first frame shown at or after {@code target} (or the last one before the end), scaled. */
    private static BufferedImage frameAt(AVFormatContext fmt, AVCodecContext ctx, AVPacket packet, AVFrame frame, int stream,
            long target, int tileWidth) {
        while (!NativeDeadline.passed()) {
            int r = av_read_frame(fmt, packet);
            if (r < 0) {
                avcodec_send_packet(ctx, (AVPacket) null);
                return avcodec_receive_frame(ctx, frame) >= 0 ? scaled(frame, tileWidth) : null;
            }
            try {
                if (packet.stream_index() != stream || avcodec_send_packet(ctx, packet) < 0) {
                    continue;
                }
            } finally {
                av_packet_unref(packet);
            }
            while (avcodec_receive_frame(ctx, frame) >= 0) {
                long pts = frame.best_effort_timestamp();
                if (pts == AV_NOPTS_VALUE || pts >= target) {
                    BufferedImage tile = scaled(frame, tileWidth);
                    av_frame_unref(frame);
                    return tile;
                }
                av_frame_unref(frame);
            }
        }
        return null;
    }

    private static BufferedImage scaled(AVFrame frame, int tileWidth) {
        int w = frame.width();
        int h = frame.height();
        if (w < 1 || h < 1) {
            return null;
        }
        int tw = Math.min(tileWidth, w);
        int th = Math.max(1, (int) Math.round(h * (tw / (double) w)));
        BufferedImage tile = new BufferedImage(tw, th, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) tile.getRaster().getDataBuffer()).getData();
        SwsContext sws = sws_getContext(w, h, frame.format(), tw, th, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        try (BytePointer dst = new BytePointer((long) tw * th * 3)) {
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, new PointerPointer<>(dst, null, null, null), new IntPointer(tw * 3, 0, 0, 0));
            dst.get(pixels);
        } finally {
            sws_freeContext(sws);
        }
        return tile;
    }

    private static BufferedImage layout(List<BufferedImage> tiles) {
        if (tiles.size() == 1) {
            return tiles.get(0);
        }
        int columns = Math.min(COLUMNS, tiles.size());
        int rows = (tiles.size() + columns - 1) / columns;
        int cellW = tiles.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int cellH = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage sheet = new BufferedImage(columns * cellW + (columns + 1) * GAP, rows * cellH + (rows + 1) * GAP,
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int i = 0; i < tiles.size(); i++) {
            g.drawImage(tiles.get(i), GAP + (i % columns) * (cellW + GAP), GAP + (i / columns) * (cellH + GAP), null);
        }
        g.dispose();
        return sheet;
    }
}
