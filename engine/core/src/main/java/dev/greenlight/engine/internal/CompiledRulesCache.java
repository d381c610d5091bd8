package dev.greenlight.engine.internal;

import dev.greenlight.ruleset.PluginSignals;
import dev.greenlight.ruleset.RuleProblem;
import dev.greenlight.model.RulesetRef;
import dev.greenlight.model.Submission;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled rules kept on disk, so that a process that starts often (the CLI) does not compile the
 * same rules each time: compiling DRL (parsing, analysing each constraint, compiling consequences to
 * bytecode) takes most of a cold start, and loading the compiled packages a fraction of it
 * ({@code greenlight bench}, engine/bench/README.md).
 *
 * <p>An entry is the classes of the rules' declared types, the rule set's Drools packages (which
 * hold the classes generated for the rules) as Drools serialises them, and what
 * {@link CompiledRules} says about them, including the policy check's warnings. The declared types
 * are defined, before the packages are read, in the class loader the loaded KieBase then uses as
 * its root, so that the rules and the facts they create share one class per type, as after a
 * compilation. Its file name is a hash of everything the compiled form depends on: the ruleset version
 * (the sources' SHA-256), the Drools and Java versions, and the build of the model classes and of
 * the engine (file names, sizes and times of their jars or class directories). Any change to one
 * of those is another entry, so a stale one is never used; old entries beyond {@value #KEEP} are
 * deleted. An entry that cannot be read for any reason is deleted and the rules are compiled as
 * usual: the cache only ever saves time.
 *
 * <p>Entries are Java-serialised and trusted: the directory must be writable only by the user that
 * runs Greenlight (like its jars). Thread-safe; concurrent processes may share a directory (entries
 * are written to a temporary file and moved into place).
 */
public final class CompiledRulesCache {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledRulesCache.class);
    private static final String MAGIC = "greenlight-compiled-rules/1";
    private static final String SUFFIX = ".rules";
    /** Entries kept per directory: a few rule sets, each across a few builds. */
    static final int KEEP = 16;

    private final Path dir;

    public CompiledRulesCache(Path dir) {
        this.dir = dir;
    }

    /** The rules compiled from {@code files}: from the cache when there, else compiled and then stored. */
    public CompiledRules compile(RuleFiles files) {
        if (files.files().isEmpty()) {
            return RuleCompiler.compile(files); // reports the empty rule set
        }
        String key = key(files);
        if (key != null) {
            Optional<CompiledRules> hit = load(files, key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        CompiledRules compiled = RuleCompiler.compile(files);
        if (key != null) {
            store(compiled, key);
        }
        return compiled;
    }

    /** The cached compilation of {@code files}, when this build has one. */
    Optional<CompiledRules> cached(RuleFiles files) {
        String key = key(files);
        return key == null ? Optional.empty() : load(files, key);
    }

    Path entry(String key) {
        return dir.resolve(key + SUFFIX);
    }

    /** The entry's name for these files in this build, or {@code null} when the build cannot be told apart. */
    String key(RuleFiles files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, MAGIC);
            update(md, files.version());
            update(md, System.getProperty("java.vm.version", "?"));
            for (Class<?> c : List.of(Submission.class, RuleCompiler.class, KieBase.class, KnowledgeBaseFactory.class,
                    DroolsObjectOutputStream.class)) {
                if (!fingerprint(md, c)) {
                    return null;
                }
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        } catch (IOException | RuntimeException e) {
            LOG.debug("compiled rules cache: cannot fingerprint this build; compiling", e);
            return null;
        }
    }

    /** Adds where {@code c} was loaded from and when that was built; false when that cannot be known. */
    private static boolean fingerprint(MessageDigest md, Class<?> c) throws IOException {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return false;
        }
        Path where;
        try {
            where = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return false; // e.g. nested jars of a fat jar: no file to look at
        }
        update(md, where.toString());
        if (Files.isRegularFile(where)) {
            stamp(md, where);
            return true;
        }
        if (!Files.isDirectory(where)) {
            return false;
        }
        // a class directory (a development build): every file of it counts
        try (Stream<Path> walk = Files.walk(where)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                update(md, where.relativize(p).toString());
                stamp(md, p);
            }
        }
        return true;
    }

    private static void stamp(MessageDigest md, Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        update(md, a.size() + ":" + a.lastModifiedTime().toMillis());
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private Optional<CompiledRules> load(RuleFiles files, String key) {
        Path file = entry(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DroolsObjectInputStream ois = new DroolsObjectInputStream(in, loader())) {
            if (!MAGIC.equals(ois.readUTF()) || !key.equals(ois.readUTF())) {
                throw new IOException("not an entry for this key");
            }
            Map<String, byte[]> types = new HashMap<>();
            for (int i = ois.readInt(); i > 0; i--) {
                String name = ois.readUTF();
                byte[] bytes = new byte[ois.readInt()];
                ois.readFully(bytes);
                types.put(name, bytes);
            }
            ProjectClassLoader root = ProjectClassLoader.createProjectClassLoader(loader(), types);
            ois.setClassLoader(root);
            boolean hasVerdictGlobal = ois.readBoolean();
            int ruleCount = ois.readInt();
            List<String> ruleNames = new ArrayList<>();
            for (int i = ois.readInt(); i > 0; i--) {
                ruleNames.add(ois.readUTF());
            }
            List<RuleProblem> warnings = new ArrayList<>();
            for (int i = ois.readInt(); i > 0; i--) {
                warnings.add(new RuleProblem(ois.readUTF(), ois.readInt(), ois.readInt(), ois.readUTF(),
                        RuleProblem.Severity.valueOf(ois.readUTF())));
            }
            @SuppressWarnings("unchecked")
            List<KiePackage> packages = (List<KiePackage>) ois.readObject();
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                    KieServices.Factory.get().newKieBaseConfiguration(null, root));
            if (kieBase.getRootClassLoader() != root) {
                throw new IOException("the KieBase did not take the class loader of the declared types");
            }
            kieBase.addPackages(packages);
            if (kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum() != ruleCount) {
                throw new IOException("the entry's packages do not hold the " + ruleCount + " rules it lists");
            }
            LOG.debug("compiled rules cache: loaded {} rules of {} from {}", ruleCount, files.version(), file);
            // the conditions are part of the version the entry is keyed by; reading them again is cheap
            return Optional.of(new CompiledRules(new RulesetRef(files.id(), files.version()), kieBase, hasVerdictGlobal,
                    ruleCount, List.copyOf(warnings), List.copyOf(ruleNames), PluginSignals.NONE_LOADED,
                    ConditionVocabulary.fromTree(files.files())));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.info("compiled rules cache: entry {} is unusable ({}); compiling the rules", file, e.toString());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the next store replaces it
            }
            return Optional.empty();
        }
    }

    private void store(CompiledRules rules, String key) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key, ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 DroolsObjectOutputStream oos = new DroolsObjectOutputStream(out)) {
                oos.writeUTF(MAGIC);
                oos.writeUTF(key);
                Map<String, byte[]> types = declaredTypes(rules.kieBase());
                oos.writeInt(types.size());
                for (Map.Entry<String, byte[]> t : types.entrySet()) {
                    oos.writeUTF(t.getKey());
                    oos.writeInt(t.getValue().length);
                    oos.write(t.getValue());
                }
                oos.writeBoolean(rules.hasVerdictGlobal());
                oos.writeInt(rules.ruleCount());
                oos.writeInt(rules.ruleNames().size());
                for (String name : rules.ruleNames()) {
                    oos.writeUTF(name);
                }
                oos.writeInt(rules.warnings().size());
                for (RuleProblem p : rules.warnings()) {
                    oos.writeUTF(p.file());
                    oos.writeInt(p.line());
                    oos.writeInt(p.column());
                    oos.writeUTF(p.message());
                    oos.writeUTF(p.severity().name());
                }
                oos.writeObject(new ArrayList<>(rules.kieBase().getKiePackages()));
            }
            try {
                Files.move(tmp, entry(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry(key), StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.info("compiled rules cache: cannot store the compiled rules in {} ({})", dir, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    /** The classes of the rules' declared types, which Drools keeps in the KieBase's root class loader. */
    private static Map<String, byte[]> declaredTypes(KieBase kieBase) throws IOException {
        if (!(kieBase instanceof InternalKnowledgeBase kb) || !(kb.getRootClassLoader() instanceof ProjectClassLoader root)) {
            throw new IOException("not a KieBase whose declared types can be stored: " + kieBase.getClass().getName());
        }
        return new java.util.TreeMap<>(root.getStore() == null ? Map.of() : root.getStore());
    }

    /** Keeps the {@value #KEEP} most recently written entries. */
    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted(
                    Comparator.comparing(CompiledRulesCache::modified).reversed()).toList();
        }
        for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The class loader rules resolve model classes from, as when compiling. */
    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CompiledRulesCache.class.getClassLoader();
    }
}
