package dev.greenlight.model;

import java.util.List;
import java.util.Objects;

/**
 * Who submits the work. Immutable. {@code program} is e.g. {@code early-access},
 * {@code studio-partner}, {@code red-team} or {@code public}; empty when not given.
 */
public final class Submitter {
    private final String id;
    private final String program;
    private final boolean verified;
    private final List<String> roles;

    public Submitter(String id, String program, boolean verified, List<String> roles) {
        this.id = Objects.requireNonNull(id, "id");
        this.program = program == null ? "" : program;
        this.verified = verified;
        this.roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public String getId() {
        return id;
    }

    public String getProgram() {
        return program;
    }

    public boolean isVerified() {
        return verified;
    }

    public List<String> getRoles() {
        return roles;
    }

    /** True when the submitter has {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Submitter s && id.equals(s.id) && program.equals(s.program)
                && verified == s.verified && roles.equals(s.roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, program, verified, roles);
    }

    @Override
    public String toString() {
        return "Submitter[id=" + id + ", program=" + program + ", verified=" + verified + ", roles=" + roles + "]";
    }
}
