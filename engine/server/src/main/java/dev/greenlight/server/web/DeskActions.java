package dev.greenlight.server.web;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.CaseConflictException;
import dev.greenlight.desk.DeskAccessException;
import dev.greenlight.desk.DeskException;
import dev.greenlight.desk.Queue;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.ReviewRequest;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.model.Verdict;
import dev.greenlight.server.web.view.CasePage;
import dev.greenlight.server.web.view.ConflictPage;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each page and form of the desk does, once {@link DeskWeb} has checked the session and the
 * form's CSRF token: the pages read the desk; the forms claim, decide, release and renew, each as
 * the signed-in account. A decision the desk refuses as stale (another version, a lost claim) is a
 * 409 page showing the case as it is now, and nothing is recorded; a decision it refuses as
 * invalid (no message for a rejection, an unknown policy) is the case page again with the error
 * and the form as it was typed (422). Thread-safe.
 */
final class DeskActions {
    private static final Logger LOG = LoggerFactory.getLogger(DeskActions.class);

    private final ReviewDesk desk;
    private final PageModels models;
    private final Templates templates;

    DeskActions(ReviewDesk desk, PageModels models, Templates templates) {
        this.desk = desk;
        this.models = models;
        this.templates = templates;
    }

    /** A GET of {@code path} (already known to need a session). */
    Answer page(Sessions.Session s, String path) {
        Account who = s.account;
        if (path.equals("/desk") || path.equals("/desk/")) {
            return render(200, "queues.jte", PageModels.chrome(s, "Queues", "queues"), "page", models.queues(who));
        }
        if (path.equals("/desk/stats")) {
            return render(200, "stats.jte", PageModels.chrome(s, "Statistics", "stats"), "page", models.stats(who));
        }
        String caseId = tail(path, "/desk/cases/");
        if (caseId != null) {
            return desk.get(caseId).map(c -> casePage(s, c, CasePage.FormValues.EMPTY, null, 200))
                    .orElseGet(() -> notFound(s, "There is no case " + caseId + "."));
        }
        String decisionId = tail(path, "/desk/decisions/");
        if (decisionId != null) {
            return desk.decision(decisionId)
                    .map(v -> render(200, "history.jte", PageModels.chrome(s, "Decision " + decisionId, ""), "page", models.history(v)))
                    .orElseGet(() -> notFound(s, "There is no decision " + decisionId + " in the audit log."));
        }
        return notFound(s, "There is no page " + path + ".");
    }

    /** A POST of a form to {@code path}, its CSRF token already checked. */
    Answer post(Sessions.Session s, String path, Fields form) {
        if (path.equals("/desk/next")) {
            return next(s, form.getValue("queue"));
        }
        String rest = tail(path, "/desk/cases/");
        int slash = rest == null ? -1 : rest.indexOf('/');
        if (slash > 0) {
            String caseId = rest.substring(0, slash);
            switch (rest.substring(slash + 1)) {
                case "decide":
                    return decide(s, caseId, form);
                case "release":
                    return release(s, caseId);
                default:
                    break;
            }
        }
        return notFound(s, "There is no form " + path + ".");
    }

    /** {@code POST /desk/cases/<id>/renew} from the case page's script: 204, or 409 when the claim is gone. */
    Answer renew(Sessions.Session s, String path) {
        String rest = tail(path, "/desk/cases/");
        String caseId = rest == null ? "" : rest.substring(0, Math.max(0, rest.indexOf('/')));
        try {
            desk.renew(caseId, s.account);
            return Answer.empty(204);
        } catch (CaseConflictException e) {
            return Answer.text(409, e.reason());
        } catch (DeskAccessException e) {
            return Answer.text(403, e.getMessage());
        } catch (DeskException | IllegalArgumentException e) {
            return Answer.text(404, String.valueOf(e.getMessage()));
        }
    }

    private Answer next(Sessions.Session s, String queueName) {
        Queue q;
        try {
            q = Queue.parse(queueName == null ? "" : queueName);
        } catch (IllegalArgumentException | DeskException e) {
            return refused(s, 400, "There is no queue " + queueName + ".");
        }
        if (!PageModels.mayTake(s.account, q)) {
            return refused(s, 403, "Your account cannot take cases from the " + PageModels.label(q) + " queue.");
        }
        Optional<Case> c;
        try {
            c = desk.next(q, s.account);
        } catch (DeskAccessException e) {
            return refused(s, 403, e.getMessage());
        }
        if (c.isEmpty()) {
            s.flash("The " + PageModels.label(q) + " queue has no case for you now.");
            return Answer.redirect("/desk/");
        }
        return Answer.redirect("/desk/cases/" + c.get().caseId());
    }

    private Answer release(Sessions.Session s, String caseId) {
        try {
            desk.release(caseId, s.account);
            s.flash("You gave case " + caseId + " back to its queue.");
            return Answer.redirect("/desk/");
        } catch (CaseConflictException e) {
            return conflict(s, e);
        } catch (DeskAccessException e) {
            return refused(s, 403, e.getMessage());
        }
    }

    private Answer decide(Sessions.Session s, String caseId, Fields form) {
        if (!PageModels.canDecide(s.account)) {
            return refused(s, 403, "Your account can read cases but not decide them.");
        }
        Optional<Case> found = desk.get(caseId);
        if (found.isEmpty()) {
            return notFound(s, "There is no case " + caseId + ".");
        }
        CasePage.FormValues typed = new CasePage.FormValues(value(form, "verdict"), value(form, "policy"),
                value(form, "artistMessage"), value(form, "note"));
        long version;
        Verdict verdict;
        try {
            version = Long.parseLong(value(form, "version"));
        } catch (NumberFormatException e) {
            return casePage(s, found.get(), typed, "version: the form has no case version; reload the page.", 422);
        }
        try {
            verdict = Verdict.parse(typed.verdict());
        } catch (IllegalArgumentException e) {
            return casePage(s, found.get(), typed, "verdict: choose approve, reject or escalate.", 422);
        }
        Case after;
        try {
            after = desk.decide(caseId, new ReviewRequest(verdict, typed.policy(), typed.artistMessage(), typed.note(),
                    version, List.of()), s.account);
        } catch (CaseConflictException e) {
            return conflict(s, e);
        } catch (DeskAccessException e) {
            return refused(s, 403, e.getMessage());
        } catch (DeskException e) {
            return casePage(s, found.get(), typed, e.getMessage(), 422);
        }
        LOG.info("{} decided {} on case {}", s.account.name(), verdict, caseId);
        String done = "Recorded " + verdict + " on case " + caseId
                + (after.state() == dev.greenlight.desk.CaseState.CLOSED ? "." : "; it is now in the " + PageModels.label(after.queue()) + " queue.");
        if ("next".equals(form.getValue("then"))) {
            Queue from = found.get().queue();
            Optional<Case> next = PageModels.mayTake(s.account, from) ? desk.next(from, s.account) : Optional.empty();
            if (next.isPresent()) {
                s.flash(done);
                return Answer.redirect("/desk/cases/" + next.get().caseId());
            }
            s.flash(done + " The " + PageModels.label(from) + " queue has no more cases for you.");
            return Answer.redirect("/desk/");
        }
        s.flash(done);
        return Answer.redirect("/desk/");
    }

    private Answer casePage(Sessions.Session s, Case c, CasePage.FormValues form, String error, int status) {
        return render(status, "case.jte", PageModels.chrome(s, "Case " + c.caseId(), ""), "page",
                models.casePage(s.account, c, form, error));
    }

    private Answer conflict(Sessions.Session s, CaseConflictException e) {
        return render(409, "conflict.jte", PageModels.chrome(s, "Not recorded", ""), "page",
                new ConflictPage(e.reason(), models.row(e.current())));
    }

    private Answer notFound(Sessions.Session s, String detail) {
        return refused(s, 404, detail);
    }

    private Answer refused(Sessions.Session s, int status, String detail) {
        String heading = switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            default -> "Not understood";
        };
        return Answer.html(status, templates.render("problem.jte", PageModels.params("chrome",
                PageModels.chrome(s, heading, ""), "heading", heading, "detail", detail)));
    }

    private Answer render(int status, String template, Object chrome, String name, Object page) {
        return Answer.html(status, templates.render(template, PageModels.params("chrome", chrome, name, page)));
    }

    /** The rest of {@code path} after {@code prefix} when it is one non-empty segment or more; else null. */
    private static String tail(String path, String prefix) {
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            return null;
        }
        return path.substring(prefix.length());
    }

    private static String value(Fields form, String name) {
        String v = form.getValue(name);
        return v == null ? "" : v;
    }
}
