package dev.greenlight.server.web;

import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.server.web.view.Chrome;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out. A name that could not be an account name (control or bidi characters, over
 * 64 characters) is refused before any password check, with the same answer as a wrong password;
 * failed sign-ins are rate-limited per address and per name ({@link LoginLimiter}). The session
 * cookie is {@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} on TLS, and lasts at most the
 * session's absolute lifetime. Thread-safe.
 */
final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    /** Account names as {@code Account} accepts them. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final String WRONG = "That name and password do not match an account.";

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final Templates templates;

    SignIn(Accounts accounts, Sessions sessions, LoginLimiter limiter, Templates templates) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.templates = templates;
    }

    /** The session id the request's cookie names, if any. */
    static Optional<String> cookie(Request request) {
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(DeskWeb.COOKIE)) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    /** The sign-in page, with {@code error} (or none) and the name typed before. */
    Answer page(String error, String name, int status) {
        return Answer.html(status, templates.render("login.jte",
                PageModels.params("chrome", Chrome.anonymous("Sign in"), "name", name, "error", error)));
    }

    /** {@code POST /login}: checks the limit, then the password; a session and its cookie on success. */
    Answer signIn(Request request, Fields form) {
        String name = form.getValue("name");
        String password = form.getValue("password");
        name = name == null ? "" : name;
        String address = Request.getRemoteAddr(request);
        String shown = NAME.matcher(name).matches() ? name : "";
        Optional<Duration> wait = limiter.blocked(address, shown);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return page("Too many failed sign-ins; try again in " + seconds + " seconds.", shown, 429)
                    .with("Retry-After", Long.toString(seconds));
        }
        Optional<Account> account = Optional.empty();
        if (!shown.isEmpty() && password != null && !password.isEmpty()) {
            char[] secret = password.toCharArray();
            try {
                account = accounts.authenticate(shown, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        if (account.isEmpty()) {
            limiter.failed(address, shown);
            LOG.info("failed sign-in from {} as {}", address, shown.isEmpty() ? "(an invalid name)" : shown);
            return page(WRONG, shown, 401);
        }
        Sessions.Session s = sessions.create(account.get());
        LOG.info("{} signed in from {}", shown, address);
        return Answer.redirect("/desk/").with("Set-Cookie", cookieHeader(s.id, sessions.absolute(), request.isSecure()));
    }

    /** {@code POST /logout}: ends the session and clears the cookie. */
    Answer signOut(Sessions.Session session) {
        sessions.remove(session.id);
        return Answer.redirect("/login").with("Set-Cookie", DeskWeb.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    static String cookieHeader(String id, Duration maxAge, boolean secure) {
        return DeskWeb.COOKIE + "=" + id + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
