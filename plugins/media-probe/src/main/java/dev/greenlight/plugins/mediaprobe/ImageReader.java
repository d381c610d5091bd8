package dev.greenlight.plugins.mediaprobe;

import com.drew.imaging.FileType;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import java.io.EOFException;
import java.io.IOException;

/**
 * Reads an image's dimensions with metadata-extractor, through the source's deadline-checked
 * stream. metadata-extractor reads headers and skips pixel data, so the whole image is never held
 * in memory. Stateless.
 */
final class ImageReader {
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private ImageReader() {
    }

    /** Whether this reader handles {@code format}. */
    static boolean handles(Format format) {
        return fileType(format) != null;
    }

    /**
     * Fills {@code out} with the codec and dimensions.
     *
     * @throws UnreadableException {@link Problem#TRUNCATED} or {@link Problem#DAMAGED} when the header
     *                             cannot be read, {@link Problem#TIMEOUT} at the deadline
     */
    static void read(MediaSource source, Format format, ProbeResult.Builder out) throws IOException {
        out.type("image").codec(codec(format));
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(source.inputStream(), source.size(), fileType(format));
        } catch (UnreadableException e) {
            throw e;
        } catch (EOFException e) {
            throw new UnreadableException(Problem.TRUNCATED, "the " + format.label() + " image ends early: it was cut short");
        } catch (ImageProcessingException | RuntimeException e) {
            throw new UnreadableException(Problem.DAMAGED, "the " + format.label() + " image's header cannot be read");
        }
        // metadata-extractor records some read errors in its directories instead of throwing, ours included
        source.deadline().check();
        readDimensions(metadata, format, out);
        // metadata-extractor may miss the size of valid TIFF (tiled) and HEIF files: unknown, not damaged
        if (out.build().width() == null && format != Format.TIFF && format != Format.HEIF) {
            throw new UnreadableException(Problem.DAMAGED, "the " + format.label() + " image does not state its dimensions");
        }
        if (format == Format.PNG && !endsWithIend(source)) {
            throw new UnreadableException(Problem.TRUNCATED, "the PNG image has no end marker (IEND): it was cut short");
        }
    }

    private static void readDimensions(Metadata metadata, Format format, ProbeResult.Builder out) {
        switch (format) {
            case PNG:
                dimensions(metadata.getFirstDirectoryOfType(PngDirectory.class), PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT, out);
                break;
            case JPEG:
                dimensions(metadata.getFirstDirectoryOfType(JpegDirectory.class), JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT, out);
                break;
            case GIF:
                dimensions(metadata.getFirstDirectoryOfType(GifHeaderDirectory.class), GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT, out);
                break;
            case WEBP:
                dimensions(metadata.getFirstDirectoryOfType(WebpDirectory.class), WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT, out);
                break;
            case BMP:
                dimensions(metadata.getFirstDirectoryOfType(BmpHeaderDirectory.class), BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT, out);
                break;
            case TIFF:
                dimensions(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class), ExifIFD0Directory.TAG_IMAGE_WIDTH, ExifIFD0Directory.TAG_IMAGE_HEIGHT, out);
                break;
            case HEIF:
                dimensions(metadata.getFirstDirectoryOfType(HeifDirectory.class), HeifDirectory.TAG_IMAGE_WIDTH, HeifDirectory.TAG_IMAGE_HEIGHT, out);
                break;
            default:
                break;
        }
    }

    private static void dimensions(Directory directory, int widthTag, int heightTag, ProbeResult.Builder out) {
        if (directory == null) {
            return;
        }
        Long width = directory.getLongObject(widthTag);
        Long height = directory.getLongObject(heightTag);
        if (width != null && height != null) {
            out.dimensions(Math.abs(width), Math.abs(height)); // BMP stores top-down images with a negative height
        }
    }

    private static boolean endsWithIend(MediaSource source) throws IOException {
        if (source.size() < PNG_END.length) {
            return false;
        }
        byte[] tail = source.readFully(source.size() - PNG_END.length, PNG_END.length);
        return java.util.Arrays.equals(tail, PNG_END);
    }

    private static FileType fileType(Format format) {
        switch (format) {
            case PNG:
                return FileType.Png;
            case JPEG:
                return FileType.Jpeg;
            case GIF:
                return FileType.Gif;
            case WEBP:
                return FileType.WebP;
            case BMP:
                return FileType.Bmp;
            case TIFF:
                return FileType.Tiff;
            case HEIF:
                return FileType.Heif;
            default:
                return null;
        }
    }

    /** ffprobe's codec names: it decodes JPEG stills with its Motion-JPEG decoder. */
    private static String codec(Format format) {
        switch (format) {
            case JPEG:
                return "mjpeg";
            case HEIF:
                return "hevc";
            default:
                return format.label();
        }
    }
}
