package dev.greenlight.desk.accounts;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person at the review desk: a name as recorded in review records, and roles. Names are 1 to 64
 * characters of {@code A-Z a-z 0-9 . _ @ -}: nothing that could reorder, hide or break a line where a
 * name is shown.
 *
 * @param name  the account name
 * @param roles at least one role
 */
public record Account(String name, Set<Role> roles) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public Account {
        checkName(name);
        Objects.requireNonNull(roles, "roles");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("account " + name + " needs at least one role (reviewer, lead, auditor)");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** An account with these roles. */
    public static Account of(String name, Role... roles) {
        return new Account(name, Set.of(roles));
    }

    /**
     * Checks an account name.
     *
     * @throws IllegalArgumentException saying what a name may hold (the name itself is not echoed raw)
     */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("account name must be 1 to 64 characters of A-Z a-z 0-9 . _ @ -"
                    + (name == null ? "" : ", was " + name.length() + " characters with others"));
        }
        return name;
    }

    /** True when the name is a valid account name. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** A reviewer or a lead: may claim and decide. */
    public boolean canDecide() {
        return roles.contains(Role.REVIEWER) || roles.contains(Role.LEAD);
    }
}
