package dev.greenlight.plugins.mediaprobe;

/**
 * Keyframes could not be made for a file: it is not a video, cannot be read or decoded, or its
 * worker crashed, hung or ran out of memory on it. The message is a plain reason that names no
 * server path.
 */
public final class KeyframeException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyframeException(String reason) {
        super(reason);
    }
}
