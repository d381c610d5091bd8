package dev.greenlight.server.web;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DecisionView;
import dev.greenlight.desk.DeskMetrics;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.engine.Explanation;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.server.web.view.CasePage;
import dev.greenlight.server.web.view.Chrome;
import dev.greenlight.server.web.view.HistoryPage;
import dev.greenlight.server.web.view.QueuesPage;
import dev.greenlight.server.web.view.Rows;
import dev.greenlight.server.web.view.StatsPage;
import dev.greenlight.spi.MediaFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the desk's state into what the templates show: formatted, with nothing the page must
 * compute. Reads only. Thread-safe.
 */
final class PageModels {
    private static final Logger LOG = LoggerFactory.getLogger(PageModels.class);
    /** Cases listed on the queues page at most. */
    static final int LISTED = 50;
    private static final Comparator<Case> ORDER = Comparator.comparingInt(Case::priority).reversed()
            .thenComparing(Case::openedAt).thenComparing(Case::caseId);

    private final ReviewDesk desk;
    private final Greenlight engine;
    private final Clock clock;

    PageModels(ReviewDesk desk, Greenlight engine, Clock clock) {
        this.desk = desk;
        this.engine = engine;
        this.clock = clock;
    }

    static Chrome chrome(Sessions.Session s, String title, String nav) {
        return new Chrome(title, s.account.name(), role(s.account), s.csrf, nav, s.takeFlash());
    }

    /** The role shown beside the name: the strongest one held. */
    static String role(Account a) {
        return a.roles().contains(Role.LEAD) ? "lead" : a.roles().contains(Role.REVIEWER) ? "reviewer" : "auditor";
    }

    /** Reviewers and leads decide; an auditor only reads. */
    static boolean canDecide(Account a) {
        return a.roles().contains(Role.REVIEWER) || a.roles().contains(Role.LEAD);
    }

    /** Only leads take cases from the lead queue; reviewers and leads from the others. */
    static boolean mayTake(Account a, Queue q) {
        return q == Queue.LEAD ? a.roles().contains(Role.LEAD) : canDecide(a);
    }

    static String label(Queue q) {
        return switch (q) {
            case REVIEW -> "Review";
            case LEAD -> "Lead";
            case APPEAL -> "Appeals";
        };
    }

    private static String about(Queue q) {
        return switch (q) {
            case REVIEW -> "Work the rules escalated to a person.";
            case LEAD -> "Cases a reviewer handed to a lead.";
            case APPEAL -> "Decided cases the artist appealed; never to the reviewer who decided them.";
        };
    }

    List<Rows.QueueCard> cards(Account who) {
        List<Rows.QueueCard> out = new ArrayList<>();
        for (QueueStats s : desk.stats()) {
            out.add(new Rows.QueueCard(s.queue().id(), label(s.queue()), about(s.queue()), s.open(), s.claimed(),
                    s.open() + s.claimed() == 0 ? "—" : Format.age(s.oldestAge()), s.pastDue(), mayTake(who, s.queue())));
        }
        return out;
    }

    QueuesPage queues(Account who) {
        List<Case> cases = new ArrayList<>();
        for (Queue q : Queue.values()) {
            cases.addAll(desk.list(q, CaseState.OPEN, 0, LISTED));
            cases.addAll(desk.list(q, CaseState.CLAIMED, 0, LISTED));
        }
        cases.sort(ORDER);
        return new QueuesPage(cards(who), cases.stream().limit(LISTED).map(this::row).toList(), canDecide(who));
    }

    Rows.CaseRow row(Case c) {
        Instant now = clock.instant();
        return new Rows.CaseRow(c.caseId(), c.decisionId(), c.submissionId(), label(c.queue()),
                c.state().name().toLowerCase(Locale.ROOT), c.priority(), c.area() == null ? "" : c.area(),
                Format.when(c.openedAt()), Format.when(c.dueAt()), c.state() != CaseState.CLOSED && c.pastDue(now),
                c.claimedBy() == null ? "" : c.claimedBy(), c.finalVerdict() == null ? "" : c.finalVerdict().name());
    }

    /** The case page for {@code c} as {@code who} sees it, with the form refilled and an error when given. */
    CasePage casePage(Account who, Case c, CasePage.FormValues form, String error) {
        DecisionView view = desk.decision(c.decisionId()).orElse(null);
        boolean mine = c.state() == CaseState.CLAIMED && who.name().equals(c.claimedBy());
        List<Rows.Field> fields = List.of();
        List<CasePage.MediaView> media = List.of();
        List<Rows.ReasonView> reasons = List.of();
        List<CasePage.SignalView> signals = List.of();
        List<Rows.EntryView> history = List.of();
        List<CasePage.EarlierView> earlier = List.of();
        Explained explained = new Explained(List.of(), "The decision is not in the audit log this desk reads.");
        String verdict = "";
        String decidedAt = "";
        String ruleset = "";
        if (view != null) {
            Decision d = view.decision();
            Submission s = view.submission();
            fields = fields(s);
            media = media(d.decisionId(), s);
            reasons = reasons(d);
            signals = d.signals().stream().map(PageModels::signal).toList();
            history = entries(view.history());
            earlier = earlier(s, d.decisionId());
            explained = explain(s, d);
            verdict = d.verdict().name();
            decidedAt = Format.when(d.decidedAt());
            ruleset = d.ruleset().version();
        }
        return new CasePage(row(c), c.version(), mine, canDecide(who), Format.when(c.leaseUntil()), verdict, decidedAt,
                ruleset, fields, media, reasons, signals, explained.firings, explained.note,
                view == null ? List.of() : policies(view.decision()), policyOptions(), history, earlier,
                verdicts(c.queue()), form, error);
    }

    HistoryPage history(DecisionView view) {
        Decision d = view.decision();
        return new HistoryPage(d.decisionId(), d.submissionId(), d.verdict().name(),
                view.finalVerdict() == null ? d.verdict().name() : view.finalVerdict().name(), Format.when(d.decidedAt()),
                reasons(d), view.openOrLastCase().map(this::row).orElse(null), entries(view.history()));
    }

    StatsPage stats(Account who) {
        DeskMetrics m = desk.metrics();
        List<Rows.Field> measures = List.of(
                new Rows.Field("Cases closed", Long.toString(m.decided())),
                new Rows.Field("Time to decision, median", Format.age(m.timeToDecisionP50())),
                new Rows.Field("Time to decision, 90th percentile", Format.age(m.timeToDecisionP90())),
                new Rows.Field("Lead overturn rate (a lead changed a reviewer's approve or reject)",
                        percent(m.leadOverturns(), m.leadDecisions())),
                new Rows.Field("Appeal overturn rate (an appeal changed the verdict)", percent(m.appealOverturns(), m.appealDecisions())));
        List<Rows.Field> perReviewer = m.decisionsByReviewer().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Rows.Field(e.getKey(), Long.toString(e.getValue()))).toList();
        return new StatsPage(cards(who), measures, perReviewer);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "— (no decisions yet)" : String.format(Locale.ROOT, "%.0f %% (%d of %d)", 100.0 * part / whole, part, whole);
    }

    private static List<CasePage.VerdictOption> verdicts(Queue q) {
        List<CasePage.VerdictOption> v = new ArrayList<>();
        v.add(new CasePage.VerdictOption("APPROVE", "Approve", "a", "the work may be published"));
        v.add(new CasePage.VerdictOption("REJECT", "Reject", "r", "the work may not be published"));
        if (q != Queue.LEAD) {
            // the lead queue is where escalations end: a lead decides
            v.add(new CasePage.VerdictOption("ESCALATE", "Escalate to a lead", "e", "a lead decides"));
        }
        return v;
    }

    private static List<Rows.Field> fields(Submission s) {
        List<Rows.Field> f = new ArrayList<>();
        f.add(new Rows.Field("Submission", s.getId()));
        f.add(new Rows.Field("Title", s.getTitle()));
        f.add(new Rows.Field("Description", s.getDescription()));
        f.add(new Rows.Field("Prompt", s.getPrompt()));
        f.add(new Rows.Field("Intended use", s.getIntendedUse()));
        f.add(new Rows.Field("Tags", String.join(", ", s.getTags())));
        var sub = s.getSubmitter();
        if (sub != null) {
            f.add(new Rows.Field("Submitter", sub.getId() + (sub.getProgram().isEmpty() ? "" : " · programme " + sub.getProgram())
                    + (sub.isVerified() ? " · verified" : " · not verified")
                    + (sub.getRoles().isEmpty() ? "" : " · " + String.join(", ", sub.getRoles()))));
        }
        if (s.getModel() != null && !s.getModel().getName().isEmpty()) {
            f.add(new Rows.Field("Model", s.getModel().getName() + " " + s.getModel().getVersion()));
        }
        if (s.getProvenance() != null) {
            f.add(new Rows.Field("Provenance", "C2PA " + (s.getProvenance().isC2pa() ? "declared" : "not declared")
                    + " · watermark " + (s.getProvenance().isWatermark() ? "declared" : "not declared")));
        }
        if (s.getSubmittedAt() != null) {
            f.add(new Rows.Field("Submitted", Format.when(s.getSubmittedAt())));
        }
        s.getAttributes().forEach((k, v) -> f.add(new Rows.Field("Attribute " + k, String.valueOf(v))));
        return f.stream().filter(x -> x.value() != null && !x.value().isBlank()).toList();
    }

    private List<CasePage.MediaView> media(String decisionId, Submission s) {
        List<CasePage.MediaView> out = new ArrayList<>();
        List<Media> items = s.getMedia();
        for (int i = 0; i < items.size(); i++) {
            Media m = items.get(i);
            String kind = switch (m.getType()) {
                case "image", "video", "audio" -> m.getType();
                default -> "file";
            };
            String label = m.getType() + " " + (i + 1) + (m.getPath().isEmpty() ? "" : " (" + m.getPath() + ")")
                    + (m.getWidth() != null && m.getHeight() != null ? ", " + m.getWidth() + "×" + m.getHeight() : "")
                    + (m.getDurationSeconds() != null ? ", " + m.getDurationSeconds() + " s" : "");
            String url = m.getPath().isEmpty() ? null : "/desk/media/" + decisionId + "/" + i;
            out.add(new CasePage.MediaView(i, kind, url, label, "media-" + i));
        }
        return out;
    }

    /** The file behind {@code /desk/media/<decisionId>/<index>}, confined to the media root; null when there is none. */
    MediaFile mediaFile(String decisionId, String index, Path root) {
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            return null;
        }
        DecisionView view = desk.decision(decisionId).orElse(null);
        if (view == null || i < 0 || i >= view.submission().getMedia().size()) {
            return null;
        }
        Media m = view.submission().getMedia().get(i);
        return MediaFiles.resolve(root, m.getPath())
                .map(p -> new MediaFile(p, MediaStream.contentType(m.getMimeType(), p))).orElse(null);
    }

    /** A media file to send and its content type. */
    record MediaFile(Path path, String contentType) {
    }

    private static List<Rows.ReasonView> reasons(Decision d) {
        return d.reasons().stream().map(r -> new Rows.ReasonView(r.rule(), r.verdict().name(), r.message(),
                r.policy() == null ? "" : r.policy())).toList();
    }

    private static CasePage.SignalView signal(Signal s) {
        String attrs = s.getAttributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return new CasePage.SignalView(s.getSource(), s.getName(), s.getValue(), s.getScore() == null ? "" : String.valueOf(s.getScore()),
                s.getMediaIndex() == null ? "" : "item " + (s.getMediaIndex() + 1), attrs);
    }

    static List<Rows.EntryView> entries(List<HistoryEntry> history) {
        return history.stream().map(h -> new Rows.EntryView(h.seq(), h.type(), Format.when(h.at()),
                h.verdict() == null ? "" : h.verdict().name(), h.queue() == null ? "" : label(h.queue()),
                h.actor() == null ? (h.type().equals("decision") ? "the rules" : "") : h.actor(), nz(h.policy()),
                nz(h.artistMessage()), nz(h.note()), h.conditions() == null ? "" : String.join(", ", h.conditions()))).toList();
    }

    private List<CasePage.EarlierView> earlier(Submission s, String decisionId) {
        if (s.getSubmitter() == null || s.getSubmitter().getId().isEmpty()) {
            return List.of();
        }
        return desk.bySubmitter(s.getSubmitter().getId(), 11).stream()
                .filter(v -> !v.decision().decisionId().equals(decisionId)).limit(10)
                .map(v -> new CasePage.EarlierView(v.decision().decisionId(), v.decision().submissionId(),
                        v.decision().verdict().name(), v.finalVerdict() == null ? "" : v.finalVerdict().name(),
                        Format.when(v.decision().decidedAt()))).toList();
    }

    /** The rules that fired, as {@code greenlight explain} shows them, re-run on the recorded signals. */
    private Explained explain(Submission s, Decision d) {
        if (engine == null) {
            return new Explained(List.of(), "Rule detail is not available here.");
        }
        try {
            Explanation e = engine.explain(s, d.signals());
            String now = e.decision().ruleset().version();
            String note = "Re-run on the recorded signals under the rules loaded now"
                    + (now.equals(d.ruleset().version()) ? ", the same rules that decided."
                    : " (" + now + "); the decision was made under other rules, so this may differ.");
            List<CasePage.FiringView> firings = e.firings().stream().map(f -> new CasePage.FiringView(f.rule(),
                    nz(f.policy()), f.facts(), f.bindings(),
                    f.votes().stream().map(r -> r.verdict().name() + ": " + r.message()).toList())).toList();
            return new Explained(firings, note);
        } catch (RuntimeException ex) {
            LOG.warn("explaining decision {} failed: {}", d.decisionId(), ex.toString());
            return new Explained(List.of(), "The rules could not be re-run for this decision: " + ex.getMessage());
        }
    }

    private record Explained(List<CasePage.FiringView> firings, String note) {
    }

    private List<Rows.PolicyView> policies(Decision d) {
        Set<String> ids = new LinkedHashSet<>();
        for (Reason r : d.reasons()) {
            if (r.policy() != null && !r.policy().isEmpty()) {
                ids.add(r.policy());
            }
        }
        return ids.stream().map(this::policy).filter(p -> p != null).toList();
    }

    /** The catalogue's entry for {@code id}, or null. */
    private Rows.PolicyView policy(String id) {
        return PolicyText.of(desk.catalogue(), id);
    }

    private List<Rows.PolicyView> policyOptions() {
        return PolicyText.all(desk.catalogue());
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A template's parameters from name, value pairs; unlike {@code Map.of}, a value may be null (an optional part). */
    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
