package dev.greenlight.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds real PF4J plugin jars, for tests that load plugins the way a deployment does: a manifest
 * with the plugin's descriptor ({@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Requires},
 * {@code Plugin-Dependencies}), the class files of the given extensions (copied from the class path
 * they were loaded from) and the extension index PF4J reads ({@code META-INF/extensions.idx}).
 *
 * <pre>{@code
 * Path jar = PluginJars.plugin("sink").extension(RecordingSink.class).writeTo(pluginsDir);
 * }</pre>
 *
 * <p>An extension class is copied alone: it should depend only on the plugin API
 * ({@code greenlight-api}), the JDK and whatever else is {@link #bundle bundled}. Extensions need no
 * {@code @Extension} annotation (the index is written here), so they never register from the class
 * path. Not thread-safe: one builder per jar. No argument may be null
 * ({@link NullPointerException}).
 */
public final class PluginJars {
    private final String id;
    private String version = "1.0.0";
    private String requires = "*";
    private String dependencies = "";
    private final List<Class<?>> extensions = new ArrayList<>();
    private final Map<String, byte[]> extra = new LinkedHashMap<>();

    private PluginJars(String id) {
        this.id = id;
    }

    /** A plugin with this id, version {@code 1.0.0}, requiring any Greenlight version, with no extensions yet. */
    public static PluginJars plugin(String id) {
        return new PluginJars(Objects.requireNonNull(id, "id"));
    }

    /** The plugin's version ({@code Plugin-Version}); the jar is named {@code ID-VERSION.jar}. */
    public PluginJars version(String v) {
        this.version = Objects.requireNonNull(v, "version");
        return this;
    }

    /** The Greenlight versions the plugin works with ({@code Plugin-Requires}, a SemVer expression). */
    public PluginJars requires(String r) {
        this.requires = Objects.requireNonNull(r, "requires");
        return this;
    }

    /** Other plugins this one needs ({@code Plugin-Dependencies}, e.g. {@code "base@>=1.0.0"}). */
    public PluginJars dependencies(String d) {
        this.dependencies = Objects.requireNonNull(d, "dependencies");
        return this;
    }

    /** Adds an extension: its class file, and its name in the extension index. */
    public PluginJars extension(Class<?> type) {
        extensions.add(Objects.requireNonNull(type, "type"));
        return this;
    }

    /** Adds a copy of a class under its own name (e.g. a host class a bad plugin bundles). */
    public PluginJars bundle(Class<?> type) {
        Objects.requireNonNull(type, "type");
        extra.put(type.getName().replace('.', '/') + ".class", classBytes(type));
        return this;
    }

    /**
     * Writes the jar into {@code dir} (created if needed) and returns its path.
     *
     * @throws UncheckedIOException when the jar cannot be written
     * @throws IllegalStateException when a class file cannot be found on its class path
     */
    public Path writeTo(Path dir) {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", id);
        a.putValue("Plugin-Version", version);
        a.putValue("Plugin-Requires", requires);
        a.putValue("Plugin-Provider", "tests");
        if (!dependencies.isEmpty()) {
            a.putValue("Plugin-Dependencies", dependencies);
        }
        Path jar = dir.resolve(id + "-" + version + ".jar");
        try {
            Files.createDirectories(dir);
            try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf)) {
                StringBuilder index = new StringBuilder();
                for (Class<?> c : extensions) {
                    put(out, c.getName().replace('.', '/') + ".class", classBytes(c));
                    index.append(c.getName()).append('\n');
                }
                for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                    put(out, e.getKey(), e.getValue());
                }
                put(out, "META-INF/extensions.idx", index.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] classBytes(Class<?> c) {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file not found: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
