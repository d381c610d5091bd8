package dev.greenlight.engine.internal;

import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import dev.greenlight.model.Votes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code verdict} global of one evaluation: records each vote against the rule that is firing,
 * which the agenda listener sets before each consequence runs. Used by one thread only.
 */
final class VoteCollector implements Votes {
    static final String MISSING_MESSAGE = "This submission was assessed against our publication policy.";

    private final List<Reason> reasons = new ArrayList<>();
    private final RuleTrace trace;
    private String rule = "(unknown rule)";
    private String policy;

    VoteCollector(RuleTrace trace) {
        this.trace = trace;
    }

    void firing(String ruleName, String policyId) {
        this.rule = ruleName;
        this.policy = policyId;
    }

    @Override
    public void reject(String message) {
        vote(Verdict.REJECT, message);
    }

    @Override
    public void escalate(String message) {
        vote(Verdict.ESCALATE, message);
    }

    @Override
    public void approve(String message) {
        vote(Verdict.APPROVE, message);
    }

    private void vote(Verdict verdict, String message) {
        String text = message == null || message.isBlank() ? MISSING_MESSAGE : message;
        Reason reason = new Reason(rule, verdict, text, policy);
        reasons.add(reason);
        if (trace != null) {
            trace.voted(reason);
        }
    }

    void add(Reason reason) {
        reasons.add(reason);
    }

    List<Reason> reasons() {
        return reasons;
    }
}
