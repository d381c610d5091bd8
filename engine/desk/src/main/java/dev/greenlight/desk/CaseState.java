package dev.greenlight.desk;

import java.util.Locale;

/** Where a case stands; in JSON by {@link #id()}: {@code open}, {@code claimed}, {@code closed}. */
public enum CaseState {
    /** Waiting in its queue for someone to claim it. */
    OPEN,
    /** Held by one account under a lease. */
    CLAIMED,
    /** Decided: it has a final verdict. */
    CLOSED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code open}, {@code claimed} or {@code closed} (any case).
     *
     * @throws DeskException naming the field {@code state}
     */
    public static CaseState parse(String name) {
        if (name != null) {
            for (CaseState s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
        }
        throw new DeskException("state", "must be one of open, claimed, closed, was: " + SafeText.quote(name));
    }
}
