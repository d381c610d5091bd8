package dev.greenlight.engine;

import dev.greenlight.engine.internal.CompiledRules;
import dev.greenlight.engine.internal.ConditionVocabulary;
import dev.greenlight.engine.internal.RuleEvaluator;
import dev.greenlight.engine.internal.RuleTrace;
import dev.greenlight.host.Evidence;
import dev.greenlight.host.EvidenceCollector;
import dev.greenlight.host.PluginHost;
import dev.greenlight.model.Condition;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.ShadowVerdict;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Turns a submission into a decision: evidence from the plugins (or given signals), the rules'
 * votes, the combined verdict, and what the shadow rules make of the same inputs. It records
 * nothing and publishes nothing: that is the {@link Recorder}'s job, so that deciding, explaining
 * and replaying are one path and only recording differs.
 *
 * <p>Thread-safe: each call reads the live rules once and finishes on them.
 */
final class DecisionPipeline {
    /** Rule name of the reason added when no rule voted. */
    static final String DEFAULT_RULE = "greenlight.default";

    private final LiveRules rules;
    private final RuleEvaluator evaluator;
    private final EvidenceCollector evidence;
    private final Verdict defaultVerdict;
    private final Clock clock;
    private final Supplier<String> ids;
    private final LongSupplier ticker;
    private final RecentInputs recent;

    DecisionPipeline(LiveRules rules, RuleEvaluator evaluator, EvidenceCollector evidence, Verdict defaultVerdict,
                     Clock clock, Supplier<String> ids, LongSupplier ticker, RecentInputs recent) {
        this.rules = rules;
        this.evaluator = evaluator;
        this.evidence = evidence;
        this.defaultVerdict = defaultVerdict;
        this.clock = clock;
        this.ids = ids;
        this.ticker = ticker;
        this.recent = recent;
    }

    /** Runs the plugins on {@code submission} (media resolved against {@code mediaRoot}) and decides. */
    Decided decide(Submission submission, Path mediaRoot) {
        long start = ticker.getAsLong();
        Instant decidedAt = clock.instant();
        return decided(submission, evidence.collect(submission, mediaRoot), decidedAt, start);
    }

    /** Decides with {@code signals} instead of running the plugins. */
    Decided decide(Submission submission, List<Signal> signals) {
        long start = ticker.getAsLong();
        Instant decidedAt = clock.instant();
        return decided(submission, given(signals), decidedAt, start);
    }

    private Decided decided(Submission submission, Evidence found, Instant decidedAt, long start) {
        Decision d = evaluate(submission, found, decidedAt, start, null);
        return new Decided(d, submission, shadow(submission, found), start);
    }

    /** Decides and traces every rule firing; nothing of it is recorded. */
    Explanation explain(Submission submission, Path mediaRoot) {
        return explain(submission, () -> evidence.collect(submission, mediaRoot));
    }

    /** As {@link #explain(Submission, Path)}, with {@code signals} instead of running the plugins. */
    Explanation explain(Submission submission, List<Signal> signals) {
        return explain(submission, () -> given(signals));
    }

    private Explanation explain(Submission submission, Supplier<Evidence> found) {
        long start = ticker.getAsLong();
        RuleTrace trace = new RuleTrace();
        Decision d = evaluate(submission, found.get(), clock.instant(), start, trace);
        return Explanation.of(d, trace);
    }

    /** Re-decides with the evidence a logged decision recorded: its signals, plugin runs and plugin failures. */
    Decision replay(Submission submission, Decision recorded) {
        List<Reason> pluginErrors = recorded.reasons().stream()
                .filter(r -> r.rule().equals(PluginHost.PLUGIN_ERROR_RULE)).toList();
        return evaluate(submission, new Evidence(recorded.signals(), recorded.plugins(), pluginErrors), clock.instant(),
                ticker.getAsLong(), null);
    }

    private Decision evaluate(Submission submission, Evidence found, Instant decidedAt, long start, RuleTrace trace) {
        // read once: a reload during this decision does not change the rules it is made with
        CompiledRules live = rules.live().compiled();
        recent.offer(submission, found.signals());
        List<Reason> reasons = reasons(evaluator, live, submission, found, trace);
        Verdict verdict = combine(reasons);
        long elapsed = (ticker.getAsLong() - start) / 1_000;
        return new Decision(ids.get(), submission.getId(), verdict, reasons, found.signals(), live.ref(), found.runs(),
                decidedAt, elapsed, conditions(verdict, reasons, live, decidedAt));
    }

    /**
     * What the shadow rules make of the same submission and evidence, by the same path as a live
     * decision; null without a shadow. Never throws: a failing shadow is recorded as such and never
     * touches the live decision.
     */
    private ShadowVerdict shadow(Submission submission, Evidence found) {
        LiveRules.Shadow s = rules.shadow();
        if (s == null) {
            return null;
        }
        CompiledRules compiled = s.rules().compiled();
        long t0 = ticker.getAsLong();
        try {
            List<Reason> reasons = reasons(s.evaluator(), compiled, submission, found, null);
            return new ShadowVerdict(compiled.ref(), combine(reasons), reasons, (ticker.getAsLong() - t0) / 1_000, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new ShadowVerdict(compiled.ref(), null, List.of(), (ticker.getAsLong() - t0) / 1_000, e.toString());
        }
    }

    /** Every reason for a decision with {@code compiled}: plugin failures, then the votes, else the default. */
    private List<Reason> reasons(RuleEvaluator ev, CompiledRules compiled, Submission submission, Evidence found,
                                 RuleTrace trace) {
        List<Reason> reasons = new ArrayList<>(found.reasons());
        reasons.addAll(ev.evaluate(compiled, submission, found.signals(), trace));
        if (reasons.isEmpty()) {
            reasons.add(new Reason(DEFAULT_RULE, defaultVerdict, defaultMessage(defaultVerdict), null));
        }
        return reasons;
    }

    /**
     * What a conditional approval asks for: the first vote per condition, due the vocabulary's deadline
     * after the decision; none for any other verdict (a condition outvoted by an escalation is moot).
     */
    private static List<Condition> conditions(Verdict verdict, List<Reason> reasons, CompiledRules live, Instant decidedAt) {
        if (verdict != Verdict.APPROVE_WITH_CONDITIONS) {
            return List.of();
        }
        List<Condition> out = new ArrayList<>();
        for (Condition c : Decision.conditionsOf(reasons)) {
            Instant due = live.conditions().get(c.id()).map(ConditionVocabulary.Definition::deadline)
                    .map(decidedAt::plus).orElse(null);
            out.add(new Condition(c.id(), c.message(), c.policy(), c.rule(), due));
        }
        return out;
    }

    /** REJECT over ESCALATE over APPROVE_WITH_CONDITIONS over APPROVE; the default verdict when nothing voted. */
    private Verdict combine(List<Reason> reasons) {
        Verdict v = null;
        for (Reason r : reasons) {
            v = r.verdict().strongest(v);
        }
        return v == null ? defaultVerdict : v;
    }

    private static Evidence given(List<Signal> signals) {
        return new Evidence(signals, List.of(), List.of());
    }

    private static String defaultMessage(Verdict v) {
        return switch (v) {
            case APPROVE -> "No policy concern applies to this submission.";
            // refused by the builder: there is no condition without a vote
            case APPROVE_WITH_CONDITIONS -> throw new IllegalStateException("no default conditional approval");
            case ESCALATE -> "No policy rule covers this submission, so a reviewer will look at it.";
            case REJECT -> "No policy rule allows this submission.";
        };
    }
}
