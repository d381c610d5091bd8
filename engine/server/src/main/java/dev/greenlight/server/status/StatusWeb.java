package dev.greenlight.server.status;

import dev.greenlight.server.http.PageHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.desk.CaseConflictException;
import dev.greenlight.desk.DeskException;
import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.desk.ReviewDesk;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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
 * The artist's side (docs/contract.md §7), needing no sign-in: the status page
 * {@code /status/{token}} (HTML, for a phone first) and {@code /v1/status/{token}} (JSON), the appeal
 * ({@code POST /v1/status/{token}/appeal} with {@code {text}}, or the page's form), and the public
 * text of each policy ({@code /policies/{id}}).
 *
 * <p>The token is the only key ({@link StatusTokens}): a wrong, revoked or unknown one gets the
 * same 404, byte for byte, and every client address is rate limited. The page's form carries no
 * CSRF token (there is no session to bind it to): it is bound to the status token in its address,
 * and a POST whose {@code Origin} (or {@code Sec-Fetch-Site}) names another site is refused.
 * Appeals are written on the executor given (they append to the audit log).
 *
 * <p>Thread-safe.
 */
public final class StatusWeb {
    /** Requests a second one client address may make to these routes (a token bucket, as much burst). */
    public static final int DEFAULT_RATE_PER_ADDRESS = 10;
    static final int MAX_BODY = 16 * 1024;
    private static final String CSP = "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(StatusWeb.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatusTokens tokens;
    private final ReviewDesk desk;
    private final Executor work;
    private final TemplateEngine templates =
            TemplateEngine.createPrecompiled(null, ContentType.Html, StatusWeb.class.getClassLoader(), "dev.greenlight.server.web.jte");
    private final byte[] css = resource("status.css");
    private final byte[] missingHtml;
    private final byte[] missingJson;

    private StatusWeb(StatusTokens tokens, ReviewDesk desk, Executor work) {
        this.tokens = tokens;
        this.desk = desk;
        this.work = work;
        this.missingHtml = render("status/missing.jte", Map.of());
        this.missingJson = ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no such status page\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The routes for the decisions of {@code desk}, opened by {@code tokens}; appeals are recorded on {@code work}. */
    public static StatusWeb create(StatusTokens tokens, ReviewDesk desk, Executor work) {
        return new StatusWeb(Objects.requireNonNull(tokens, "tokens"), Objects.requireNonNull(desk, "desk"),
                Objects.requireNonNull(work, "work"));
    }

    /** True for the paths these routes answer: {@code /status/…}, {@code /v1/status/…}, {@code /policies/…}. */
    public static boolean owns(String path) {
        return path.startsWith("/status/") || path.startsWith("/v1/status/") || path.startsWith("/policies/");
    }

    /** The route name for metrics (no token in it). */
    public static String route(String path) {
        return path.startsWith("/v1/status/") ? (path.endsWith("/appeal") ? "/v1/status/appeal" : "/v1/status")
                : path.startsWith("/policies/") ? "/policies" : path.endsWith("/appeal") ? "/status/appeal" : "/status";
    }

    /**
     * Answers one request for a path {@link #owns} accepts, after the caller checked the rate limit;
     * always completes {@code callback}.
     */
    public void handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            if (path.equals("/status/static/status.css")) {
                page(200, "text/css; charset=utf-8", css).send(response, callback);
            } else if (path.startsWith("/policies/")) {
                policy(method, path.substring("/policies/".length())).send(response, callback);
            } else if (path.startsWith("/v1/status/")) {
                api(request, response, callback, method, path.substring("/v1/status/".length()));
            } else {
                html(request, response, callback, method, path.substring("/status/".length()));
            }
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, route(path), e);
            page(500, "text/plain; charset=utf-8", "The server failed to answer; try again later.".getBytes(StandardCharsets.UTF_8))
                    .send(response, callback);
        }
    }

    // ---- JSON

    private void api(Request request, Response response, Callback callback, String method, String rest) {
        boolean appeal = rest.endsWith("/appeal");
        String token = appeal ? rest.substring(0, rest.length() - "/appeal".length()) : rest;
        Optional<StatusView> view = view(token);
        if (view.isEmpty()) {
            page(404, "application/problem+json", missingJson).send(response, callback);
            return;
        }
        if (!appeal) {
            (isGet(method) ? json(200, StatusJson.of(view.get(), token)) : notAllowed("GET")).send(response, callback);
            return;
        }
        if (!method.equals("POST")) {
            notAllowed("POST").send(response, callback);
            return;
        }
        // non-blocking: the completion only hands the body over to the work executor
        Content.Source.asByteArrayAsync(request, MAX_BODY, Promise.Invocable.from(Invocable.InvocationType.NON_BLOCKING,
                (byte[] body, Throwable failure) -> {
                    if (failure != null) {
                        problem(413, "too-large", "an appeal's body is at most " + MAX_BODY + " bytes", null).send(response, callback);
                        return;
                    }
                    onWork(response, callback, () -> appealJson(view.get(), token, body));
                }));
    }

    private Page appealJson(StatusView view, String token, byte[] body) {
        JsonNode in;
        try {
            in = JSON.readTree(body);
        } catch (IOException e) {
            return problem(400, "malformed-json", "the body is not valid JSON", null);
        }
        if (in == null || !in.isObject()) {
            return problem(400, "malformed-json", "the body must be a JSON object {\"text\": …}", null);
        }
        for (var it = in.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("text")) {
                return problem(400, "invalid-appeal", "unknown field (expected text)", "/" + f);
            }
        }
        if (!in.path("text").isTextual()) {
            return problem(400, "invalid-appeal", "is required: the artist's words, a string", "/text");
        }
        Outcome o = appeal(view, in.path("text").asText());
        if (o.problem != null) {
            return problem(o.status, o.status == 409 ? "conflict" : "invalid-appeal", o.detail, o.status == 409 ? null : "/text");
        }
        return json(201, StatusJson.of(o.view, token));
    }

    // ---- HTML

    private void html(Request request, Response response, Callback callback, String method, String rest) {
        boolean appeal = rest.endsWith("/appeal");
        String token = appeal ? rest.substring(0, rest.length() - "/appeal".length()) : rest;
        Optional<StatusView> view = view(token);
        if (view.isEmpty()) {
            page(404, "text/html; charset=utf-8", missingHtml).send(response, callback);
            return;
        }
        if (!appeal) {
            (isGet(method) ? html(200, new StatusPage(view.get(), token, null, "")) : notAllowed("GET")).send(response, callback);
            return;
        }
        if (!method.equals("POST")) {
            notAllowed("POST").send(response, callback);
            return;
        }
        String foreign = foreignOrigin(request);
        if (foreign != null) {
            html(403, new StatusPage(view.get(), token, "This appeal was refused: " + foreign + ".", "")).send(response, callback);
            return;
        }
        FormFields.onFields(request, StandardCharsets.UTF_8, 4, MAX_BODY, Promise.Invocable.from(Invocable.InvocationType.NON_BLOCKING,
                (Fields fields, Throwable failure) -> {
                    if (failure != null) {
                        html(400, new StatusPage(view.get(), token, "The form could not be read; please try again.", ""))
                                .send(response, callback);
                        return;
                    }
                    String text = fields.getValue("text");
                    onWork(response, callback, () -> {
                        Outcome o = appeal(view.get(), text == null ? "" : text);
                        if (o.problem != null) {
                            return html(o.status, new StatusPage(o.view, token, o.problem, shownAgain(text)));
                        }
                        return new Page(303, null, new byte[0], Map.of("Location", "/status/" + token));
                    });
                }));
    }

    /** A refused text as the form shows it again: without the control characters that were refused, and cut to the limit. */
    static String shownAgain(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        text.codePoints().filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(StatusView.APPEAL_MAX_CHARS).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Null when a POST may come from this server's own page; else why not (see the class comment). */
    static String foreignOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            String own = request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority();
            return origin.toLowerCase(Locale.ROOT).equals(own.toLowerCase(Locale.ROOT)) ? null
                    : "it was sent from another site (" + origin + ")";
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin") && !site.equals("none")
                ? "it was sent from another site" : null;
    }

    private Page policy(String method, String id) {
        if (!isGet(method)) {
            return notAllowed("GET");
        }
        PolicyCatalogue.Policy p = desk.catalogue().get(id).orElse(null);
        if (p == null) {
            return page(404, "text/html; charset=utf-8", missingHtml);
        }
        return page(200, "text/html; charset=utf-8", render("status/policy.jte",
                Map.of("id", p.id(), "title", p.title(), "text", p.text())));
    }

    // ---- the desk

    /** The decision a token opens, as the artist may see it; empty for every token that opens nothing. */
    private Optional<StatusView> view(String token) {
        return tokens.resolve(token).flatMap(desk::decision).map(v -> StatusView.of(v, desk.catalogue()));
    }

    /**
     * An appeal's result: the view after it, or why it was refused with its status, in words for
     * the page ({@code problem}) and naming the field for the JSON ({@code detail}).
     */
    private record Outcome(StatusView view, int status, String problem, String detail) {
        Outcome(StatusView view, int status, String problem) {
            this(view, status, problem, problem);
        }
    }

    private Outcome appeal(StatusView view, String text) {
        if (view.appeal().state() != StatusView.AppealState.AVAILABLE) {
            return new Outcome(view, 409, view.appeal().state() == StatusView.AppealState.NOT_AVAILABLE
                    ? "there is nothing to appeal: " + (view.pending() ? "a reviewer has yet to decide" : "the work may be published")
                    : "this decision was appealed already; it can be appealed once");
        }
        try {
            desk.appeal(view.decisionId(), text);
        } catch (DeskException e) {
            return new Outcome(view, 400, plain(e), e.getMessage());
        } catch (CaseConflictException e) {
            return new Outcome(view, 409, "this decision cannot be appealed now: " + e.reason());
        } catch (NoSuchElementException e) {
            return new Outcome(view, 409, "this decision cannot be appealed");
        }
        StatusView after = desk.decision(view.decisionId()).map(v -> StatusView.of(v, desk.catalogue())).orElse(view);
        return new Outcome(after, 201, null);
    }

    /** The desk's refusal of a text in words for the artist (the JSON answer names the field instead). */
    private static String plain(DeskException e) {
        String m = String.valueOf(e.getMessage());
        String problem = m.startsWith("text: ") ? m.substring(6) : m;
        if (problem.startsWith("is required")) {
            return "Write why the decision should change, then send your appeal.";
        }
        return "Your appeal " + problem + ". Please change it and send it again.";
    }

    // ---- answers

    private Page html(int status, StatusPage model) {
        return page(status, "text/html; charset=utf-8", render("status/page.jte", Map.of("page", model)));
    }

    private static Page json(int status, ObjectNode body) {
        try {
            return page(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Page problem(int status, String kind, String detail, String pointer) {
        ObjectNode p = JSON.createObjectNode().put("type", "urn:greenlight:problem:" + kind)
                .put("title", status == 409 ? "Conflict" : "The appeal is invalid").put("status", status).put("detail", detail);
        if (pointer != null) {
            p.putArray("errors").addObject().put("pointer", pointer).put("detail", detail);
        }
        try {
            return page(status, "application/problem+json", JSON.writeValueAsBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Page notAllowed(String allowed) {
        return new Page(405, "text/plain; charset=utf-8", (allowed + " only").getBytes(StandardCharsets.UTF_8), Map.of("Allow", allowed));
    }

    private static boolean isGet(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static Page page(int status, String type, byte[] body) {
        return new Page(status, type, body, Map.of());
    }

    private byte[] render(String name, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        templates.render(name, params, out);
        return out.toByteArray();
    }

    private void onWork(Response response, Callback callback, Supplier<Page> job) {
        try {
            work.execute(() -> {
                Page p;
                try {
                    p = job.get();
                } catch (RuntimeException e) {
                    LOG.error("an appeal failed", e);
                    p = page(500, "text/plain; charset=utf-8", "The appeal could not be recorded; try again later."
                            .getBytes(StandardCharsets.UTF_8));
                }
                p.send(response, callback);
            });
        } catch (RejectedExecutionException e) {
            new Page(503, "text/plain; charset=utf-8", "The server is busy; try again shortly.".getBytes(StandardCharsets.UTF_8),
                    Map.of("Retry-After", "1")).send(response, callback);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = StatusWeb.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + StatusWeb.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One answer, with the headers every answer here carries: never cached, never framed, no referrer to other sites (the token is in the URL). */
    private record Page(int status, String contentType, byte[] body, Map<String, String> headers) {
        void send(Response response, Callback callback) {
            response.setStatus(status);
            var h = response.getHeaders();
            PageHeaders.apply(h, contentType, CSP);
            headers.forEach(h::put);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
