package dev.greenlight.plugins.c2pa;

/**
 * A manifest store, or a part of one, that cannot be read: damaged, truncated, hostile or beyond a
 * {@link Limits limit}. Carries the C2PA validation status code the reader reports for it, so a
 * broken store becomes an {@code invalid} category with a code, never an exception out of the plugin.
 *
 * <p>Checked on purpose: every parser that can meet hostile bytes declares it, and the validator
 * catches it in one place.
 */
final class MalformedStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    MalformedStoreException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The C2PA status code that describes the failure, e.g. {@code claim.malformed}. */
    String code() {
        return code;
    }
}
