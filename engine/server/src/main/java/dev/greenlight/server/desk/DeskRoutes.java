package dev.greenlight.server.desk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.audit.AuditException;
import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseConflictException;
import dev.greenlight.desk.CaseState;
import dev.greenlight.desk.DeskAccessException;
import dev.greenlight.desk.DeskException;
import dev.greenlight.desk.HistoryEntry;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.QueueStats;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.ReviewRequest;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.desk.accounts.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review desk's JSON routes (docs/contract.md §7), in front of one {@link ReviewDesk}:
 *
 * <pre>
 * GET  /v1/cases?queue=Q&amp;state=S&amp;offset=N&amp;limit=N   a page of cases, oldest highest-priority first, with a next link
 * POST /v1/cases/next?queue=Q                         claims the next open case: 200 with it, 204 when none
 * GET  /v1/cases/{caseId}                             one case with its history
 * POST /v1/cases/{caseId}/renew | release             the caller's lease renewed, or the case given back
 * POST /v1/cases/{caseId}/reassign    {to}            a lead hands the case to another account
 * POST /v1/cases/{caseId}/decision    {verdict, policy, artistMessage, note, version, conditions?}
 * GET  /v1/decisions/{decisionId}                     the decision, its case, history and final verdict
 * GET  /v1/queues                                     counts per queue
 * </pre>
 *
 * <p>Callers authenticate with their own API token ({@link #caller}); auditors read and never
 * decide; the lead queue and reassigning are for leads. A decision from someone who does not hold
 * the claim, or on a stale version, or on a closed case is 409 with the current case, and nothing is
 * recorded. Problems are RFC 9457 documents naming the field. Only {@code GET /v1/cases/{caseId}}
 * and {@code GET /v1/decisions/{id}} read the audit log (for the history); claiming and the other
 * transitions answer from memory, so they cost the same however long the log is. Thread-safe: the
 * desk is.
 *
 * <p>The server calls {@link #caller} on the request's headers before reading any body, then
 * {@link #handle} with the body on a worker thread (a decision writes to the audit log).
 */
public final class DeskRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(DeskRoutes.class);
    /** Case and decision ids in a path: what the desk and the engine make, and nothing that could confuse a log line. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> LIST_PARAMS = Set.of("queue", "state", "offset", "limit");
    private static final Set<String> QUEUE_PARAM = Set.of("queue");
    /** Page size unless asked otherwise, and the most one page holds. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final ReviewDesk desk;
    private final Accounts accounts;
    private final Callers callers;
    private final DeskMeters meters;

    /**
     * Routes in front of {@code desk}, authenticating with {@code accounts}' tokens.
     *
     * @param serviceToken the server's own bearer token (refused here with 403), or null
     * @param meters       where decisions are counted and timed, or null for none
     */
    public DeskRoutes(ReviewDesk desk, Accounts accounts, String serviceToken, DeskMeters meters) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.callers = new Callers(accounts, serviceToken);
        this.meters = meters;
    }

    /**
     * True for the paths these routes answer (whatever the method): {@code /v1/cases…},
     * {@code /v1/decisions/{id}} (one segment: deeper paths under a decision are other routes'),
     * {@code /v1/queues}.
     */
    public static boolean handles(String path) {
        if (path.startsWith("/v1/decisions/")) {
            String id = path.substring("/v1/decisions/".length());
            return !id.isEmpty() && id.indexOf('/') < 0;
        }
        return path.equals("/v1/cases") || path.startsWith("/v1/cases/") || path.equals("/v1/queues");
    }

    /** The route's name for metrics: ids replaced by placeholders, so the set of names stays small. */
    public static String route(String path) {
        String[] p = path.split("/", -1);
        if (path.equals("/v1/cases") || path.equals("/v1/cases/next") || path.equals("/v1/queues")) {
            return path;
        }
        if (path.startsWith("/v1/decisions/")) {
            return "/v1/decisions/{decisionId}";
        }
        if (p.length == 4) {
            return "/v1/cases/{caseId}";
        }
        if (p.length == 5 && Set.of("renew", "release", "reassign", "decision").contains(p[4])) {
            return "/v1/cases/{caseId}/" + p[4];
        }
        return "/v1/cases/other";
    }

    /**
     * The account a request's {@code Authorization} header names (its value, maybe null).
     *
     * @throws DeskAnswer.Refusal 401 without a user's valid API token; 403 with the server's token
     */
    public Account caller(String authorization) {
        return callers.resolve(authorization);
    }

    /**
     * Answers one request of {@code caller}; problems come back as answers, never thrown.
     *
     * @param query the raw query string (without '?'), or null
     * @param body  the request body, empty when none was sent
     * @throws RuntimeException only for a failure of the server itself (to be answered 500)
     */
    public DeskAnswer handle(Account caller, String method, String path, String query, byte[] body) {
        try {
            return dispatch(caller, method, path, query, body);
        } catch (Problems.Problem p) {
            return p.answer();
        }
    }

    private DeskAnswer dispatch(Account who, String method, String path, String query, byte[] body) {
        if (path.equals("/v1/queues")) {
            allow(method, "GET");
            return queues();
        }
        if (path.equals("/v1/cases")) {
            allow(method, "GET");
            return list(Query.parse(query, LIST_PARAMS));
        }
        if (path.equals("/v1/cases/next")) {
            allow(method, "POST");
            return next(who, Query.parse(query, QUEUE_PARAM));
        }
        if (path.startsWith("/v1/decisions/")) {
            allow(method, "GET");
            return decision(id(path.substring("/v1/decisions/".length()), "decision"));
        }
        String[] p = path.split("/", -1); // "", "v1", "cases", id, action
        if (p.length == 4) {
            allow(method, "GET");
            String id = id(p[3], "case");
            Case c = desk.get(id).orElseThrow(() -> Problems.notFound("no case " + id));
            return Problems.json(200, withHistory(c));
        }
        if (p.length == 5) {
            String id = id(p[3], "case");
            switch (p[4]) {
                case "renew" -> {
                    allow(method, "POST");
                    mayReview(who);
                    return caseAnswer(() -> desk.renew(id, who), id);
                }
                case "release" -> {
                    allow(method, "POST");
                    mayReview(who);
                    return caseAnswer(() -> desk.release(id, who), id);
                }
                case "reassign" -> {
                    allow(method, "POST");
                    if (!who.roles().contains(Role.LEAD)) {
                        throw Problems.forbidden("only a lead can reassign a case; " + who.name() + " is not a lead");
                    }
                    String to = JsonBodies.reassign(body);
                    mayTake(id, to);
                    return caseAnswer(() -> desk.reassign(id, to, who), id);
                }
                case "decision" -> {
                    allow(method, "POST");
                    mayReview(who);
                    return decide(who, id, JsonBodies.decision(body));
                }
                default -> {
                    // falls through to 404
                }
            }
        }
        throw Problems.notFound("no such resource: " + path);
    }

    private DeskAnswer queues() {
        ObjectNode out = Problems.F.objectNode();
        ArrayNode list = out.putArray("queues");
        for (QueueStats s : desk.stats()) {
            list.add(CaseJson.of(s));
        }
        return Problems.json(200, out);
    }

    private DeskAnswer list(Query q) {
        Queue queue = queue(q.get("queue"));
        CaseState state = state(q.get("state"));
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE - MAX_LIMIT - 1);
        int limit = q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        // one more than asked tells whether there is a next page without counting the queue
        List<Case> page = desk.list(queue, state, offset, limit + 1);
        ObjectNode out = Problems.F.objectNode();
        ArrayNode cases = out.putArray("cases");
        for (int i = 0; i < Math.min(limit, page.size()); i++) {
            cases.add(CaseJson.of(page.get(i)));
        }
        out.put("offset", offset).put("limit", limit);
        if (page.size() > limit) {
            out.put("next", "/v1/cases?queue=" + queue.id() + (state == null ? "" : "&state=" + state.id())
                    + "&offset=" + (offset + limit) + "&limit=" + limit);
        } else {
            out.putNull("next");
        }
        return Problems.json(200, out);
    }

    private DeskAnswer next(Account who, Query q) {
        mayReview(who);
        Queue queue = queue(q.get("queue"));
        if (queue == Queue.LEAD && !who.roles().contains(Role.LEAD)) {
            throw Problems.forbidden("the lead queue is for leads; " + who.name() + " is not a lead");
        }
        java.util.Optional<Case> claimed;
        try {
            claimed = desk.next(queue, who);
        } catch (DeskAccessException e) {
            throw Problems.forbidden(e.getMessage());
        }
        // no history: claiming is the hot path and stays in memory; GET /v1/cases/{id} reads the log for it
        return claimed.map(c -> Problems.json(200, CaseJson.of(c)))
                .orElseGet(() -> new DeskAnswer(204, Problems.JSON, new byte[0], Map.of()));
    }

    private DeskAnswer decide(Account who, String id, ReviewRequest request) {
        Case before = desk.get(id).orElseThrow(() -> Problems.notFound("no case " + id));
        Case after;
        try {
            after = desk.decide(id, request, who);
        } catch (CaseConflictException e) {
            throw conflict(e);
        } catch (DeskException e) {
            throw refused(e);
        } catch (DeskAccessException e) {
            throw Problems.forbidden(e.getMessage());
        } catch (AuditException e) {
            LOG.error("the review of case {} by {} could not be recorded", id, who.name(), e);
            throw Problems.of(503, "not-recorded", "The review could not be recorded",
                    "the audit log cannot record; the case is unchanged: " + e.getMessage());
        }
        if (meters != null) {
            meters.decided(before, after, desk.config().clock().instant(), who);
        }
        // no history here: a decision answers at once, whatever the log's size; GET /v1/cases/{id} has it
        return Problems.json(200, CaseJson.of(after));
    }

    private DeskAnswer decision(String decisionId) {
        return desk.decision(decisionId)
                .map(v -> Problems.json(200, CaseJson.of(v)))
                .orElseThrow(() -> Problems.notFound("the audit log holds no decision " + decisionId));
    }

    /** Runs a transition of one case: 200 with the case, 404 when there is none, 409 on a conflict, 422 when refused. */
    private DeskAnswer caseAnswer(java.util.function.Supplier<Case> transition, String id) {
        if (desk.get(id).isEmpty()) {
            throw Problems.notFound("no case " + id);
        }
        try {
            return Problems.json(200, CaseJson.of(transition.get()));
        } catch (CaseConflictException e) {
            throw conflict(e);
        } catch (DeskException e) {
            throw refused(e);
        } catch (DeskAccessException e) {
            throw Problems.forbidden(e.getMessage());
        }
    }

    private ObjectNode withHistory(Case c) {
        return CaseJson.of(c, history(c));
    }

    private List<HistoryEntry> history(Case c) {
        return desk.decision(c.decisionId()).map(v -> v.history()).orElse(List.of());
    }

    private static Problems.Problem conflict(CaseConflictException e) {
        ObjectNode p = Problems.document(409, "case-conflict", "The case has moved on; nothing was recorded", e.reason());
        if (e.current() != null) {
            p.set("case", CaseJson.of(e.current()));
        }
        return new Problems.Problem(p, Map.of());
    }

    /** The desk refused a value; its message names the field, which becomes the pointer when it is one of the body's. */
    private static Problems.Problem refused(DeskException e) {
        String message = String.valueOf(e.getMessage());
        if (e.field() == null || e.field().isEmpty()) {
            return Problems.of(422, "review-refused", "The request was refused", message);
        }
        // the desk's message is "field: problem"; the problem names the field once, as its pointer
        String problem = message.startsWith(e.field() + ": ") ? message.substring(e.field().length() + 2) : message;
        return Problems.field(422, "review-refused", "The request was refused", "/" + e.field(), problem);
    }

    /** The desk does not know the users file: a case goes only to an account that exists and may work its queue. */
    private void mayTake(String caseId, String to) {
        Account target = accounts.byName(to).orElseThrow(() -> Problems.field(422, "review-refused", "The request was refused",
                "/to", "no account " + to + " in the users file"));
        Case c = desk.get(caseId).orElseThrow(() -> Problems.notFound("no case " + caseId));
        if (!target.roles().contains(Role.REVIEWER) && !target.roles().contains(Role.LEAD)) {
            throw Problems.field(422, "review-refused", "The request was refused", "/to", to + " is an auditor and cannot decide");
        }
        if (c.queue() == Queue.LEAD && !target.roles().contains(Role.LEAD)) {
            throw Problems.field(422, "review-refused", "The request was refused", "/to",
                    to + " is not a lead; the case is in the lead queue");
        }
    }

    private static void mayReview(Account who) {
        if (!who.roles().contains(Role.REVIEWER) && !who.roles().contains(Role.LEAD)) {
            throw Problems.forbidden(who.name() + " is an auditor: auditors read cases and decisions but never claim or decide");
        }
    }

    private static void allow(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw Problems.methodNotAllowed(method, allowed);
        }
    }

    private static String id(String raw, String what) {
        if (!ID.matcher(raw).matches()) {
            throw Problems.notFound("no " + what + " " + URLEncoder.encode(raw.length() > 64 ? raw.substring(0, 64) + "…" : raw,
                    StandardCharsets.UTF_8));
        }
        return raw;
    }

    private static Queue queue(String value) {
        if (value == null) {
            return Queue.REVIEW;
        }
        try {
            return Queue.parse(value);
        } catch (DeskException e) {
            throw Problems.parameter("queue", "must be review, lead or appeal, was " + value);
        }
    }

    private static CaseState state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return CaseState.parse(value);
        } catch (DeskException e) {
            throw Problems.parameter("state", "must be open, claimed or closed, was " + value);
        }
    }
}
