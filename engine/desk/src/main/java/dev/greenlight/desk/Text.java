package dev.greenlight.desk;

/** Quoting of untrusted text in error messages: control and bidi characters shown as escapes, long text cut. */
final class Text {
    private Text() {
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "\"" + dev.greenlight.desk.internal.SafeText.escape(s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }
}
