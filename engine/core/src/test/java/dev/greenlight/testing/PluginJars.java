package dev.greenlight.testing;

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
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds real PF4J plugin jars for tests: a manifest with the plugin's descriptor, the class files of
 * the given extensions (copied from the test classpath) and the extension index PF4J reads.
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

    public static PluginJars plugin(String id) {
        return new PluginJars(id);
    }

    public PluginJars version(String v) {
        this.version = v;
        return this;
    }

    public PluginJars requires(String r) {
        this.requires = r;
        return this;
    }

    public PluginJars dependencies(String d) {
        this.dependencies = d;
        return this;
    }

    public PluginJars extension(Class<?> type) {
        extensions.add(type);
        return this;
    }

    /** Adds a copy of a class under its own name (e.g. a host class a bad plugin bundles). */
    public PluginJars bundle(Class<?> type) {
        extra.put(type.getName().replace('.', '/') + ".class", classBytes(type));
        return this;
    }

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
