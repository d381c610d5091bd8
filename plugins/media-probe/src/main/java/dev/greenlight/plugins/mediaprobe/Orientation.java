package dev.greenlight.plugins.mediaprobe;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.javacpp.IntPointer;

/**
 * How far clockwise a player turns a picture, from a video stream's display matrix or an image's
 * EXIF orientation, in quarter turns (0, 90, 180, 270). Stateless.
 */
final class Orientation {
    private static final int MATRIX_BYTES = 9 * 4;

    private Orientation() {
    }

    /** From a stream's display matrix (MP4 {@code tkhd}, Matroska projection, …); 0 without one. */
    static int ofStream(AVCodecParameters par) {
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < MATRIX_BYTES) {
            return 0;
        }
        return clockwise(av_display_rotation_get(new IntPointer(sd.data())));
    }

    /** From a decoded picture: its display matrix, else its EXIF {@code Orientation} tag; {@code null} without either. */
    static Integer ofFrame(AVFrame frame) {
        AVFrameSideData sd = av_frame_get_side_data(frame, AV_FRAME_DATA_DISPLAYMATRIX);
        if (sd != null && !sd.isNull() && sd.size() >= MATRIX_BYTES) {
            return clockwise(av_display_rotation_get(new IntPointer(sd.data())));
        }
        AVDictionaryEntry exif = av_dict_get(frame.metadata(), "Orientation", null, 0);
        if (exif == null || exif.isNull()) {
            return null;
        }
        return ofExif(exif.value().getString().trim());
    }

    /** EXIF orientation 1–8 to a clockwise turn; mirrored variants turn like their unmirrored ones. */
    static Integer ofExif(String value) {
        switch (value) {
            case "3":
            case "4":
                return 180;
            case "5":
            case "6":
                return 90;
            case "7":
            case "8":
                return 270;
            case "1":
            case "2":
                return 0;
            default:
                return null;
        }
    }

    /** FFmpeg gives the counter-clockwise angle in [-180, 180]; round to a quarter turn, clockwise. */
    static int clockwise(double counterClockwise) {
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long quarter = Math.round(-counterClockwise / 90.0);
        return (int) Math.floorMod(quarter * 90, 360);
    }
}
