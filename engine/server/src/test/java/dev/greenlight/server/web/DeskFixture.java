package dev.greenlight.server.web;

import dev.greenlight.desk.Case;
import dev.greenlight.desk.DeskConfig;
import dev.greenlight.desk.ReviewDesk;
import dev.greenlight.desk.accounts.Accounts;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Media;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.server.GreenlightServer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A running server with the review desk and its pages, for the web tests: rules that escalate every
 * submission with a policy id from the test pack's catalogue, an audit log, a media root holding one
 * image and one audio clip, users of every role (password {@link #PASSWORD}), and {@code n}
 * escalated decisions, so {@code n} open cases in the review queue.
 */
final class DeskFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    /** The policy every test decision cites. */
    static final String POLICY = "PRG-3";

    final Path dir;
    final Path media;
    final Greenlight engine;
    final ReviewDesk desk;
    final GreenlightServer server;

    private DeskFixture(Path dir, Greenlight engine, ReviewDesk desk, GreenlightServer server, Path media) {
        this.dir = dir;
        this.engine = engine;
        this.desk = desk;
        this.server = server;
        this.media = media;
    }

    static DeskFixture start(int cases) throws IOException {
        Path dir = Files.createTempDirectory("greenlight-desk-web-");
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        copy("desk/escalate.drl", rules.resolve("escalate.drl"));
        copy("desk/catalogue.yaml", rules.resolve("catalogue.yaml"));
        Path media = dir.resolve("media");
        Files.createDirectories(media);
        image(media.resolve("portrait.png"));
        Files.write(media.resolve("clip.mp3"), new byte[64 * 1024]);
        Path users = dir.resolve("users.txt");
        String hash = Accounts.hashPassword(PASSWORD.toCharArray());
        Files.writeString(users, String.join("\n",
                "ana reviewer " + hash, "ben reviewer " + hash, "cleo reviewer " + hash, "dev reviewer " + hash,
                "lena lead " + hash, "audrey auditor " + hash) + "\n");
        Greenlight engine = Greenlight.builder().rulesDirectory(rules).auditLog(dir.resolve("audit.jsonl")).mediaRoot(media).build();
        ReviewDesk desk = ReviewDesk.open(engine, DeskConfig.defaults());
        for (int i = 1; i <= cases; i++) {
            engine.decide(submission(i), media);
        }
        GreenlightServer server = GreenlightServer.builder(engine).port(0).desk(desk).accounts(Accounts.load(users)).build().start();
        return new DeskFixture(dir, engine, desk, server, media);
    }

    static Submission submission(int i) {
        return Submission.builder(String.format("s-%06d", i)).submittedAt(Instant.parse("2026-12-05T10:00:00Z").plusSeconds(i * 60L))
                .submitter(new Submitter("artist-" + (i % 3), "early-access", false, List.of()))
                .title("Harbour at dawn " + i).description("A painted harbour, boats and gulls.")
                .prompt("oil painting of a harbour at dawn, boats, gulls").intendedUse("public-post")
                .tags(List.of("painting", "harbour"))
                .addMedia(Media.builder("image").mimeType("image/png").path("portrait.png").width(640).height(400).build())
                .addMedia(Media.builder("audio").mimeType("audio/mpeg").path("clip.mp3").durationSeconds(4.0).build())
                .build();
    }

    String url(String path) {
        return server.uri().resolve(path).toString();
    }

    Case caseOf(String caseId) {
        return desk.get(caseId).orElseThrow();
    }

    /** Review records in the audit log so far (what a refused form must not add to). */
    long reviewsRecorded() {
        return desk.metrics().decisionsByReviewer().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        server.close(); // closes the desk and the engine too
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = DeskFixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A 640×400 gradient with shapes: enough to see the blur and the grayscale work. */
    private static void image(Path to) {
        BufferedImage img = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(255, 170, 60), 640, 400, new Color(40, 90, 200)));
        g.fillRect(0, 0, 640, 400);
        g.setColor(new Color(20, 40, 80));
        g.fillRect(0, 300, 640, 100);
        g.setColor(new Color(250, 240, 200));
        g.fillOval(420, 60, 120, 120);
        g.setColor(Color.WHITE);
        g.fillPolygon(new int[] {120, 200, 160}, new int[] {300, 300, 200}, 3);
        g.dispose();
        try {
            ImageIO.write(img, "png", to.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
