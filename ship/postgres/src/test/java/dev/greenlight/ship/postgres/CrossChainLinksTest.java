package dev.greenlight.ship.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.audit.AuditShipper;
import dev.greenlight.audit.DecisionRef;
import dev.greenlight.audit.ReviewDetails;
import dev.greenlight.audit.VerifyOptions;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.HandMadeDecisions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify --db's check of reviews written on one node's chain of a decision in another node's chain
 * (a shared review desk): a link holds when the named record is stored, is that decision and has the
 * named hash; a wrong hash, and a chain that was never shipped, are reported by the review's log and seq.
 */
class CrossChainLinksTest {
    static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    static Path pgDir;
    static RealPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new RealPostgres(pgDir.resolve("data"));
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void linksAreCheckedAgainstTheOtherChainsRecords() throws Exception {
        Path a = dir.resolve("a/audit.jsonl");
        Path b = dir.resolve("b/audit.jsonl");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        String aLog;
        try (AuditLog log = AuditLog.open(a)) {
            HandMadeDecisions.append(log, "a", 1, 5);
            aLog = log.logId().orElseThrow();
        }
        AuditRecord d3 = decision(a, "d-a3");
        AuditRecord d4 = decision(a, "d-a4");
        AuditRecord d5 = decision(a, "d-a5");
        try (AuditLog log = AuditLog.open(b)) {
            HandMadeDecisions.append(log, "b", 1, 2);
            log.review(new DecisionRef("d-a3", d3.seq(), d3.hash(), d3.submissionId(), Verdict.ESCALATE, 0, aLog),
                    "rev-ana", Verdict.APPROVE, "", AT, new ReviewDetails("c-x-3", "review", null, null, List.of()));
            // the hash of another record: a link that does not hold
            log.review(new DecisionRef("d-a4", d4.seq(), d5.hash(), d4.submissionId(), Verdict.ESCALATE, 0, aLog),
                    "rev-bo", Verdict.APPROVE, "", AT, ReviewDetails.NONE);
        }

        PgSettings onlyB = postgres.newDatabase("onlyb");
        ship(b, onlyB, "node-b");
        PgChainVerifier.LinkResult missing = PgChainVerifier.verifyLinks(onlyB);
        assertThat(missing.checked()).isEqualTo(2);
        assertThat(missing.problems()).hasSize(2).allMatch(p -> p.contains("which is not stored"));
        // the chain itself is intact: the links are the only problem
        assertThat(PgChainVerifier.verifyAll(onlyB, VerifyOptions.DEFAULT)).allMatch(r -> r.result().intact());

        // a shipper's cursor is per kind of target, not per database: B's history goes to the second one too
        Files.delete(Path.of(b + ".feed-ship-postgres"));
        PgSettings both = postgres.newDatabase("twochains");
        ship(a, both, "node-a");
        ship(b, both, "node-b");
        PgChainVerifier.LinkResult r = PgChainVerifier.verifyLinks(both);
        assertThat(r.checked()).isEqualTo(2);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p).contains("seq 4")
                .contains("with hash " + d5.hash() + ", but that record's hash is " + d4.hash()));
        assertThat(r.describe()).isEqualTo("2 links between chains (reviews of decisions in other logs): 1 do not hold");
    }

    private static AuditRecord decision(Path base, String id) throws Exception {
        return AuditReader.find(base, id).stream().filter(AuditRecord::isDecision).findFirst().orElseThrow();
    }

    private static void ship(Path base, PgSettings db, String node) throws Exception {
        try (AuditShipper s = AuditShipper.start(base, new PgShipTarget(db, node), 100)) {
            assertThat(s.awaitCaughtUp(30_000)).isTrue();
        }
    }
}
