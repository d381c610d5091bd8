package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndCatalogueTest {
    @TempDir
    Path dir;

    @Test
    void theShippedPack_mapsItsPoliciesToTheAreasTheDefaultPrioritiesName() {
        Path pack = Path.of(System.getProperty("user.dir")).resolve("../../rules/policies").normalize();
        PolicyCatalogue c = PolicyCatalogue.load(pack);
        assertThat(c.area("MIN-1")).isEqualTo("minors");
        assertThat(c.area("SH-1")).isEqualTo("self-harm");
        assertThat(c.area("SEX-1")).isEqualTo("sexual-content");
        assertThat(c.get("PRG-2").orElseThrow().title()).isEqualTo("Commercial use is for studio partners");
        DeskConfig d = DeskConfig.defaults();
        assertThat(d.priority(c.area("MIN-1"))).isGreaterThan(d.priority(c.area("SH-1")));
        assertThat(d.priority(c.area("SH-1"))).isGreaterThan(d.priority(c.area("SEX-1")));
        assertThat(d.priority(c.area("SEX-1"))).isGreaterThan(d.priority(c.area("PRG-2")));
        assertThatThrownBy(() -> c.validate("NOPE-9")).isInstanceOfSatisfying(DeskException.class,
                e -> assertThat(e.field()).isEqualTo("policy"));
    }

    @Test
    void anAreaInTheCatalogueWins() throws Exception {
        Files.writeString(dir.resolve("catalogue.yaml"), "policies:\n  X-1: {title: T, text: X, area: minors}\n");
        assertThat(PolicyCatalogue.load(dir).area("X-1")).isEqualTo("minors");
        Files.writeString(dir.resolve("catalogue.yaml"), "nope: 1\n");
        assertThatThrownBy(() -> PolicyCatalogue.load(dir)).isInstanceOf(DeskException.class)
                .hasMessageContaining("catalogue.yaml");
    }

    @Test
    void settingsFile_overridesDefaults_andNamesWhatIsWrong() throws Exception {
        Path f = dir.resolve("desk.yaml");
        Files.writeString(f, "lease: 5m\npriority: {violence: 15}\nsla:\n  review: {default: 12h, minors: PT1H}\n  appeal: {default: 2d}\n");
        DeskConfig c = DeskConfig.load(f);
        assertThat(c.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.priority("violence")).isEqualTo(15);
        assertThat(c.priority("minors")).isEqualTo(30);
        assertThat(c.sla(Queue.REVIEW, "minors")).isEqualTo(Duration.ofHours(1));
        assertThat(c.sla(Queue.REVIEW, "violence")).isEqualTo(Duration.ofHours(12));
        assertThat(c.sla(Queue.APPEAL, "")).isEqualTo(Duration.ofDays(2));
        assertThat(c.sla(Queue.LEAD, "")).isEqualTo(Duration.ofHours(24));

        Files.writeString(f, "lease: soon\n");
        assertThatThrownBy(() -> DeskConfig.load(f)).hasMessageContaining(f + ": lease").hasMessageContaining("duration");
        Files.writeString(f, "sla:\n  triage: {default: 1h}\n");
        assertThatThrownBy(() -> DeskConfig.load(f)).hasMessageContaining("sla.triage").hasMessageContaining("unknown queue");
        Files.writeString(f, "leese: 5m\n");
        assertThatThrownBy(() -> DeskConfig.load(f)).hasMessageContaining("leese").hasMessageContaining("unknown setting");
        Files.writeString(f, "priority: {minors: high}\n");
        assertThatThrownBy(() -> DeskConfig.load(f)).hasMessageContaining("priority.minors");
    }

    @Test
    void safeText_escapesWhatCouldHideOrReorderText() {
        assertThat(SafeText.escape("rev\u202eana\nFAKE")).isEqualTo("rev\\u202Eana\\u000AFAKE");
        assertThat(SafeText.escape("a\\b")).isEqualTo("a\\\\b");
        assertThat(SafeText.escapeInJson("\"a\\u0041\u2066\"")).isEqualTo("\"a\\u0041\\u2066\"");
        assertThat(SafeText.firstForbidden("line\nbreak\ttab", true)).isNull();
        assertThat(SafeText.firstForbidden("line\nbreak", false)).isEqualTo("U+000A");
        assertThat(SafeText.firstForbidden("x\u200fy", true)).isEqualTo("U+200F");
        assertThat(SafeText.firstForbidden("emoji \uD83D\uDE00 ok", true)).isNull();
        assertThat(SafeText.firstForbidden("lone \uD83D", true)).isEqualTo("U+D83D");
    }
}
