package dev.greenlight.media.worker;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a worker: this JVM's {@code java}, the plugin's own class path (the
 * plugin jar PF4J loaded, which bundles FFmpeg; or the test class path), a heap limit, and
 * {@link WorkerMain}. Immutable and thread-safe.
 *
 * @param heapMegabytes {@code -Xmx} of the worker
 */
record WorkerCommand(int heapMegabytes) {

    /** The command, ready for a {@link ProcessBuilder}. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heapMegabytes + "m");
        cmd.add("-Xss1m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        // A crash in native code should end the worker quietly: the plugin reports it, and no
        // hs_err file or core dump is left behind in the engine's working directory.
        cmd.add("-XX:+SuppressFatalErrorMessage");
        cmd.add("-XX:-CreateCoredumpOnCrash");
        if (TestFaults.armed()) {
            cmd.add("-D" + TestFaults.FLAG + "=true");
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(WorkerMain.class.getName());
        return cmd;
    }

    /**
     * The plugin's class path: the URLs of its class loader (PF4J's plugin class loader holds the
     * plugin jar), else this JVM's class path (tests, or the plugin on the application class path),
     * with the location of this class first in both cases.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        URL own = WorkerMain.class.getProtectionDomain().getCodeSource().getLocation();
        entries.add(toPath(own));
        ClassLoader loader = WorkerMain.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && !(loader == ClassLoader.getSystemClassLoader())) {
            for (URL url : urls.getURLs()) {
                entries.add(toPath(url));
            }
        } else {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String toPath(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.getPath();
        }
    }
}
