package dev.greenlight.testkit;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Votes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The floor Greenlight is measured against: the same rule files compiled by plain Drools, evaluated
 * over the same facts with nothing around them (no time or firing bound, no rule names on votes, no
 * decision, no log). Only what a benchmark needs; not a way to decide.
 *
 * <p>Thread-safe once compiled; each {@link Evaluator} is for one thread at a time. Arguments must
 * not be null.
 */
public final class BareDrools {
    /** How the bare evaluation gets its session. */
    public enum Mode {
        /** A {@link StatelessKieSession} per thread: Drools' own "evaluate these facts" API. */
        STATELESS,
        /** Stateful sessions from Drools' {@link KieSessionsPool}, reset and reused. */
        POOLED
    }

    private final KieBase kieBase;
    private final KieSessionsPool pool;

    private BareDrools(KieBase kieBase) {
        this.kieBase = kieBase;
        this.pool = kieBase.newKieSessionsPool(1);
    }

    /**
     * Compiles rule sources (relative path to bytes) with plain Drools.
     *
     * @throws IllegalArgumentException naming the first errors when the sources do not compile
     */
    public static BareDrools compile(Map<String, byte[]> sources) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("dev.greenlight.bench", "bare", "1.0." + System.nanoTime());
        kfs.generateAndWritePomXML(id);
        sources.forEach((path, bytes) -> kfs.write("src/main/resources/" + path, bytes));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("plain Drools could not compile the rules: "
                    + errors.subList(0, Math.min(3, errors.size())));
        }
        KieBase kieBase = ks.newKieContainer(id).getKieBase();
        ks.getRepository().removeKieModule(id);
        return new BareDrools(kieBase);
    }

    /** An evaluator for one thread. */
    public Evaluator evaluator(Mode mode) {
        return mode == Mode.STATELESS ? new Stateless(kieBase.newStatelessKieSession()) : new Pooled(pool);
    }

    /** Evaluates the rules over one submission's facts; one thread at a time. */
    public interface Evaluator {
        /** The number of votes the rules cast. */
        int evaluate(Submission submission, List<Signal> signals);
    }

    private static List<Object> facts(Submission submission, List<Signal> signals) {
        List<Object> facts = new ArrayList<>(1 + submission.getMedia().size() + signals.size());
        facts.add(submission);
        facts.addAll(submission.getMedia());
        facts.addAll(signals);
        return facts;
    }

    private static final class Stateless implements Evaluator {
        private final StatelessKieSession session;
        private final CountingVotes votes = new CountingVotes();

        Stateless(StatelessKieSession session) {
            this.session = session;
            session.setGlobal("verdict", votes);
        }

        @Override
        public int evaluate(Submission submission, List<Signal> signals) {
            votes.count = 0;
            session.execute(facts(submission, signals));
            return votes.count;
        }
    }

    private static final class Pooled implements Evaluator {
        private final KieSessionsPool pool;
        private final CountingVotes votes = new CountingVotes();

        Pooled(KieSessionsPool pool) {
            this.pool = pool;
        }

        @Override
        public int evaluate(Submission submission, List<Signal> signals) {
            votes.count = 0;
            KieSession session = pool.newKieSession();
            try {
                session.setGlobal("verdict", votes);
                session.insert(submission);
                for (Media m : submission.getMedia()) {
                    session.insert(m);
                }
                for (Signal s : signals) {
                    session.insert(s);
                }
                session.fireAllRules();
            } finally {
                session.dispose();
            }
            return votes.count;
        }
    }

    /** Counts votes and keeps nothing else. */
    private static final class CountingVotes implements Votes {
        int count;

        @Override
        public void reject(String message) {
            count++;
        }

        @Override
        public void escalate(String message) {
            count++;
        }

        @Override
        public void approve(String message) {
            count++;
        }

        @Override
        public void approveWith(String condition, String message) {
            count++;
        }
    }
}
