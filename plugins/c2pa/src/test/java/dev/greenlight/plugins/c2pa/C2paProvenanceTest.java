package dev.greenlight.plugins.c2pa;

import dev.greenlight.model.Media;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The extension as the engine drives it: settings, media paths under a root, signals. */
class C2paProvenanceTest {
    @TempDir
    Path root;

    @Test
    void trustedWithTheAnchorsFromTheDataDirectory() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        Files.write(data.resolve("trust-anchors.pem"), Fixtures.bytes("trust-anchors.pem"));
        C2paProvenance p = started(Map.of(), data);
        List<Signal> signals = p.analyse(submission(true, "C.jpg"), context(root));
        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        assertThat(s.getName()).isEqualTo("provenance.c2pa");
        assertThat(s.getCategory()).isEqualTo("trusted");
        assertThat(s.getMediaIndex()).isEqualTo(0);
        assertThat(s.getValue()).isEqualTo("make_test_images/0.33.1 c2pa-rs/0.33.1");
        assertThat(s.getAttributes()).containsEntry("algorithm", "PS256").containsEntry("signer", "C2PA Signer")
                .containsEntry("actions", "c2pa.created").containsEntry("ingredients", "0")
                .containsEntry("digitalSourceType", "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia")
                .containsEntry("generatedByModel", "false").containsEntry("signedAt", "2024-08-06T21:53:37Z")
                .doesNotContainKey("codes");
    }

    @Test
    void withoutAnchorsValidAndTheUntrustedCode() throws IOException {
        Signal s = started(Map.of(), null).analyse(submission(true, "audio.wav"), context(root)).get(0);
        assertThat(s.getCategory()).isEqualTo("valid");
        assertThat(s.attribute("codes")).isEqualTo("signingCredential.untrusted");
        assertThat(s.attribute("generatedByModel")).isEqualTo("true");
    }

    @Test
    void declaredButAbsentGivesAMismatch() throws IOException {
        List<Signal> signals = started(Map.of(), null).analyse(submission(true, "cloud.jpg"), context(root));
        assertThat(signals).extracting(Signal::getName).containsExactly("provenance.c2pa", "provenance.mismatch");
        assertThat(signals.get(0).getCategory()).isEqualTo("absent");
        assertThat(signals.get(0).attribute("remoteManifest")).startsWith("https://cai-manifests.adobe.com/");
        assertThat(signals.get(1).getCategory()).isEqualTo("declared-not-found");
        assertThat(signals.get(1).getMediaIndex()).isEqualTo(0);
    }

    @Test
    void undeclaredButPresentGivesAMismatch() throws IOException {
        List<Signal> signals = started(Map.of(), null).analyse(submission(false, "XCA.jpg"), context(root));
        assertThat(signals.get(0).getCategory()).isEqualTo("invalid");
        assertThat(signals.get(1).getCategory()).isEqualTo("found-not-declared");
        assertThat(signals.get(1).attribute("actual")).isEqualTo("invalid");
    }

    @Test
    void filesOutsideTheRootOrMissingAreSkipped() throws IOException {
        C2paProvenance p = started(Map.of(), null);
        Submission s = base("s").addMedia(Media.builder("image").index(0).path("../x.jpg").build())
                .addMedia(Media.builder("image").index(1).path("nope.jpg").build()).build();
        assertThat(p.wants(s)).isTrue();
        assertThat(p.analyse(s, context(root))).isEmpty();
        assertThat(p.wants(base("t").addMedia(Media.builder("image").build()).build())).isFalse();
    }

    @Test
    void aDamagedStoreIsInvalidNotAnException() throws IOException {
        byte[] c = Fixtures.bytes("C.jpg");
        for (int i = 40; i < 400; i += 7) {
            c[i] ^= 0x5a;       // inside the first APP11 segment's JUMBF
        }
        Files.write(root.resolve("damaged.jpg"), c);
        Submission s = base("s").provenance(new Provenance(true, false))
                .addMedia(Media.builder("image").index(0).path("damaged.jpg").build()).build();
        Signal signal = started(Map.of(), null).analyse(s, context(root)).get(0);
        assertThat(signal.getCategory()).isIn("invalid", "absent");
    }

    @Test
    void badSettingsFailStart() {
        assertThatThrownBy(() -> started(Map.of("trustAnchor", "x"), null)).hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> started(Map.of("trustAnchors", "missing.pem"), null)).hasMessageContaining("trustAnchors");
        assertThatThrownBy(() -> started(Map.of("maxBytes", "-1"), null)).hasMessageContaining("maxBytes");
    }

    @Test
    void pastTheDeadlineItGivesUp() throws IOException {
        C2paProvenance p = started(Map.of(), null);
        AnalysisContext late = new AnalysisContext() {
            @Override
            public Optional<Path> mediaRoot() {
                return Optional.of(root);
            }

            @Override
            public Instant deadline() {
                return Instant.EPOCH;
            }
        };
        assertThatThrownBy(() -> p.analyse(submission(true, "C.jpg"), late)).isInstanceOf(CancellationException.class);
    }

    @Test
    void declaresItsSignalNames() {
        assertThat(new C2paProvenance().signalNames()).containsExactlyInAnyOrder("provenance.c2pa", "provenance.mismatch");
    }

    private Submission submission(boolean declared, String fixture) throws IOException {
        Files.write(root.resolve(fixture), Fixtures.bytes(fixture));
        return base("s-1").provenance(new Provenance(declared, false))
                .addMedia(Media.builder("image").index(0).path(fixture).build()).build();
    }

    private static Submission.Builder base(String id) {
        return Submission.builder(id).submittedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .submitter(new Submitter("artist-1", "early-access", true, List.of())).intendedUse("portfolio");
    }

    private static C2paProvenance started(Map<String, String> settings, Path dataDirectory) {
        C2paProvenance p = new C2paProvenance();
        p.start(new PluginContext() {
            @Override
            public String pluginId() {
                return "c2pa";
            }

            @Override
            public String pluginVersion() {
                return "test";
            }

            @Override
            public Map<String, String> settings() {
                return settings;
            }

            @Override
            public Optional<Path> dataDirectory() {
                return Optional.ofNullable(dataDirectory);
            }
        });
        return p;
    }

    private static AnalysisContext context(Path root) {
        return new AnalysisContext() {
            @Override
            public Optional<Path> mediaRoot() {
                return Optional.of(root);
            }

            @Override
            public Instant deadline() {
                return Instant.now().plusSeconds(30);
            }
        };
    }
}
