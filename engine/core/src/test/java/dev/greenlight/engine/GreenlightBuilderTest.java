package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The builder refuses a second choice of the same thing, naming the first, as Caffeine's does. */
class GreenlightBuilderTest {
    @Test
    void auditLog_thenNoAuditLog_isRefused_namingTheFirst() {
        GreenlightBuilder b = Greenlight.builder().auditLog(Path.of("/var/lib/greenlight/audit.jsonl"));
        assertThatThrownBy(b::noAuditLog).isInstanceOf(IllegalStateException.class)
                .hasMessage("the audit log was already set by auditLog(/var/lib/greenlight/audit.jsonl)");
    }

    @Test
    void noAuditLog_thenAuditLog_isRefused() {
        GreenlightBuilder b = Greenlight.builder().noAuditLog();
        assertThatThrownBy(() -> b.auditLog(Path.of("a.jsonl"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already set by noAuditLog()");
    }

    @Test
    void rulesDirectory_thenRulesClasspath_isRefused() {
        GreenlightBuilder b = Greenlight.builder().rulesDirectory(Path.of("rules"));
        assertThatThrownBy(() -> b.rulesClasspath("greenlight/policies", getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class).hasMessage("the rule source was already set by rulesDirectory(rules)");
    }

    @Test
    void mediaRootOrPluginsTwice_isRefused() {
        GreenlightBuilder b = Greenlight.builder().mediaRoot(Path.of("m1")).plugins(Path.of("p1"));
        assertThatThrownBy(() -> b.mediaRoot(Path.of("m2"))).hasMessageContaining("mediaRoot(m1)");
        assertThatThrownBy(() -> b.plugins(Path.of("p2"))).hasMessageContaining("plugins(p1)");
    }
}
