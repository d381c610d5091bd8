package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.desk.internal.DeskSnapshot;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Fulfilment;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A desk opened from its snapshot beside the log ({@code audit.jsonl.desk}) and the records after
 * it equals a desk rebuilt from the whole log: cases with their versions, decision views, queue
 * figures and counters; also after more records were written past the snapshot. A damaged
 * snapshot, one of another log, or one made under another configuration is not used.
 */
class DeskSnapshotTest {
    static final Account ANA = Account.of("ana", Role.REVIEWER);
    static final Account LEE = Account.of("lee", Role.REVIEWER, Role.LEAD);

    @TempDir
    Path dir;

    /** Every kind of record the desk reads: opened, joined, escalated, closed, appealed, conditional, fulfilled cases. */
    private static List<String> activity(DeskFixture f, String p) {
        List<String> ids = new ArrayList<>();
        Decision closed = f.decide(p + "closed", "brand");
        ids.add(closed.decisionId());
        ids.add(f.decide(p + "lead", "minor").decisionId());
        ids.add(f.decide(p + "open", "selfharm").decisionId());
        ids.add(f.decide(p + "joined", "brand").decisionId());
        ids.add(f.decide(p + "joined", "minor").decisionId());
        Decision auto = f.decide(p + "auto", "ok");
        ids.add(auto.decisionId());
        Decision rejected = f.decideBy(p + "rules-reject", "artist-2", "character");
        ids.add(rejected.decisionId());
        Decision conditional = f.decide(p + "cond", "brand");
        ids.add(conditional.decisionId());
        for (int i = 0; i < 6; i++) {
            ids.add(f.decideBy(p + "more-" + i, "artist-" + (i % 3), i % 2 == 0 ? "ok" : "selfharm").decisionId());
        }
        Case toLead = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        f.desk.decide(toLead.caseId(), new ReviewRequest(Verdict.ESCALATE, "MIN-2", null, "lead please", toLead.version()), ANA);
        for (Case c : f.desk.list(Queue.REVIEW, CaseState.OPEN, 0, 100)) {
            if (c.submissionId().equals(p + "closed")) {
                f.desk.reassign(c.caseId(), "ana", LEE);
                Case b = f.desk.get(c.caseId()).orElseThrow();
                f.desk.decide(b.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, null, b.version()), ANA);
            } else if (c.submissionId().equals(p + "cond")) {
                f.desk.reassign(c.caseId(), "lee", LEE);
                Case b = f.desk.get(c.caseId()).orElseThrow();
                f.desk.decide(b.caseId(), new ReviewRequest(Verdict.APPROVE_WITH_CONDITIONS, "IP-3", "with a label", null,
                        b.version(), List.of("label-made-with-ai")), LEE);
            }
        }
        f.engine.fulfil(conditional.decisionId(), List.of(new Fulfilment("label-made-with-ai", "https://example.org/1")));
        f.clock.advance(Duration.ofMinutes(1));
        f.desk.appeal(closed.decisionId(), "It is my own brand.");
        f.desk.appeal(rejected.decisionId(), "The character is mine.");
        f.desk.reviewWithoutClaim(auto.decisionId(), Verdict.ESCALATE, null, null, "looks off", ANA, false, false);
        f.desk.next(Queue.REVIEW, ANA).orElseThrow(); // a claim: not in the log, so in neither desk
        return ids;
    }

    private ReviewDesk read(DeskConfig config) {
        return ReviewDesk.read(dir.resolve("audit.jsonl"), PolicyCatalogue.load(DeskFixture.pack()), config);
    }

    private static void assertSameDesk(ReviewDesk restored, ReviewDesk rebuilt, List<String> decisionIds) {
        assertThat(restored.cases()).isEqualTo(rebuilt.cases()); // every field, versions included
        assertThat(restored.metrics()).isEqualTo(rebuilt.metrics());
        assertThat(restored.stats()).isEqualTo(rebuilt.stats());
        for (Queue q : Queue.values()) {
            assertThat(restored.list(q, null, 0, 1000)).as("queue order of %s", q).isEqualTo(rebuilt.list(q, null, 0, 1000));
        }
        for (String id : decisionIds) {
            DecisionView a = restored.decision(id).orElseThrow();
            DecisionView b = rebuilt.decision(id).orElseThrow();
            assertThat(a.decision()).as(id).isEqualTo(b.decision());
            assertThat(a.history()).as(id).isEqualTo(b.history());
            assertThat(a.openOrLastCase()).as(id).isEqualTo(b.openOrLastCase());
            assertThat(a.finalVerdict()).as(id).isEqualTo(b.finalVerdict());
            assertThat(a.submission().getId()).isEqualTo(b.submission().getId());
            assertThat(restored.undecided(id)).as(id).isEqualTo(rebuilt.undecided(id));
        }
        for (String submitter : List.of("artist-0", "artist-1", "artist-2")) {
            assertThat(restored.bySubmitter(submitter, 1000)).extracting(v -> v.decision().decisionId())
                    .isEqualTo(rebuilt.bySubmitter(submitter, 1000).stream().map(v -> v.decision().decisionId()).toList());
        }
    }

    private Path snapshot() {
        return snapshot(DeskFixture.pack(), dir.resolve("audit.jsonl"), DeskConfig.builder().build());
    }

    private static Path snapshot(Path pack, Path log, DeskConfig config) {
        return DeskSnapshot.file(log, config, PolicyCatalogue.load(pack));
    }

    @Test
    void aDeskFromItsSnapshot_equalsOneRebuiltFromTheWholeLog_alsoAfterMoreRecords() throws IOException {
        List<String> ids = new ArrayList<>();
        DeskConfig config;
        try (DeskFixture f = new DeskFixture(dir)) {
            ids.addAll(activity(f, "a-"));
            config = f.config;
            f.restart(); // the desk rebuilt from the whole log saves its snapshot
            assertThat(snapshot()).exists();
            ids.addAll(activity(f, "b-")); // records past the snapshot
        }
        try (ReviewDesk restored = read(config)) {
            Files.delete(snapshot());
            try (ReviewDesk rebuilt = read(config)) {
                assertSameDesk(restored, rebuilt, ids);
            }
        }
        // the rebuilt desk saved its snapshot, at the log's last record: read again, it alone makes the desk
        try (ReviewDesk restored = read(config); ReviewDesk rebuilt = fullRebuild(config)) {
            assertSameDesk(restored, rebuilt, ids);
        }
    }

    /** A desk from the whole log, its snapshot (if any) set aside and put back after. */
    private ReviewDesk fullRebuild(DeskConfig config) throws IOException {
        Path snapshot = snapshot(DeskFixture.pack(), dir.resolve("audit.jsonl"), config);
        Path aside = dir.resolve("aside");
        boolean had = Files.exists(snapshot);
        if (had) {
            Files.move(snapshot, aside);
        }
        try {
            return read(config);
        } finally {
            if (had) {
                Files.move(aside, snapshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void theSnapshot_spares_readingTheRecordsBeforeIt() throws IOException {
        DeskConfig config;
        try (DeskFixture f = new DeskFixture(dir)) {
            activity(f, "a-");
            config = f.config;
        }
        read(config).close(); // rebuilt, snapshot saved at the last record
        // a byte changed in an early record: a full read refuses the log; the desk from the snapshot never reads it
        // (verify finds it: the snapshot, like the state file, is a shortcut, not evidence)
        Path log = dir.resolve("audit.jsonl");
        byte[] b = Files.readAllBytes(log);
        int at = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\"a-lead\"") + 2; // in the second record (the first names the log)
        assertThat(at).isGreaterThan(b.length / 20);
        b[at] = 'X';
        Files.write(log, b);
        try (ReviewDesk restored = read(config)) {
            assertThat(restored.cases()).isNotEmpty();
        }
        assertThatThrownBy(() -> fullRebuild(config)).isInstanceOf(dev.greenlight.audit.AuditException.class);
    }

    @Test
    void aDamagedSnapshot_isNotUsed_theDeskIsRebuiltFromTheLog_andTheSnapshotWrittenAgain() throws IOException {
        List<String> ids;
        DeskConfig config;
        try (DeskFixture f = new DeskFixture(dir)) {
            ids = activity(f, "a-");
            config = f.config;
        }
        read(config).close();
        byte[] good = Files.readAllBytes(snapshot());
        Path leftover = snapshot().resolveSibling(snapshot().getFileName() + ".123.tmp");
        Files.write(leftover, good); // what a save killed before its rename leaves
        try (RandomAccessFile raf = new RandomAccessFile(snapshot().toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int v = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(v ^ 0x20); // one bit: without the check sum, a case or a counter would be off
        }
        try (ReviewDesk fromDamaged = read(config); ReviewDesk rebuilt = fullRebuild(config)) {
            assertSameDesk(fromDamaged, rebuilt, ids);
        }
        assertThat(Files.readAllBytes(snapshot())).as("written again from the rebuild").isEqualTo(good);
        assertThat(leftover).as("removed by the next save").doesNotExist();
    }

    @Test
    void aSnapshotOfAnotherLog_orUnderAnotherConfiguration_isNotUsed() throws IOException {
        List<String> ids;
        DeskConfig config;
        try (DeskFixture f = new DeskFixture(dir)) {
            ids = activity(f, "a-");
            config = f.config;
        }
        read(config).close();
        // under other priorities the rebuilt cases differ: a snapshot made under the old ones would be wrong
        DeskConfig other = DeskConfig.builder().priority("self-harm", 99).clock(config.clock()).build();
        Path otherName = snapshot(DeskFixture.pack(), dir.resolve("audit.jsonl"), other);
        assertThat(otherName).as("kept apart: a desk under other settings has its own").isNotEqualTo(snapshot());
        Files.copy(snapshot(), otherName); // even when found under its name, it is not used
        try (ReviewDesk restored = read(other); ReviewDesk rebuilt = fullRebuild(other)) {
            assertSameDesk(restored, rebuilt, ids);
            assertThat(restored.cases()).anySatisfy(c -> assertThat(c.priority()).isEqualTo(99));
        }
        assertThat(Files.readAllBytes(otherName)).as("written again by the rebuild").isNotEqualTo(Files.readAllBytes(snapshot()));
        // another log at the same place (the same records up to a point, then others): its own desk, not the snapshot's
        Path other2 = dir.resolve("other");
        Files.createDirectories(other2);
        List<String> otherIds;
        try (DeskFixture g = new DeskFixture(other2)) {
            otherIds = activity(g, "x-");
            g.restart();
        }
        Files.copy(snapshot(), snapshot(DeskFixture.pack(), other2.resolve("audit.jsonl"), DeskConfig.builder().build()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (ReviewDesk desk = ReviewDesk.read(other2.resolve("audit.jsonl"), PolicyCatalogue.load(DeskFixture.pack()), config)) {
            assertThat(desk.decision(ids.get(0))).isEmpty();
            assertThat(desk.decision(otherIds.get(0))).isPresent();
        }
    }

    @Test
    void theSnapshotStandsAtTheLastRecordRead() throws IOException {
        DeskConfig config;
        try (DeskFixture f = new DeskFixture(dir)) {
            activity(f, "a-");
            config = f.config;
        }
        read(config).close();
        List<AuditRecord> all = new ArrayList<>();
        AuditReader.read(dir.resolve("audit.jsonl"), all::add);
        AuditRecord last = all.get(all.size() - 1);
        List<AuditRecord> after = new ArrayList<>();
        assertThat(AuditReader.readAfter(dir.resolve("audit.jsonl"), AuditReader.Place.of(last), after::add)).isPresent();
        assertThat(after).isEmpty();
        AuditRecord third = all.get(2);
        assertThat(AuditReader.readAfter(dir.resolve("audit.jsonl"), AuditReader.Place.of(third), after::add).orElseThrow()
                .lastSeq()).isEqualTo(last.seq());
        assertThat(after).extracting(AuditRecord::seq).isEqualTo(all.subList(3, all.size()).stream().map(AuditRecord::seq).toList());
        // a place the log does not hold (another hash): nothing read
        AuditReader.Place wrong = new AuditReader.Place(third.file(), third.offset(), third.line(), third.seq(), "0".repeat(64));
        assertThat(AuditReader.readAfter(dir.resolve("audit.jsonl"), wrong, r -> { throw new AssertionError(); })).isEmpty();
    }
}
