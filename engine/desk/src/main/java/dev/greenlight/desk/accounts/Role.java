package dev.greenlight.desk.accounts;

import java.util.Locale;

/** What an account may do at the review desk. */
public enum Role {
    /** Claims and decides cases in the review and appeal queues. */
    REVIEWER,
    /** All a reviewer can, plus the lead queue and reassigning cases. */
    LEAD,
    /** Reads queues, cases and histories; never claims or decides. */
    AUDITOR;

    /** Lower-case, as in the users file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code reviewer}, {@code lead} or {@code auditor} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Role parse(String s) {
        if (s != null) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(s.trim())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("role must be one of reviewer, lead, auditor, was: " + s);
    }
}
