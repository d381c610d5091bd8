package dev.greenlight.media.worker;

import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Opens an untrusted media file for FFmpeg the one safe way every task here must: a plain file only
 * (no demuxer may follow a reference inside the file to a URL or another file), a demuxer named by
 * the caller rather than guessed from the bytes, and the worker's deadline as the interrupt callback,
 * so that a file built to stall FFmpeg is cut off. Stateless; call it in a worker process.
 */
public final class MediaInput {
    private MediaInput() {
    }

    /**
     * The outcome of {@link #open}: an open context to read and then close with
     * {@code avformat_close_input}, or FFmpeg's (negative) error code, in which case there is nothing
     * to close.
     */
    public record Opened(AVFormatContext context, int error) {
        public boolean failed() {
            return error < 0;
        }
    }

    /**
     * Opens {@code path} with the demuxer {@code demuxer} (null: FFmpeg chooses, among
     * {@code formatWhitelist} when that is not null, a comma-separated list of demuxer names).
     * The caller sets {@link NativeDeadline} first.
     */
    public static Opened open(String path, String demuxer, String formatWhitelist) {
        AVFormatContext fmt = avformat_alloc_context();
        fmt.interrupt_callback().callback(NativeDeadline.callback());
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        if (formatWhitelist != null) {
            av_dict_set(options, "format_whitelist", formatWhitelist, 0);
        }
        int r = avformat_open_input(fmt, "file:" + path, demuxer == null ? null : av_find_input_format(demuxer), options);
        av_dict_free(options);
        return new Opened(r < 0 ? null : fmt, r);
    }
}
