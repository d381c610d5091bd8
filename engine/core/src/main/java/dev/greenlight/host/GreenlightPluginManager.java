package dev.greenlight.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginRepository;

/**
 * PF4J configured for Greenlight: plugin jars only (a plugin's data directory beside its jar is not
 * mistaken for an exploded plugin), {@code Plugin-Requires} checked against the engine's release
 * version, a plugin whose dependencies cannot be resolved skipped rather than failing all of them,
 * and jars that bundle their own copy of a host class refused before PF4J opens them (such a copy
 * breaks with ClassCastException at the first call). With a {@link PluginLock}, a jar it does not
 * pin as it is is refused first, before anything reads it as a jar.
 */
final class GreenlightPluginManager extends DefaultPluginManager {
    private static final List<String> HOST_PACKAGES = List.of("dev/greenlight/model/", "dev/greenlight/spi/", "org/pf4j/");

    private final List<PluginStatus> refused = new ArrayList<>();
    private final List<Path> accepted = new ArrayList<>();
    /** Read when the repository lists the jars (in {@code loadPlugins}), after the constructor has set it. */
    private final PluginLock lock;

    GreenlightPluginManager(Path pluginsRoot) {
        this(pluginsRoot, null);
    }

    /** @param lock the plugin pins, or {@code null} to load any jar */
    GreenlightPluginManager(Path pluginsRoot, PluginLock lock) {
        super(pluginsRoot);
        this.lock = lock;
        setSystemVersion(GreenlightVersion.release());
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /** Jars handed to PF4J; those missing from {@code getPlugins()} afterwards were dropped by it. */
    List<Path> accepted() {
        return accepted;
    }

    /** Jars refused before loading, with the reason. */
    List<PluginStatus> refused() {
        return refused;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots()) {
            @Override
            public List<Path> getPluginPaths() {
                List<Path> accepted = new ArrayList<>();
                PluginLock pins = lock;
                if (pins != null) {
                    pins.missing(getPluginsRoots().get(0)).forEach((jar, problem) ->
                            refused.add(new PluginStatus(jar, "?", PluginStatus.FAILED, List.of(), problem)));
                }
                for (Path p : super.getPluginPaths()) {
                    String problem = pins == null ? null : pins.problem(p);
                    if (problem == null) {
                        problem = hostClassProblem(p);
                    }
                    if (problem == null) {
                        accepted.add(p);
                        GreenlightPluginManager.this.accepted.add(p);
                    } else {
                        refused.add(new PluginStatus(p.getFileName().toString(), "?", PluginStatus.FAILED, List.of(), problem));
                    }
                }
                return accepted;
            }
        };
    }

    /** Why the jar may not be loaded, or {@code null}. */
    static String hostClassProblem(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return null;
        }
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) jf.stream()::iterator) {
                for (String pkg : HOST_PACKAGES) {
                    if (e.getName().startsWith(pkg) && e.getName().endsWith(".class")) {
                        return "bundles host class " + e.getName() + "; depend on greenlight-api and pf4j with provided scope";
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return "not a readable jar: " + e.getMessage();
        }
    }
}
