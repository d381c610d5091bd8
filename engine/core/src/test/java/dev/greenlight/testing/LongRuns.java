package dev.greenlight.testing;

/**
 * Sizes for the hardening tests (docs/reliability.md): a short variant in every build, a long one with
 * {@code mvn -Plong} (which sets the system property {@code greenlight.long=true}).
 */
public final class LongRuns {
    /** True under {@code -Plong}. */
    public static final boolean LONG = Boolean.getBoolean("greenlight.long");

    private LongRuns() {
    }

    /** {@code shortRun} in an ordinary build, {@code longRun} under {@code -Plong}. */
    public static int pick(int shortRun, int longRun) {
        return LONG ? longRun : shortRun;
    }
}
