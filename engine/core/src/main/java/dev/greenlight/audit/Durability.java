package dev.greenlight.audit;

/** When an appended record counts as recorded, and so when {@code decide} may return. Immutable. */
public enum Durability {
    /** Each record is forced to disk ({@code fsync}) on its own before its append returns. */
    SYNC,
    /**
     * The default. Records from concurrent decisions are written together and share one
     * {@code fsync}; each append returns only after the fsync that covers its record.
     */
    GROUP,
    /**
     * Records are written but never forced: a crash of the process keeps them, a power cut may not.
     * For dry runs, tests and benchmarks, never for a system of record.
     */
    NONE
}
