package dev.greenlight.plugins.mediaprobe;

/** Why a media file could not be (fully) read: the {@code category} of a {@code media.unreadable} signal. */
enum Problem {
    /** The file has no bytes. */
    EMPTY("empty"),
    /** The file stops inside its own structure, as when an upload is cut short. */
    TRUNCATED("truncated"),
    /** The file is a known format, but its structure contradicts itself. */
    DAMAGED("damaged"),
    /** The bytes match no supported media format. */
    NOT_MEDIA("not-media"),
    /** The path leads outside the media root (traversal, absolute path, symbolic link). */
    OUTSIDE_ROOT("outside-root"),
    /** Nothing exists at the path, or there is no media root to resolve it against. */
    NOT_FOUND("not-found"),
    /** The path names a directory, FIFO, device or socket. */
    NOT_A_FILE("not-a-file"),
    /** The file is larger than the configured {@code maxBytes}. */
    TOO_LARGE("too-large"),
    /** The call's deadline passed before the file was read. */
    TIMEOUT("timeout"),
    /** The operating system refused or failed a read. */
    IO_ERROR("io-error"),
    /** The probe worker crashed on the file (FFmpeg fails in native code on some hostile files). */
    CRASHED("crashed"),
    /** The probe worker took more memory than allowed on the file. */
    OUT_OF_MEMORY("out-of-memory"),
    /** No probe worker could be started, so the file was not examined. */
    UNAVAILABLE("unavailable");

    private final String category;

    Problem(String category) {
        this.category = category;
    }

    /** The problem whose category is {@code category}; {@link #DAMAGED} for an unknown one. */
    static Problem ofCategory(String category) {
        for (Problem p : values()) {
            if (p.category.equals(category)) {
                return p;
            }
        }
        return DAMAGED;
    }

    /** The category as it appears in signals. */
    String category() {
        return category;
    }
}
