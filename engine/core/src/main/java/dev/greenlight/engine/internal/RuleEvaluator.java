package dev.greenlight.engine.internal;

import dev.greenlight.model.Media;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.Match;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one evaluation: a session over the submission, its media and its signals, bounded in rule
 * firings and in time. Never throws for what a rule does: a throwing rule, a runaway rule or a
 * timeout becomes an {@code ESCALATE} reason that names it.
 *
 * <p>Sessions come from a {@link SessionPool}: a session that ended normally is reset (nothing of
 * one evaluation reaches the next) and reused; one that threw, timed out or hit the firing limit is
 * disposed. Thread-safe: per-call state is local, the KieBase is shared read-only, and a session
 * serves one call at a time. {@link #close()} disposes the idle sessions.
 */
public final class RuleEvaluator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluator.class);

    /** Reasons the engine adds itself; rule names starting {@code greenlight.} are reserved for them. */
    public static final String RULE_ERROR = "greenlight.rule-error";
    public static final String RULE_LIMIT = "greenlight.rule-limit";
    public static final String RULE_TIMEOUT = "greenlight.rule-timeout";

    private final int maxFirings;
    private final long timeoutNanos;
    /** The pool of the KieBase last evaluated; replaced when the rules change. */
    private volatile SessionPool sessions;
    /** Sessions made and warmed for rules about to be swapped in ({@link #prepare}); adopted on their first use. */
    private SessionPool prepared;

    public RuleEvaluator(int maxFirings, Duration timeout) {
        this.maxFirings = maxFirings;
        this.timeoutNanos = timeout.toNanos();
    }

    /** The votes of the rules, in firing order, plus any reason the engine adds for a failure. */
    public List<Reason> evaluate(CompiledRules rules, Submission submission, List<Signal> signals) {
        return evaluate(rules, submission, signals, null);
    }

    /** As {@link #evaluate(CompiledRules, Submission, List)}, recording every firing in {@code trace} when given. */
    public List<Reason> evaluate(CompiledRules rules, Submission submission, List<Signal> signals, RuleTrace trace) {
        return evaluate(sessions(rules), rules, submission, signals, trace, true);
    }

    /**
     * Gets {@code next} ready to decide before it is swapped in, off the request path: makes a pool
     * of its sessions and evaluates {@code samples} (recent inputs) on them {@code evaluations} times
     * in all, so that the first decisions after the swap find a session waiting, the constraints
     * already jitted by Drools and the rules' classes loaded and compiled by the JVM, instead of
     * paying for all that themselves. The pool is adopted by the first evaluation of {@code next};
     * until then the live pool serves as before. Nothing of a warm-up is a decision: the votes are
     * dropped and nothing is logged. Stops early once {@code budget} has passed (the first
     * evaluations are the costly ones; the rest only shave the tail, and the reload waits for them).
     * Returns the number of evaluations made.
     */
    public int prepare(CompiledRules next, List<Sample> samples, int evaluations, Duration budget) {
        SessionPool pool = new SessionPool(next.kieBase());
        long deadline = System.nanoTime() + budget.toNanos();
        int made = 0;
        try {
            // one session made ahead even without samples: making it is the costliest part of a first decision
            pool.release(pool.take(), true);
            for (int i = 0; i < evaluations && !samples.isEmpty() && System.nanoTime() - deadline < 0; i++) {
                Sample s = samples.get(i % samples.size());
                evaluate(pool, next, s.submission(), s.signals(), null, false);
                made++;
            }
        } catch (RuntimeException e) {
            LOG.debug("warming the new rules stopped early", e); // they still serve; only the warm-up is lost
        }
        SessionPool old;
        synchronized (this) {
            old = prepared;
            prepared = pool;
        }
        if (old != null) {
            old.close();
        }
        return made;
    }

    /** An input to warm rules with: a submission and the signals it was decided with. */
    public record Sample(Submission submission, List<Signal> signals) {
    }

    private List<Reason> evaluate(SessionPool pool, CompiledRules rules, Submission submission, List<Signal> signals,
                                  RuleTrace trace, boolean log) {
        VoteCollector votes = new VoteCollector(trace, rules.conditions());
        KieSession session = pool.take();
        boolean reusable = false;
        Bound bound = new Bound(votes, System.nanoTime() + timeoutNanos, trace);
        try {
            if (rules.hasVerdictGlobal()) {
                session.setGlobal(CompiledRules.VERDICT_GLOBAL, votes);
            }
            session.addEventListener(bound);
            session.insert(submission);
            for (Media m : submission.getMedia()) {
                session.insert(m);
            }
            for (Signal s : signals) {
                session.insert(s);
            }
            int fired = session.fireAllRules(maxFirings);
            if (bound.timedOut) {
                votes.add(new Reason(RULE_TIMEOUT, Verdict.ESCALATE, "Our automatic check took too long to finish, "
                        + "so a reviewer will look at this submission.", null));
                warn(log, "rules for submission {} stopped after {} ms at rule '{}'", submission.getId(),
                        timeoutNanos / 1_000_000, bound.lastRule);
            } else if (fired >= maxFirings) {
                votes.add(new Reason(RULE_LIMIT, Verdict.ESCALATE, "Our automatic check did not finish (rule '"
                        + bound.lastRule + "' kept firing past the limit of " + maxFirings
                        + " rule firings), so a reviewer will look at this submission.", null));
                warn(log, "rules for submission {} reached the limit of {} firings; last rule '{}'",
                        submission.getId(), maxFirings, bound.lastRule);
            } else {
                reusable = true;
            }
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? bound.lastRule : e.getMatch().getRule().getName();
            votes.add(ruleError(rule, e.getCause() == null ? e : e.getCause()));
            warnOneLine(log, e.getCause() == null ? e : e.getCause(), "rule '{}' threw while deciding submission {}", rule, submission.getId());
        } catch (RuntimeException | StackOverflowError e) {
            // a constraint that throws surfaces here rather than as a ConsequenceException
            votes.add(ruleError(bound.lastRule, e));
            warnOneLine(log, e, "rules failed while deciding submission {}", submission.getId());
        } finally {
            pool.release(session, reusable);
        }
        return votes.reasons();
    }

    private SessionPool sessions(CompiledRules rules) {
        SessionPool pool = sessions;
        if (pool != null && pool.kieBase() == rules.kieBase()) {
            return pool;
        }
        synchronized (this) {
            pool = sessions;
            if (pool == null || pool.kieBase() != rules.kieBase()) {
                if (pool != null) {
                    pool.close(); // sessions of the old rules still in use are disposed when given back
                }
                if (prepared != null && prepared.kieBase() == rules.kieBase()) {
                    pool = prepared;
                } else {
                    pool = new SessionPool(rules.kieBase());
                    if (prepared != null) {
                        prepared.close(); // made for rules that never served (or no longer do)
                    }
                }
                prepared = null;
                sessions = pool;
            }
            return pool;
        }
    }

    /** Disposes the idle sessions; evaluating again afterwards still works (with new sessions). */
    @Override
    public synchronized void close() {
        SessionPool pool = sessions;
        sessions = null;
        if (pool != null) {
            pool.close();
        }
        if (prepared != null) {
            prepared.close();
            prepared = null;
        }
    }

    /** Warm-ups ({@link #prepare}) are not decisions, so what goes wrong in them is not logged as if it were one. */
    private static void warn(boolean log, String format, Object... args) {
        if (log) {
            LOG.warn(format, args);
        }
    }

    /**
     * A rule's failure as one WARN line naming the exception, with the stack trace at DEBUG: the
     * decision already carries the reason, and a trace of Drools frames on every decision buried the
     * output of {@code dry-run} (issue 16).
     */
    private static void warnOneLine(boolean log, Throwable cause, String format, Object... args) {
        if (log) {
            Object[] withCause = java.util.Arrays.copyOf(args, args.length + 1);
            withCause[args.length] = cause.toString();
            LOG.warn(format + ": {} (stack trace at DEBUG)", withCause);
            Object[] withTrace = java.util.Arrays.copyOf(args, args.length + 1);
            withTrace[args.length] = cause; // a Throwable last: SLF4J prints its stack trace
            LOG.debug(format, withTrace);
        }
    }

    private static Reason ruleError(String rule, Throwable cause) {
        return new Reason(RULE_ERROR, Verdict.ESCALATE, "Our automatic check failed (rule '" + rule + "' raised "
                + cause.getClass().getSimpleName() + "), so a reviewer will look at this submission.", null);
    }

    /** Tells the collector which rule is voting, and stops the session when time runs out. */
    private static final class Bound extends DefaultAgendaEventListener {
        private final VoteCollector votes;
        private final long deadline;
        private final RuleTrace trace;
        String lastRule = "(none)";
        boolean timedOut;

        Bound(VoteCollector votes, long deadline, RuleTrace trace) {
            this.votes = votes;
            this.deadline = deadline;
            this.trace = trace;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            Match match = event.getMatch();
            lastRule = match.getRule().getName();
            Object policy = match.getRule().getMetaData().get("policy");
            String policyId = policy == null ? null : stripQuotes(policy.toString());
            votes.firing(lastRule, policyId);
            if (trace != null) {
                List<String> facts = new ArrayList<>();
                for (Object o : match.getObjects()) {
                    facts.add(String.valueOf(o));
                }
                List<String> bindings = new ArrayList<>();
                for (String id : match.getDeclarationIds()) {
                    if (id.startsWith("$")) {
                        bindings.add(id + " = " + match.getDeclarationValue(id));
                    }
                }
                trace.fired(lastRule, policyId, facts, bindings);
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (System.nanoTime() > deadline) {
                timedOut = true;
                event.getKieRuntime().halt();
            }
        }

        private static String stripQuotes(String s) {
            return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        }
    }
}
