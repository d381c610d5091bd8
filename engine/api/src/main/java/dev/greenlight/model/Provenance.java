package dev.greenlight.model;

/**
 * What the submitter declares about provenance marks. Immutable. An absent {@code provenance} reads
 * as {@link #NONE}: both flags false.
 */
public final class Provenance {
    /** No declared provenance marks. */
    public static final Provenance NONE = new Provenance(false, false);

    private final boolean c2pa;
    private final boolean watermark;

    public Provenance(boolean c2pa, boolean watermark) {
        this.c2pa = c2pa;
        this.watermark = watermark;
    }

    /** True when a C2PA manifest is declared. */
    public boolean isC2pa() {
        return c2pa;
    }

    /** True when an invisible watermark is declared. */
    public boolean isWatermark() {
        return watermark;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && c2pa == p.c2pa && watermark == p.watermark;
    }

    @Override
    public int hashCode() {
        return (c2pa ? 2 : 0) + (watermark ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Provenance[c2pa=" + c2pa + ", watermark=" + watermark + "]";
    }
}
