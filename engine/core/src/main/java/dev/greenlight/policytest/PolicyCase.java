package dev.greenlight.policytest;

import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * One test case.
 *
 * @param file      the case file, relative to the rules directory
 * @param name      what the case checks, in words
 * @param submission the submission to decide
 * @param signals   signals injected instead of running plugins
 * @param verdict   the expected verdict
 * @param rules     exactly the rules expected to carry the verdict (vote with the decision's verdict); {@code null} to not check
 * @param include   rules that must be among those that voted, with any verdict
 * @param exclude   rules that must not vote
 * @param conditions exactly the ids of the conditions the decision must carry, in any order; {@code null} to not check
 * @param includeConditions ids of conditions that must be among those the decision carries
 */
public record PolicyCase(String file, String name, Submission submission, List<Signal> signals, Verdict verdict,
                         List<String> rules, List<String> include, List<String> exclude, List<String> conditions,
                         List<String> includeConditions) {
    /** A case that does not check conditions. */
    public PolicyCase(String file, String name, Submission submission, List<Signal> signals, Verdict verdict,
                      List<String> rules, List<String> include, List<String> exclude) {
        this(file, name, submission, signals, verdict, rules, include, exclude, null, List.of());
    }

    public PolicyCase {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(verdict, "verdict");
        signals = List.copyOf(signals);
        rules = rules == null ? null : List.copyOf(rules);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        conditions = conditions == null ? null : List.copyOf(conditions);
        includeConditions = List.copyOf(includeConditions);
    }
}
