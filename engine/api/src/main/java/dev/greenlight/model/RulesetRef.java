package dev.greenlight.model;

import java.util.Objects;

/**
 * Names exactly the rules that made a decision: {@code id} is the rule set's name (its directory or
 * classpath location) and {@code version} is {@code sha256:} over the sorted rule file paths and
 * contents.
 */
public record RulesetRef(String id, String version) {
    public RulesetRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
