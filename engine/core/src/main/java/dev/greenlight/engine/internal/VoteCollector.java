package dev.greenlight.engine.internal;

import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import dev.greenlight.model.Votes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code verdict} global of one evaluation: records each vote against the rule that is firing,
 * which the agenda listener sets before each consequence runs. A conditional approval naming a
 * condition the pack does not define is recorded as an escalation that names it: an unknown
 * condition is never an approval (docs/contract.md §8). Used by one thread only.
 */
final class VoteCollector implements Votes {
    static final String MISSING_MESSAGE = "This submission was assessed against our publication policy.";

    private final List<Reason> reasons = new ArrayList<>();
    private final RuleTrace trace;
    private final ConditionVocabulary conditions;
    private String rule = "(unknown rule)";
    private String policy;

    VoteCollector(RuleTrace trace, ConditionVocabulary conditions) {
        this.trace = trace;
        this.conditions = conditions;
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

    @Override
    public void approveWith(String condition, String message) {
        var known = conditions.get(condition);
        if (known.isEmpty()) {
            vote(Verdict.ESCALATE, "This work could be approved on a condition our policy does not define ("
                    + condition + "), so a reviewer will look at it.", null);
        } else {
            // without a message of its own, the artist reads what the vocabulary says the condition asks
            vote(Verdict.APPROVE_WITH_CONDITIONS, message == null || message.isBlank() ? known.get().text() : message,
                    condition);
        }
    }

    private void vote(Verdict verdict, String message) {
        vote(verdict, message, null);
    }

    private void vote(Verdict verdict, String message, String condition) {
        String text = message == null || message.isBlank() ? MISSING_MESSAGE : message;
        Reason reason = new Reason(rule, verdict, text, policy, condition);
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
