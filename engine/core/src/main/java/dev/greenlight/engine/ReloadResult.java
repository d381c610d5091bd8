package dev.greenlight.engine;

import dev.greenlight.model.RulesetRef;
import dev.greenlight.ruleset.RuleProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of loading a candidate rule set: as the live rules ({@link Greenlight#reloadRules()})
 * or as the shadow ({@link Greenlight#startShadow}). A rejected candidate never serves; the rules
 * that served before go on serving. Immutable.
 *
 * @param status       what happened
 * @param active       the rules serving once the call returned (live rules; for a shadow, the shadow)
 * @param previous     the rules serving before the call; {@code null} when there were none (a new shadow)
 * @param candidate    the candidate that was read; {@code null} when its files could not be read at all
 * @param problems     every problem found: errors when rejected, warnings when activated
 * @param testFailures with required policy tests, each failing case as {@code file: name: why}
 * @param at           when the call finished
 * @param took         how long reading, compiling and testing the candidate took
 */
public record ReloadResult(Status status, RulesetRef active, RulesetRef previous, RulesetRef candidate,
                           List<RuleProblem> problems, List<String> testFailures, Instant at, Duration took) {
    /** What a reload did. */
    public enum Status {
        /** The candidate compiled (and passed its policy cases when required) and now serves. */
        ACTIVATED,
        /** The candidate has the version already serving; nothing was compiled or swapped. */
        UNCHANGED,
        /** The candidate failed; the rules that served before still serve. */
        REJECTED
    }

    public ReloadResult {
        Objects.requireNonNull(status, "status");
        problems = List.copyOf(problems);
        testFailures = List.copyOf(testFailures);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(took, "took");
    }

    /** True unless the candidate was rejected. */
    public boolean succeeded() {
        return status != Status.REJECTED;
    }

    /** The errors among {@link #problems()}. */
    public List<RuleProblem> errors() {
        return problems.stream().filter(RuleProblem::isError).toList();
    }

    /** One line for logs and the command line. */
    public String summary() {
        return switch (status) {
            case ACTIVATED -> "activated " + version(active) + " (was " + version(previous) + ")";
            case UNCHANGED -> "unchanged: " + version(active) + " already serves";
            case REJECTED -> "rejected " + version(candidate) + ": " + (errors().isEmpty()
                    ? testFailures.size() + " policy case(s) failed" : errors().size() + " error(s), first "
                    + errors().get(0)) + "; still serving " + version(active);
        };
    }

    private static String version(RulesetRef r) {
        return r == null ? "(none)" : r.version();
    }
}
