package dev.greenlight.desk.internal;

import dev.greenlight.engine.RecordedDecisionListener;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows an engine's new decisions into the desk. It listens from before the rebuild reads the log,
 * holding what it hears until the rebuild is done; then it passes on the held decisions the rebuild
 * did not read (sequence number after the last one read) and everything after. So a decision made
 * while the desk opens is neither lost nor counted twice. Thread-safe.
 */
public final class Follower implements RecordedDecisionListener {
    private record Held(long seq, Decision decision, Submission submission) {
    }

    private final DeskCore core;
    private final List<Held> held = new ArrayList<>();
    private boolean live;

    public Follower(DeskCore core) {
        this.core = core;
    }

    @Override
    public void recorded(long seq, Decision decision, Submission submission) {
        synchronized (this) {
            if (!live) {
                held.add(new Held(seq, decision, submission));
                return;
            }
        }
        apply(seq, decision, submission);
    }

    /** The rebuild read the log up to {@code lastSeq}: pass on what came after, and from now on everything. */
    public synchronized void goLive(long lastSeq) {
        held.sort((a, b) -> Long.compare(a.seq, b.seq));
        for (Held h : held) {
            if (h.seq > lastSeq) {
                apply(h.seq, h.decision, h.submission);
            }
        }
        held.clear();
        live = true;
    }

    private void apply(long seq, Decision d, Submission s) {
        core.decisionRecorded(seq, d, s, s.getSubmitter() == null ? "" : s.getSubmitter().getId(), null, -1, null);
    }
}
