package dev.greenlight.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The engine's version, as built; plugins declare the versions they work with against it. */
public final class GreenlightVersion {
    private static final String VERSION = load();

    private GreenlightVersion() {
    }

    /** The full version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String full() {
        return VERSION;
    }

    /**
     * The release part ({@code 0.1.0}), which PF4J's {@code Plugin-Requires} expressions are checked
     * against: a SemVer pre-release such as {@code -SNAPSHOT} would fail {@code >=0.1.0}.
     */
    public static String release() {
        int dash = VERSION.indexOf('-');
        return dash < 0 ? VERSION : VERSION.substring(0, dash);
    }

    private static String load() {
        try (InputStream in = GreenlightVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "0.0.0");
            return v.startsWith("${") ? "0.0.0" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
