package dev.greenlight.plugins.mediaprobe;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import dev.greenlight.media.worker.Averrors;
import dev.greenlight.media.worker.FfmpegLog;
import dev.greenlight.media.worker.MediaInput;
import dev.greenlight.media.worker.NativeDeadline;
import dev.greenlight.media.worker.WorkerTask;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The worker task {@value #NAME}: probes one file with FFmpeg's libraries, in a worker process
 * (never in the engine's): opens it with the demuxer the
 * plugin chose from its magic bytes (never by FFmpeg's own guessing, so a file is read only as the
 * format it claims to be), reads its streams, and runs the {@link DecodeCheck}. The answer is the
 * field map described in {@link ProbeReply}. Request fields: {@code path}, {@code demuxer},
 * {@code picture}. Public only so the worker's {@link java.util.ServiceLoader} can make it; not
 * thread-safe: FFmpeg's log and interrupt hooks are process-wide, so a worker probes one file at a
 * time.
 */
public final class FfmpegProbe implements WorkerTask {
    /** The task's name in requests. */
    public static final String NAME = "probe";
    private static final int AV_DISPOSITION_ATTACHED_PIC = 0x0400;

    /** Made by the worker's service loader. */
    public FfmpegProbe() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Probes {@code request.path} with the demuxer {@code request.demuxer}. */
    @Override
    public Map<String, String> run(Map<String, String> request, long deadlineNanos) {
        return probe(request.get("path"), request.get("demuxer"), deadlineNanos, Boolean.parseBoolean(request.get("picture")));
    }

    /**
     * @param file    the absolute path, already checked to be a regular file inside the media root
     * @param demuxer FFmpeg's name of the demuxer to use ({@code mov}, {@code matroska}, …)
     * @param deadlineNanos when to give up, in {@link System#nanoTime()} terms
     * @param picture whether the file is a still image (one picture; nothing to seek to)
     */
    static Map<String, String> probe(String file, String demuxer, long deadlineNanos, boolean picture) {
        FfmpegLog.reset();
        NativeDeadline.set(deadlineNanos);
        Map<String, String> out = new LinkedHashMap<>();
        MediaInput.Opened opened = MediaInput.open(file, demuxer, null);
        if (opened.failed()) {
            problem(out, file, "FFmpeg could not open it", withLog(Averrors.text(opened.error())));
            return out;
        }
        AVFormatContext fmt = opened.context();
        try {
            int r = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
            if (r < 0) {
                problem(out, file, "FFmpeg could not read its streams", withLog(Averrors.text(r)));
                return out;
            }
            int picture0 = describe(fmt, out);
            if (fmt.duration() != AV_NOPTS_VALUE && fmt.duration() > 0) {
                out.put("headerSeconds", seconds(fmt.duration() / (double) AV_TIME_BASE));
            }
            DecodeCheck check = new DecodeCheck(fmt, picture0);
            check.run(picture);
            Double measured = check.measuredSeconds();
            if (check.reachedEnd() && measured != null) {
                out.put("measuredSeconds", seconds(measured));
            }
            if (check.pictureRotation() != null && !out.containsKey("rotation")) {
                out.put("rotation", Integer.toString(check.pictureRotation()));
            }
            out.put("checked", check.cutShort() ? "partial" : "full");
            if (check.error() != null) {
                problem(out, file, "FFmpeg found damage", check.error());
            }
            return out;
        } finally {
            avformat_close_input(fmt);
        }
    }

    /** Stream facts into {@code out}; returns the index of the main picture stream, or -1. */
    private static int describe(AVFormatContext fmt, Map<String, String> out) {
        int video = -1;
        int audio = -1;
        int audioStreams = 0;
        for (int i = 0; i < fmt.nb_streams(); i++) {
            AVStream st = fmt.streams(i);
            int type = st.codecpar().codec_type();
            if (type == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0 && video < 0) {
                video = i;
            } else if (type == AVMEDIA_TYPE_AUDIO) {
                audioStreams++;
                if (audio < 0) {
                    audio = i;
                }
            }
        }
        if (video >= 0) {
            AVStream st = fmt.streams(video);
            AVCodecParameters par = st.codecpar();
            out.put("videoCodec", codecName(par));
            if (par.width() > 0 && par.height() > 0) {
                out.put("width", Integer.toString(par.width()));
                out.put("height", Integer.toString(par.height()));
            }
            int rotation = Orientation.ofStream(par);
            if (rotation != 0) {
                out.put("rotation", Integer.toString(rotation));
            }
            double rate = rate(st.avg_frame_rate());
            out.put("frameRate", Double.toString(rate > 0 ? rate : rate(st.r_frame_rate())));
        }
        if (audio >= 0) {
            AVCodecParameters par = fmt.streams(audio).codecpar();
            out.put("audioCodec", codecName(par));
            out.put("audioStreams", Integer.toString(audioStreams));
            if (par.sample_rate() > 0) {
                out.put("sampleRate", Integer.toString(par.sample_rate()));
            }
            if (par.ch_layout().nb_channels() > 0) {
                out.put("channels", Integer.toString(par.ch_layout().nb_channels()));
            }
        }
        return video;
    }

    /** The generic error code, with the specific words FFmpeg logged before returning it. */
    private static String withLog(String code) {
        String logged = FfmpegLog.firstError();
        return logged == null ? code : code + " (" + logged + ")";
    }

    private static String codecName(AVCodecParameters par) {
        return avcodec_get_name(par.codec_id()).getString();
    }

    private static double rate(AVRational r) {
        return r.den() == 0 ? 0 : r.num() / (double) r.den();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    /**
     * A problem and its reason. The path is replaced, because FFmpeg's messages may name it and
     * reasons must never show the server's directories.
     */
    private static void problem(Map<String, String> out, String file, String what, String detail) {
        String clean = detail.replace("file:" + file, "the file").replace(file, "the file");
        out.put("problem", ProblemWords.classify(clean));
        out.put("reason", what + ": " + clean);
    }
}
