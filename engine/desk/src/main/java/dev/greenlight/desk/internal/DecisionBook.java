package dev.greenlight.desk.internal;

import dev.greenlight.audit.DecisionRef;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.desk.Queue;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the desk knows of every logged decision, kept small: its record's place, ids, verdicts, area,
 * who reviewed it last, its cases, and the records that followed it (reviews, appeals). The decision
 * and submission themselves are kept for the most recent decisions only ({@link #RECENT}); older
 * ones are read back from their record's place in the log. Thread-safe (one lock; every method is short).
 */
public final class DecisionBook {
    /** Decisions whose full decision and submission stay in memory. */
    public static final int RECENT = 50_000;

    /** One decision. Fields after the first group change as reviews and appeals are recorded; read them under the book's lock. */
    public static final class Entry {
        public final long seq;
        public final String decisionId;
        public final String submissionId;
        public final String submitterId;
        public final Verdict verdict;
        public final Instant decidedAt;
        public final String area;
        /** The record's segment, offset and hash, when the record was read from the log (else null / -1 / null). */
        final Path file;
        final long offset;
        final String hash;

        Verdict finalVerdict;
        /** The last human verdict of APPROVE or REJECT, null when none. */
        Verdict lastHumanVerdict;
        String lastReviewer;
        String reviewCaseId;
        String appealCaseId;
        /** Review records of this decision in the log (what the next review's round follows). */
        int reviews;
        final List<HistoryEntry> followUps = new ArrayList<>(1);

        Entry(long seq, Decision d, String submitterId, String area, Path file, long offset, String hash) {
            this.seq = seq;
            this.decisionId = d.decisionId();
            this.submissionId = d.submissionId();
            this.submitterId = submitterId;
            this.verdict = d.verdict();
            this.decidedAt = d.decidedAt();
            this.area = area;
            this.file = file;
            this.offset = offset;
            this.hash = hash;
            this.finalVerdict = d.verdict();
        }

        /** An entry as a snapshot of the desk saved it ({@link DeskSnapshot}); the changing fields are set after. */
        Entry(long seq, String decisionId, String submissionId, String submitterId, Verdict verdict, Instant decidedAt,
              String area, Path file, long offset, String hash) {
            this.seq = seq;
            this.decisionId = decisionId;
            this.submissionId = submissionId;
            this.submitterId = submitterId;
            this.verdict = verdict;
            this.decidedAt = decidedAt;
            this.area = area;
            this.file = file;
            this.offset = offset;
            this.hash = hash;
            this.finalVerdict = verdict;
        }
    }

    /** A snapshot of an entry's changing part, read under the lock. */
    public record State(Verdict finalVerdict, Verdict lastHumanVerdict, String lastReviewer, String reviewCaseId,
                        String appealCaseId, List<HistoryEntry> followUps) {
    }

    /** A decision and its submission as recorded (the submission may be null when it cannot be read back). */
    public record Recorded(Decision decision, Submission submission) {
    }

    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<String, List<Entry>> bySubmitter = new HashMap<>();
    private final Map<String, Recorded> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > RECENT;
        }
    };

    /** Adds a decision (a second call for the same id is ignored and returns the first entry). */
    public synchronized Entry add(long seq, Decision d, Submission s, String submitterId, String area, Path file,
                                  long offset, String hash) {
        Entry e = byId.get(d.decisionId());
        if (e != null) {
            return e;
        }
        e = new Entry(seq, d, submitterId == null ? "" : submitterId, area, file, offset, hash);
        byId.put(e.decisionId, e);
        if (!e.submitterId.isEmpty()) {
            bySubmitter.computeIfAbsent(e.submitterId, k -> new ArrayList<>(2)).add(e);
        }
        if (s != null) {
            recent.put(e.decisionId, new Recorded(d, s));
        }
        return e;
    }

    public synchronized Entry get(String decisionId) {
        return decisionId == null ? null : byId.get(decisionId);
    }

    public synchronized State state(Entry e) {
        return new State(e.finalVerdict, e.lastHumanVerdict, e.lastReviewer, e.reviewCaseId, e.appealCaseId,
                List.copyOf(e.followUps));
    }

    /** The decision's record as read from the log, for linking a review or appeal without reading it again; null when not read. */
    public synchronized DecisionRef ref(Entry e) {
        if (e.hash == null) {
            return null;
        }
        return new DecisionRef(e.decisionId, e.seq, e.hash, e.submissionId, e.finalVerdict, e.reviews);
    }

    public synchronized void setReviewCase(Entry e, String caseId) {
        e.reviewCaseId = caseId;
    }

    /** Records a review of {@code e}: its history, its final verdict, and who decided. */
    public synchronized void reviewed(Entry e, long seq, Instant at, Verdict verdict, Queue queue, String reviewer,
                                      String policy, String artistMessage, String note, List<String> conditions) {
        e.followUps.add(new HistoryEntry(seq, "review", at, verdict, queue, reviewer, policy, artistMessage,
                note == null || note.isEmpty() ? null : note, conditions));
        e.finalVerdict = verdict;
        e.lastReviewer = reviewer;
        e.reviews++;
        if (verdict != Verdict.ESCALATE) {
            e.lastHumanVerdict = verdict;
        }
    }

    /** Records that conditions {@code ids} of {@code e} were met (record {@code seq}); a record already known is ignored. */
    public synchronized void fulfilled(Entry e, long seq, Instant at, List<String> ids) {
        for (HistoryEntry h : e.followUps) {
            if (h.seq() == seq) {
                return;
            }
        }
        e.followUps.add(new HistoryEntry(seq, "fulfilment", at, null, null, null, null, null, null, ids));
        e.followUps.sort(java.util.Comparator.comparingLong(HistoryEntry::seq));
    }

    /** Records an appeal against {@code e}. */
    public synchronized void appealed(Entry e, long seq, Instant at, String text, String caseId) {
        e.followUps.add(new HistoryEntry(seq, "appeal", at, null, Queue.APPEAL, null, null, text, null, List.of()));
        e.appealCaseId = caseId;
    }

    /** The decision and submission, if still in memory. */
    public synchronized Recorded recent(String decisionId) {
        return recent.get(decisionId);
    }

    /** Keeps a decision read back from the log in memory for a while. */
    public synchronized void remember(Recorded r) {
        recent.put(r.decision().decisionId(), r);
    }

    /** The submitter's decisions, newest first, at most {@code limit}. */
    public synchronized List<Entry> bySubmitter(String submitterId, int limit) {
        List<Entry> all = bySubmitter.getOrDefault(submitterId, List.of());
        List<Entry> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Every entry, in record order (for {@link DeskSnapshot}). */
    synchronized List<Entry> entries() {
        List<Entry> all = new ArrayList<>(byId.values());
        all.sort(java.util.Comparator.comparingLong(e -> e.seq));
        return all;
    }

    /** Puts back an entry a snapshot saved (entries come in record order, as {@link #add} saw them). */
    synchronized void restore(Entry e) {
        byId.put(e.decisionId, e);
        if (!e.submitterId.isEmpty()) {
            bySubmitter.computeIfAbsent(e.submitterId, k -> new ArrayList<>(2)).add(e);
        }
    }

    public synchronized int size() {
        return byId.size();
    }
}
