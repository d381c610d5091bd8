package dev.greenlight.plugins.hashmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Media;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.spi.AnalysisContext;
import dev.greenlight.spi.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashMatchTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private Path dataDir;
    private Path mediaRoot;
    private String originalPdq;

    record Plugin(Map<String, String> settings, Optional<Path> dataDirectory) implements PluginContext {
        @Override
        public String pluginId() {
            return "hash-match";
        }

        @Override
        public String pluginVersion() {
            return "test";
        }
    }

    record Call(Optional<Path> mediaRoot, Instant deadline) implements AnalysisContext {
    }

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createDirectories(tmp.resolve("data"));
        mediaRoot = Files.createDirectories(tmp.resolve("media"));
        for (String f : List.of(Fixtures.ORIGINAL, Fixtures.BLURRED, Fixtures.SATURATED, Fixtures.ROTATIONS.get(0))) {
            Fixtures.copy(f, mediaRoot.resolve("img").resolve(f));
        }
        originalPdq = new PdqHasher().hash(Fixtures.image(Fixtures.ORIGINAL)).bits().toHex();
    }

    @Test
    void analyse_editedImage_matchesPdqBankWithAllAttributes() throws IOException {
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\tbridge meme\n");
        HashMatch plugin = started(Map.of());

        List<Signal> signals = plugin.analyse(submission(image("img/" + Fixtures.SATURATED)), call());

        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        int distance = Integer.parseInt(s.attribute("distance"));
        assertThat(distance).isBetween(1, 31);
        assertThat(s.getName()).isEqualTo("hash.match");
        assertThat(s.getMediaIndex()).isZero();
        assertThat(s.getCategory()).isEqualTo("known-memes");
        assertThat(s.getValue()).isEqualTo("bridge meme");
        assertThat(s.getScore()).isEqualTo(1.0 - distance / 256.0);
        assertThat(s.getAttributes()).containsEntry("algorithm", "pdq").containsEntry("bank", "known-memes")
                .containsEntry("label", "bridge meme").containsEntry("hash", originalPdq).containsEntry("quality", "100")
                .containsEntry("origin", "file");
    }

    @Test
    void analyse_rotatedImage_doesNotMatch() throws IOException {
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\n");

        assertThat(started(Map.of()).analyse(submission(image("img/" + Fixtures.ROTATIONS.get(0))), call())).isEmpty();
    }

    @Test
    void analyse_thresholdSetting_isApplied() throws IOException {
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\n");
        Submission saturated = submission(image("img/" + Fixtures.SATURATED));

        assertThat(started(Map.of("pdq.threshold", "0")).analyse(saturated, call())).isEmpty();
    }

    @Test
    void analyse_lowQualityImage_isSkippedUnlessMinQualityAllowsIt() throws IOException {
        // A nearly flat image: its hash is noise, so by default it must not be looked up.
        java.awt.image.BufferedImage flat = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                flat.setRGB(x, y, 0x808080 + (x + y) % 3);
            }
        }
        javax.imageio.ImageIO.write(flat, "png", mediaRoot.resolve("flat.png").toFile());
        PdqHash pdq = new PdqHasher().hash(flat);
        assertThat(pdq.quality()).isLessThan(PdqHasher.RECOMMENDED_MIN_QUALITY);
        bank("known.pdq.tsv", pdq.bits().toHex() + "\tflat\n");

        assertThat(started(Map.of()).analyse(submission(image("flat.png")), call())).isEmpty();
        assertThat(started(Map.of("pdq.minQuality", "0")).analyse(submission(image("flat.png")), call()))
                .singleElement().satisfies(s -> assertThat(s.attribute("quality")).isEqualTo(Integer.toString(pdq.quality())));
    }

    @Test
    void analyse_exactFile_matchesSha256BankOnce() throws Exception {
        String sha = sha256(mediaRoot.resolve("img").resolve(Fixtures.ORIGINAL));
        bank("files.sha256.tsv", sha + "\tleaks\n");
        Media declaredToo = image("img/" + Fixtures.ORIGINAL).toBuilder().sha256(sha).build();

        List<Signal> signals = started(Map.of("examples", "false")).analyse(submission(declaredToo), call());

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.getCategory()).isEqualTo("leaks");
            assertThat(s.getValue()).isEqualTo(sha);
            assertThat(s.getScore()).isEqualTo(1.0);
            assertThat(s.getAttributes()).containsEntry("algorithm", "sha256").containsEntry("distance", "0")
                    .containsEntry("origin", "file").containsEntry("label", "").doesNotContainKey("quality");
        });
    }

    @Test
    void analyse_declaredSha256WithoutFile_matchesSha256Bank() throws IOException {
        String sha = "ab".repeat(32);
        bank("files.sha256.tsv", sha + "\tleaks\tleaked trailer\n");
        Media video = Media.builder("video").sha256(sha).build();

        List<Signal> signals = started(Map.of()).analyse(submission(video), new Call(Optional.empty(), NOW.plusSeconds(5)));

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.getValue()).isEqualTo("leaked trailer");
            assertThat(s.getAttributes()).containsEntry("origin", "declared");
        });
    }

    @Test
    void analyse_pathOutsideRootOrWithoutRoot_isSkippedSilently() throws IOException {
        Path outside = Fixtures.copy(Fixtures.ORIGINAL, tmp.resolve("outside.jpg"));
        bank("files.sha256.tsv", sha256Unchecked(outside) + "\tleaks\n");
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\n");
        HashMatch plugin = started(Map.of());

        assertThat(plugin.analyse(submission(image("../outside.jpg")), call())).isEmpty();
        assertThat(plugin.analyse(submission(image(outside.toString())), call())).isEmpty();
        assertThat(plugin.analyse(submission(image("img/" + Fixtures.ORIGINAL)), new Call(Optional.empty(), NOW.plusSeconds(5))))
                .isEmpty();
    }

    @Test
    void analyse_undecodableImage_givesNoSignalAndNoError() throws IOException {
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\n");
        Files.writeString(mediaRoot.resolve("broken.png"), "not a png");

        assertThat(started(Map.of()).analyse(submission(image("broken.png")), call())).isEmpty();
    }

    @Test
    void analyse_severalMedia_reportsEachWithItsIndex() throws IOException {
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\n");
        Submission s = base().media(List.of(image("img/" + Fixtures.ROTATIONS.get(0)), image("img/" + Fixtures.BLURRED),
                image("img/" + Fixtures.SATURATED))).build();

        assertThat(started(Map.of()).analyse(s, call())).extracting(Signal::getMediaIndex).containsExactly(1, 2);
    }

    @Test
    void analyse_concurrentCalls_giveTheSameAnswers() throws Exception {
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\n");
        HashMatch plugin = started(Map.of());
        Submission s = submission(image("img/" + Fixtures.BLURRED));
        List<Signal> expected = plugin.analyse(s, call());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Signal>>> results = pool.invokeAll(java.util.Collections.nCopies(8, () -> plugin.analyse(s, call())));
            for (Future<List<Signal>> r : results) {
                assertThat(r.get()).isEqualTo(expected).isNotEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void analyse_pastDeadline_throwsRatherThanAnsweringPartially() throws IOException {
        bank("known.pdq.tsv", originalPdq + "\tknown-memes\n");
        HashMatch plugin = started(Map.of());

        assertThatThrownBy(() -> plugin.analyse(submission(image("img/" + Fixtures.ORIGINAL)), new Call(Optional.of(mediaRoot), NOW.minusMillis(1))))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("deadline");
    }

    @Test
    void analyse_beforeStart_isAnError() {
        assertThatThrownBy(() -> new HashMatch(CLOCK).analyse(submission(image("x.png")), call()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void start_malformedBankLine_failsNamingFileAndLine() throws IOException {
        Path file = bank("known.pdq.tsv", originalPdq + "\tok\n" + "xyz\tbad\n");

        assertThatThrownBy(() -> started(Map.of())).hasMessageStartingWith(file + ":2: hash must be 64 hex digits");
    }

    @Test
    void start_missingBankPathSetting_fails() {
        assertThatThrownBy(() -> started(Map.of("banks", "nowhere/x.pdq.tsv"))).hasMessageContaining("does not exist");
    }

    @Test
    void start_badNumberSetting_failsNamingTheSetting() {
        assertThatThrownBy(() -> started(Map.of("pdq.threshold", "99")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'pdq.threshold' must be between 0 and 63, was 99");
    }

    @Test
    void analyse_ffmpegDecoder_matchesTheEditedImagesToo() throws IOException {
        bank("a.pdq.tsv", originalPdq + "\tknown\tbridge\n");
        HashMatch plugin = started(Map.of("pdq.decoder", "ffmpeg"));

        for (String edit : List.of(Fixtures.BLURRED, Fixtures.SATURATED)) {
            List<Signal> signals = plugin.analyse(submission(image("img/" + edit)), call());
            assertThat(signals).extracting(s -> s.attribute("algorithm") + ":" + s.getValue()).containsExactly("pdq:bridge");
        }
        assertThat(plugin.analyse(submission(image("img/" + Fixtures.ROTATIONS.get(0))), call())).isEmpty();
    }

    @Test
    void start_unknownSetting_failsNamingIt() {
        assertThatThrownBy(() -> started(Map.of("pdq.treshold", "20")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pdq.treshold'");
        assertThatThrownBy(() -> started(Map.of("video.submissionShare", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'video.submissionShare'");
    }

    @Test
    void item5_everyBankEntryWithinTheThreshold_isReported_bestFirst_andBounded() throws IOException {
        // three entries near the original in one bank: the exact one, and two a few bits away
        String near1 = flip(originalPdq, 0);
        String near2 = flip(flip(originalPdq, 1), 2);
        bank("known.pdq.tsv", near2 + "\tknown-memes\tfar\n" + originalPdq + "\tknown-memes\texact\n" + near1 + "\tknown-memes\tnear\n");
        List<Signal> all = started(Map.of()).analyse(submission(image("img/" + Fixtures.ORIGINAL)), call());
        assertThat(all).extracting(Signal::getValue).containsExactly("exact", "near", "far");
        assertThat(started(Map.of("maxMatches", "2")).analyse(submission(image("img/" + Fixtures.ORIGINAL)), call()))
                .extracting(Signal::getValue).containsExactly("exact", "near");
    }

    @Test
    void item5_aBankPathWithACommaInIt_isGivenWhole_underBanksName() throws IOException {
        Path odd = Files.createDirectories(tmp.resolve("banks, site"));
        Files.writeString(odd.resolve("more.pdq.tsv"), originalPdq + "\tcomma-bank\n");
        assertThat(started(Map.of("banks.site", odd.toString())).analyse(submission(image("img/" + Fixtures.BLURRED)), call()))
                .extracting(Signal::getCategory).containsExactly("comma-bank");
        assertThatThrownBy(() -> started(Map.of("bank.site", odd.toString()))).hasMessageContaining("unknown setting 'bank.site'");
    }

    private static String flip(String hex, int bit) {
        char[] c = hex.toCharArray();
        int i = c.length - 1 - bit / 4;
        c[i] = Character.forDigit(Character.digit(c[i], 16) ^ (1 << (bit % 4)), 16);
        return new String(c);
    }

    @Test
    void start_bankPathSetting_isResolvedAgainstDataDirectory() throws IOException {
        Files.createDirectories(dataDir.resolve("extra"));
        Files.writeString(dataDir.resolve("extra/more.pdq.tsv"), originalPdq + "\textra-bank\n");

        assertThat(started(Map.of("banks", "extra")).analyse(submission(image("img/" + Fixtures.BLURRED)), call()))
                .extracting(Signal::getCategory).containsExactly("extra-bank");
    }

    @Test
    void start_noBanksConfigured_loadsShippedExamples() {
        List<Signal> signals = started(Map.of()).analyse(submission(image("img/" + Fixtures.ORIGINAL)), call());

        assertThat(signals).extracting(s -> s.attribute("algorithm") + ":" + s.getCategory())
                .containsExactly("sha256:example", "pdq:example");
    }

    @Test
    void start_examplesFalse_loadsNothing() {
        assertThat(started(Map.of("examples", "false")).analyse(submission(image("img/" + Fixtures.ORIGINAL)), call())).isEmpty();
    }

    private HashMatch started(Map<String, String> settings) {
        HashMatch plugin = new HashMatch(CLOCK);
        plugin.start(new Plugin(settings, Optional.of(dataDir)));
        return plugin;
    }

    private Path bank(String name, String content) throws IOException {
        return Files.writeString(Files.createDirectories(dataDir.resolve("banks")).resolve(name), content);
    }

    private Call call() {
        return new Call(Optional.of(mediaRoot), NOW.plusSeconds(30));
    }

    private static Media image(String path) {
        return Media.builder("image").mimeType("image/jpeg").path(path).build();
    }

    private static Submission.Builder base() {
        return Submission.builder("s-1").submittedAt(NOW).submitter(new Submitter("u-1", "public", false, List.of()))
                .intendedUse("public-post");
    }

    private static Submission submission(Media media) {
        return base().addMedia(media).build();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String sha256Unchecked(Path file) {
        try {
            return sha256(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
