package dev.greenlight.desk;

import java.util.Locale;

/** The review desk's queues (docs/contract.md §7); in JSON and URLs by {@link #id()}: {@code review}, {@code lead}, {@code appeal}. */
public enum Queue {
    /** Every ESCALATE decision opens a case here. */
    REVIEW,
    /** Cases a reviewer escalated to a lead (LEAD role only). */
    LEAD,
    /** Artists' appeals against decided cases; never handed to the reviewer who decided the case. */
    APPEAL;

    /** The lower-case name used in JSON, URLs and audit records. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code review}, {@code lead} or {@code appeal} (any case).
     *
     * @throws DeskException naming the field {@code queue} and the accepted values
     */
    public static Queue parse(String name) {
        if (name != null) {
            for (Queue q : values()) {
                if (q.name().equalsIgnoreCase(name.trim())) {
                    return q;
                }
            }
        }
        throw new DeskException("queue", "must be one of review, lead, appeal, was: " + SafeText.quote(name));
    }
}
