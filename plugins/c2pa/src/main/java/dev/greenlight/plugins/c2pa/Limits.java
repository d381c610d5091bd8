package dev.greenlight.plugins.c2pa;

/**
 * Bounds on what the reader accepts, so that a hostile file costs at most a few megabytes and
 * milliseconds before it is reported {@code invalid}. Real manifest stores are far inside them: the
 * largest fixture store (an AI image with a PNG thumbnail) is about 1.2 MB, with 2 manifests and
 * under 20 assertions each.
 */
final class Limits {
    /** Largest manifest store read into memory (a store holds thumbnails, so allow some room). */
    static final int MAX_STORE_BYTES = 32 * 1024 * 1024;
    /** Most JUMBF boxes in one store, counted at every depth. */
    static final int MAX_BOXES = 20_000;
    /** Deepest nesting of JUMBF superboxes (a store is 4 deep: store, manifest, assertion store, assertion). */
    static final int MAX_JUMBF_DEPTH = 8;
    /** Deepest nesting of CBOR arrays and maps (claims and assertions are 4 to 6 deep). */
    static final int MAX_CBOR_DEPTH = 48;
    /** Most manifests in one store, and most ingredient levels followed from the active one. */
    static final int MAX_MANIFESTS = 512;
    static final int MAX_INGREDIENT_DEPTH = 16;
    /**
     * Most ingredient manifests whose signatures are verified. Each costs a signature and a
     * time-stamp check (a millisecond, but tens with hostile keys), so a store of hundreds could
     * hold the plugin past its deadline; past this many the file is {@code invalid} with
     * {@code general.error} rather than partly verified.
     */
    static final int MAX_CHECKED_INGREDIENTS = 64;
    /** Most assertions a claim may reference, and most exclusions in one hard binding. */
    static final int MAX_ASSERTIONS = 4096;
    static final int MAX_EXCLUSIONS = 4096;
    /** Most certificates in an {@code x5chain}. */
    static final int MAX_CHAIN = 16;
    /** Most boxes looked at while matching a BMFF hash's exclusion xpaths, all exclusions together. */
    static final int MAX_BMFF_VISITS = 4_000_000;
    /** Most APP11 segments, PNG chunks, BMFF boxes or RIFF chunks looked at while locating the store. */
    static final int MAX_CONTAINER_UNITS = 1_000_000;
    /** How far into a file an XMP remote-manifest reference is looked for. */
    static final int MAX_XMP_SCAN = 4 * 1024 * 1024;

    private Limits() {
    }
}
