package dev.greenlight.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Signal;
import dev.greenlight.testing.PluginJars;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import dev.greenlight.testplugins.AllocatingProvider;
import dev.greenlight.testplugins.GoodProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md P1, a plugin that allocates without bound. Java cannot cap one thread's memory, so
 * the plugin fills the heap until it gets an OutOfMemoryError. That is made safe and repeatable by
 * running the engine in a JVM of its own with a small heap ({@value #HEAP}): nothing else runs
 * there whose allocation could be the one that fails. The plugin's garbage is freed when its call
 * unwinds; the engine must survive, escalate naming the plugin, and decide again.
 */
class OutOfMemoryPluginTest {
    static final String HEAP = "-Xmx160m";

    @TempDir
    Path dir;

    @Test
    void P1_pluginAllocatingWithoutBound_escalatesNamingIt_engineSurvives() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), HEAP, "-XX:-UseGCOverheadLimit",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (var lines = child.inputReader(StandardCharsets.UTF_8)) {
            lines.lines().forEach(out::add);
        }
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String all = String.join("\n", out);
        assertThat(child.exitValue()).as(all).isZero();
        List<String> decisions = out.stream().filter(l -> l.startsWith("decision ")).toList();
        assertThat(decisions).as(all).hasSize(3).allSatisfy(l -> assertThat(l)
                .startsWith("decision ESCALATE")
                .contains("plugin.error hoarder exception OutOfMemoryError")
                .contains("test.ok"));
        assertThat(out).as(all).contains("survived");
    }

    /** The engine in the child JVM: decides three times with the hoarding plugin beside a good one. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            Path dir = Path.of(args[0]);
            Path rules = dir.resolve("rules");
            Path plugins = dir.resolve("plugins");
            RuleDirs.write(rules, "a.drl", "a", "rule \"ok\" @policy(\"P-1\") when Submission() then verdict.approve(\"fine\"); end\n");
            PluginJars.plugin("hoarder").extension(AllocatingProvider.class).writeTo(plugins);
            PluginJars.plugin("good").extension(GoodProvider.class).writeTo(plugins);
            try (Greenlight g = Greenlight.builder().rulesDirectory(rules).plugins(plugins)
                    .pluginTimeout(Duration.ofSeconds(30)).build()) {
                for (int i = 0; i < 3; i++) {
                    Decision d = g.decide(Submissions.base("s-" + i).build());
                    StringBuilder line = new StringBuilder("decision " + d.verdict());
                    for (Signal s : d.signals()) {
                        line.append(' ').append(s.getName()).append(' ').append(s.getValue()).append(' ')
                                .append(s.getCategory()).append(' ')
                                .append(String.valueOf(s.attribute("error")).replaceAll("^\\w+: ", ""));
                    }
                    d.reasons().forEach(r -> line.append(" | ").append(r.rule()).append(": ").append(r.message()));
                    System.out.println(line);
                }
            }
            System.out.println("survived");
        }
    }
}
