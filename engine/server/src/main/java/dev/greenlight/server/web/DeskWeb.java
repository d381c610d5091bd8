package dev.greenlight.server.web;

import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.engine.Greenlight;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewers' web pages (docs/contract.md §7), served beside the JSON API by {@code greenlight
 * serve}: sign-in ({@code /login}, {@code /logout}) and the desk under {@code /desk/}. This class
 * routes and guards; {@link SignIn} signs in and out, {@link DeskActions} does what a form asks,
 * {@link PageModels} turns the desk's state into what a template shows.
 *
 * <p>Every page but the sign-in page needs a session. Every POST passes {@link FormGuard} (same
 * origin, the session's CSRF token) before anything happens. Form bodies are read without holding a
 * thread and handled on the executor given (the server's decision threads), since a sign-in costs a
 * deliberate PBKDF2.
 *
 * <p>Thread-safe. Methods throw {@link NullPointerException} for null arguments.
 */
public final class DeskWeb {
    /** The session cookie's name. */
    public static final String COOKIE = "gl_session";
    /** A session ends after this long without a request (the lease renewal keeps an open case page alive). */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** A session ends this long after sign-in, however busy. */
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    /** Failed sign-ins allowed per address and per account in {@link #LOGIN_WINDOW}. */
    public static final int LOGIN_LIMIT = 5;
    /** The sign-in rate window. */
    public static final Duration LOGIN_WINDOW = Duration.ofMinutes(1);
    /** The largest form body read. */
    static final int MAX_FORM_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeskWeb.class);

    private final Executor work;
    private final Sessions sessions;
    private final StaticAssets assets = new StaticAssets();
    private final Templates templates = new Templates();
    private final SignIn signIn;
    private final DeskActions actions;
    private final PageModels models;
    private final Path mediaRoot;

    private DeskWeb(ReviewDesk desk, Accounts accounts, Greenlight engine, Path mediaRoot, Executor work, Clock clock) {
        this.mediaRoot = mediaRoot;
        this.work = work;
        this.sessions = new Sessions(IDLE, ABSOLUTE, clock);
        this.models = new PageModels(desk, engine, clock);
        this.signIn = new SignIn(accounts, sessions, new LoginLimiter(LOGIN_LIMIT, LOGIN_WINDOW, clock), templates);
        this.actions = new DeskActions(desk, models, templates);
    }

    /**
     * The pages for {@code desk}, signing in against {@code accounts}.
     *
     * @param engine    the engine the desk follows, for the rule detail of a case ({@code explain}); null: none shown
     * @param mediaRoot where the submissions' media paths resolve; null: media are not shown
     * @param work      where form posts are handled
     * @param clock     for sessions and the sign-in rate limit
     */
    public static DeskWeb create(ReviewDesk desk, Accounts accounts, Greenlight engine, Path mediaRoot, Executor work, Clock clock) {
        return new DeskWeb(Objects.requireNonNull(desk, "desk"), Objects.requireNonNull(accounts, "accounts"), engine,
                mediaRoot, Objects.requireNonNull(work, "work"), Objects.requireNonNull(clock, "clock"));
    }

    /** True for the paths these pages answer: {@code /login}, {@code /logout}, {@code /desk} and below. */
    public static boolean owns(String path) {
        return path.equals("/login") || path.equals("/logout") || path.equals("/desk") || path.startsWith("/desk/");
    }

    /** Drops expired sessions (the server calls this now and then); returns how many. */
    public int sweep() {
        return sessions.sweep();
    }

    /** Answers one request for a path {@link #owns} accepts; always completes {@code callback}. */
    public void handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            if (path.startsWith("/desk/static/")) {
                asset(method, path.substring("/desk/static/".length())).send(response, callback);
                return;
            }
            if (path.equals("/login")) {
                if (method.equals("POST")) {
                    withForm(request, response, callback, fields -> signIn.signIn(request, fields));
                } else if (method.equals("GET") || method.equals("HEAD")) {
                    signIn.page(null, "", 200).send(response, callback);
                } else {
                    Answer.text(405, method + " is not allowed here").with("Allow", "GET, POST").send(response, callback);
                }
                return;
            }
            Sessions.Session session = SignIn.cookie(request).flatMap(sessions::find).orElse(null);
            if (session == null) {
                (method.equals("GET") || method.equals("HEAD") ? Answer.redirect("/login")
                        : Answer.text(401, "Your session has ended; sign in again.")).send(response, callback);
                return;
            }
            if (method.equals("POST")) {
                post(request, response, callback, session, path);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                Answer.text(405, method + " is not allowed here").with("Allow", "GET, POST").send(response, callback);
                return;
            }
            if (path.startsWith("/desk/media/")) {
                media(request, response, callback, path.substring("/desk/media/".length()));
                return;
            }
            actions.page(session, path).send(response, callback);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            failed().send(response, callback);
        }
    }

    private void post(Request request, Response response, Callback callback, Sessions.Session session, String path) {
        String origin = FormGuard.originProblem(request);
        if (origin != null) {
            forbidden(session, origin).send(response, callback);
            return;
        }
        if (path.endsWith("/renew")) {
            // the renewal script sends the token in a header: it posts no form
            if (!FormGuard.tokenMatches(session, request.getHeaders().get(FormGuard.HEADER))) {
                Answer.text(403, "the CSRF token is missing or wrong").send(response, callback);
                return;
            }
            onWork(response, callback, () -> actions.renew(session, path));
            return;
        }
        withForm(request, response, callback, fields -> {
            if (!FormGuard.tokenMatches(session, fields.getValue(FormGuard.FIELD))) {
                return forbidden(session, "the form's security token is missing or out of date; reload the page and try again");
            }
            if (path.equals("/logout")) {
                return signIn.signOut(session);
            }
            return actions.post(session, path, fields);
        });
    }

    private Answer forbidden(Sessions.Session session, String why) {
        return Answer.html(403, templates.render("problem.jte", Map.of("chrome", PageModels.chrome(session, "Refused", ""),
                "heading", "This request was refused", "detail", why)));
    }

    private Answer failed() {
        return Answer.text(500, "The desk failed to answer; the server's log says why.");
    }

    /** Reads the form body without holding a thread, then handles it on the work executor. */
    private void withForm(Request request, Response response, Callback callback, Function<Fields, Answer> then) {
        // non-blocking: the completion only hands the form over to the work executor
        FormFields.onFields(request, StandardCharsets.UTF_8, 32, MAX_FORM_BYTES,
                Promise.Invocable.from(Invocable.InvocationType.NON_BLOCKING, (Fields fields, Throwable failure) -> {
                    if (failure != null) {
                        Answer.text(400, "the form could not be read: " + failure.getMessage()).send(response, callback);
                        return;
                    }
                    onWork(response, callback, () -> then.apply(fields));
                }));
    }

    private void onWork(Response response, Callback callback, java.util.function.Supplier<Answer> job) {
        try {
            work.execute(() -> {
                Answer a;
                try {
                    a = job.get();
                } catch (RuntimeException e) {
                    LOG.error("a desk form failed", e);
                    a = failed();
                }
                a.send(response, callback);
            });
        } catch (RejectedExecutionException e) {
            Answer.text(503, "The server is busy; try again shortly.").with("Retry-After", "1").send(response, callback);
        }
    }

    private Answer asset(String method, String name) {
        StaticAssets.Asset a = assets.get(name);
        if (a == null) {
            return Answer.text(404, "no such file");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Answer.text(405, "GET only").with("Allow", "GET");
        }
        return new Answer(200, a.contentType(), a.bytes(), Map.of());
    }

    /** {@code /desk/media/<decisionId>/<index>}: one media file of a recorded submission, ranges and all. */
    private void media(Request request, Response response, Callback callback, String rest) {
        int slash = rest.indexOf('/');
        var file = slash < 0 || mediaRoot == null ? null : models.mediaFile(rest.substring(0, slash), rest.substring(slash + 1), mediaRoot);
        if (file == null) {
            Answer.text(404, "no such media file").send(response, callback);
            return;
        }
        try {
            MediaStream.send(request, response, callback, file.path(), file.contentType());
        } catch (java.io.IOException e) {
            LOG.warn("cannot send the media file {}: {}", file.path(), e.toString());
            Answer.text(404, "the media file cannot be read").send(response, callback);
        }
    }
}
