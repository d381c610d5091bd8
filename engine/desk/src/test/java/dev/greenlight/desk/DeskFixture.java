package dev.greenlight.desk;

import dev.greenlight.testkit.MutableClock;
import dev.greenlight.audit.AuditConfig;
import dev.greenlight.audit.Durability;
import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.testkit.Submissions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real engine with an audit log and the test pack (src/test/resources/pack: tags {@code minor},
 * {@code selfharm}, {@code brand} escalate under MIN-2, SH-1, IP-3; {@code ok} approves; no tag gets the
 * default ESCALATE), a clock the test moves, and the desk over it.
 */
final class DeskFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    final Path dir;
    final Path log;
    final MutableClock clock = new MutableClock(START);
    final DeskConfig config;
    Greenlight engine;
    ReviewDesk desk;

    DeskFixture(Path dir) {
        this(dir, DeskConfig.builder());
    }

    DeskFixture(Path dir, DeskConfig.Builder config) {
        this.dir = dir;
        this.log = dir.resolve("audit.jsonl");
        this.config = config.clock(clock).build();
        start();
    }

    static Path pack() {
        try {
            return Path.of(DeskFixture.class.getResource("/pack/catalogue.yaml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds the engine and opens the desk (after a {@link #restart()}, on the same log). */
    void start() {
        engine = Greenlight.builder().rulesDirectory(pack()).clock(clock)
                .auditLog(AuditConfig.builder(log).durability(Durability.NONE).build()).build();
        desk = ReviewDesk.open(engine, config);
    }

    /** Closes desk and engine and opens them again: the desk is rebuilt from the log. */
    void restart() {
        close();
        start();
    }

    Decision decide(String submissionId, String... tags) {
        return decideBy(submissionId, "artist-1", tags);
    }

    Decision decideBy(String submissionId, String submitter, String... tags) {
        Submission s = Submissions.base(submissionId).submitter(new Submitter(submitter, "early-access", true, List.of()))
                .tags(List.of(tags)).build();
        Decision d = engine.decide(s);
        clock.advance(Duration.ofSeconds(1));
        return d;
    }

    @Override
    public void close() {
        if (desk != null) {
            desk.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
