package dev.greenlight.server.web.view;

/**
 * What every page shows around its content: the title, who is signed in, the session's CSRF token
 * (for the sign-out form and the renewal script), which navigation entry is current, and a one-line
 * message from the last action. {@code user} is null on the sign-in page. Immutable.
 */
public record Chrome(String title, String user, String role, String csrf, String nav, String flash) {
    /** The chrome of a page nobody is signed in on. */
    public static Chrome anonymous(String title) {
        return new Chrome(title, null, null, "", "", null);
    }

    /** True when someone is signed in. */
    public boolean signedIn() {
        return user != null;
    }

    /** {@code "page"} when {@code entry} is the current navigation entry, else null (the attribute is left out). */
    public String current(String entry) {
        return entry.equals(nav) ? "page" : null;
    }
}
