package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records of a time range read through the index by time beside each segment: always what a
 * full read of the log, filtered by time, finds, in the same order; also when the writer's clock
 * stepped back, and when the index is missing, damaged or belongs to another segment.
 */
class TimeIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final int DECISIONS = 1000;
    /** Checkpoints are timed by the log's clock: here it shows the time of the decision being made, as in a live log. */
    private final MovingClock clock = new MovingClock();

    static final class MovingClock extends java.time.Clock {
        volatile Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
    @TempDir
    Path dir;
    Path base;

    /** Decision i at T0 + i minutes, but 400..449 at T0 + (i - 300) minutes: the clock stepped back 300 minutes. */
    static Instant decidedAt(int i) {
        return T0.plus(Duration.ofMinutes(i >= 400 && i < 450 ? i - 300 : i));
    }

    @BeforeEach
    void writeLog() throws IOException {
        base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.NONE).segmentBytes(160 * 1024)
                .checkpointEvery(50, Duration.ofHours(1)).clock(clock).build())) {
            for (int i = 1; i <= DECISIONS; i++) {
                clock.now = decidedAt(i);
                log.append(decision(i), AuditFixtures.submission("s-" + i));
                if (i % 7 == 0) {
                    // reviewed an hour after the decision
                    log.review("d-" + (i - 3), "rev-ana", Verdict.REJECT, "looked", decidedAt(i).plus(Duration.ofHours(1)));
                }
            }
        }
        LogIndex.indexSegments(base, 1);
        assertThat(Segments.list(base)).as("several segments").hasSizeGreaterThan(3);
        long lines = Files.readAllLines(Segments.segment(base, 1)).size();
        assertThat(lines).as("several blocks of the index by time in one segment").isGreaterThan(2L * SegmentIndex.BLOCK_LINES);
    }

    private static Decision decision(int i) {
        Verdict v = i % 3 == 0 ? Verdict.ESCALATE : Verdict.APPROVE;
        return new Decision("d-" + i, "s-" + i, v, List.of(new Reason("rule-x", v, "because", "P-1", null)), List.of(),
                AuditFixtures.RULES, List.of(), decidedAt(i), 42);
    }

    /** What a full read of the log says is in [since, until). */
    private List<Long> scanned(Instant since, Instant until) {
        List<Long> out = new ArrayList<>();
        for (AuditRecord rec : AuditFixtures.records(base)) {
            Instant at = RecordTime.of(rec);
            if (at != null && (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until))) {
                out.add(rec.seq());
            }
        }
        return out;
    }

    private List<Long> ranged(Instant since, Instant until) throws IOException {
        List<Long> out = new ArrayList<>();
        AuditReader.readTimeRange(base, since, until, rec -> out.add(rec.seq()));
        return out;
    }

    private void assertEveryRangeAsAFullRead() throws IOException {
        List<Instant[]> ranges = new ArrayList<>();
        ranges.add(new Instant[] {null, null});
        ranges.add(new Instant[] {T0.plus(Duration.ofMinutes(120)), null});
        ranges.add(new Instant[] {null, T0.plus(Duration.ofMinutes(30))});
        // the minutes the clock went back to: records from two places in the log
        ranges.add(new Instant[] {T0.plus(Duration.ofMinutes(100)), T0.plus(Duration.ofMinutes(150))});
        ranges.add(new Instant[] {T0.plus(Duration.ofMinutes(399)), T0.plus(Duration.ofMinutes(401))});
        ranges.add(new Instant[] {T0.plus(Duration.ofMinutes(250)).plusMillis(1), T0.plus(Duration.ofMinutes(251))});
        ranges.add(new Instant[] {T0.plus(Duration.ofDays(3)), null});
        ranges.add(new Instant[] {T0.minus(Duration.ofDays(3)), T0});
        for (int from = 0; from < 1100; from += 37) {
            ranges.add(new Instant[] {T0.plus(Duration.ofMinutes(from)), T0.plus(Duration.ofMinutes(from + 11)).plusNanos(500)});
        }
        for (Instant[] r : ranges) {
            assertThat(ranged(r[0], r[1])).as("[%s, %s)", r[0], r[1]).isEqualTo(scanned(r[0], r[1]));
        }
    }

    @Test
    void everyRange_isWhatAFullReadFinds_withAClockThatSteppedBack() throws IOException {
        assertEveryRangeAsAFullRead();
        List<Long> stepped = ranged(T0.plus(Duration.ofMinutes(100)), T0.plus(Duration.ofMinutes(150)));
        assertThat(stepped).as("decisions 100..149 and, after the step back, 400..449").hasSizeGreaterThan(100);
    }

    @Test
    void aShortRange_readsFewRecords_notTheLog() throws IOException {
        List<AuditRecord> got = new ArrayList<>();
        AuditReader.readTimeRange(base, decidedAt(300), decidedAt(301), got::add);
        assertThat(got).extracting(AuditRecord::decisionId).containsExactly("d-300");
        // the index names a few blocks (the decision's, and those of reviews made an hour later): a small part of the log
        long bytesNamed = 0;
        long logBytes = 0;
        for (Path seg : Segments.list(base)) {
            SegmentIndex idx = SegmentIndex.load(seg);
            for (SegmentIndex.Run run : idx.runs(RecordTime.millis(decidedAt(300)), RecordTime.millis(decidedAt(301)))) {
                bytesNamed += run.end() - run.offset();
            }
            logBytes += Files.size(seg);
        }
        // (about 4 blocks of 64 records: the decision's, the reviews', and the two where the clock stepped back across 300)
        assertThat(bytesNamed).isPositive().isLessThan(logBytes / 4);
    }

    @Test
    void withoutItsIndexes_theLogAnswersTheSame_andTheIndexesAreBuiltAgain() throws IOException {
        for (Path seg : Segments.list(base)) {
            Files.delete(SegmentIndex.file(seg));
        }
        assertEveryRangeAsAFullRead();
        assertThat(Files.exists(SegmentIndex.file(Segments.segment(base, 2)))).isTrue();
    }

    @Test
    void aDamagedIndex_isBuiltAgain_notBelieved() throws IOException {
        Path seg = Segments.segment(base, 2);
        Path idx = SegmentIndex.file(seg);
        try (RandomAccessFile f = new RandomAccessFile(idx.toFile(), "rw")) {
            f.seek(f.length() - 9); // in the last block's latest time: without its check, a range would miss records
            f.write(0x55);
        }
        assertThat(SegmentIndex.load(seg)).isNull();
        assertEveryRangeAsAFullRead();
        assertThat(SegmentIndex.load(seg)).isNotNull();
    }

    @Test
    void anotherSegmentsIndex_isNotUsed() throws IOException {
        Path seg = Segments.segment(base, 2);
        Files.copy(SegmentIndex.file(Segments.segment(base, 3)), SegmentIndex.file(seg), StandardCopyOption.REPLACE_EXISTING);
        assertEveryRangeAsAFullRead();
    }

    @Test
    void anIndexOfAnEarlierFormat_isBuiltAgain() throws IOException {
        Path seg = Segments.segment(base, 1);
        Path idx = SegmentIndex.file(seg);
        byte[] b = Files.readAllBytes(idx);
        b[7] = '2'; // GLIDX002: an index without times
        Files.write(idx, b);
        assertThat(SegmentIndex.load(seg)).isNull();
        assertEveryRangeAsAFullRead();
    }

    @Test
    void recordsWrittenAfterTheIndex_areFoundInWhatItDoesNotCover() throws IOException {
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.NONE).segmentBytes(160 * 1024)
                .checkpointEvery(50, Duration.ofHours(1)).clock(clock).build())) {
            for (int i = DECISIONS + 1; i <= DECISIONS + 20; i++) {
                clock.now = decidedAt(i);
                log.append(decision(i), AuditFixtures.submission("s-" + i));
            }
        }
        assertEveryRangeAsAFullRead();
        List<String> decided = new ArrayList<>();
        AuditReader.readTimeRange(base, decidedAt(DECISIONS + 5), decidedAt(DECISIONS + 7), rec -> {
            if (rec.isDecision()) {
                decided.add(rec.decisionId());
            }
        });
        assertThat(decided).containsExactly("d-" + (DECISIONS + 5), "d-" + (DECISIONS + 6));
    }

    @Test
    void aChangedRecordInARange_isReportedAsDamage() throws IOException {
        Path seg = Segments.segment(base, 2);
        List<AuditRecord> inSeg = AuditFixtures.records(base).stream().filter(r -> r.file().equals(seg) && r.isDecision()).toList();
        AuditRecord victim = inSeg.get(inSeg.size() / 2);
        byte[] all = Files.readAllBytes(seg);
        int at = (int) victim.offset() + new String(all, (int) victim.offset(), 200, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf("because");
        all[at] = 'B';
        Files.write(seg, all);
        Instant t = victim.decidedAt();
        assertThatThrownBy(() -> ranged(t, t.plusSeconds(1))).isInstanceOf(AuditException.class)
                .hasMessageContaining("damaged").hasMessageContaining(seg.getFileName().toString());
    }

    @Test
    void theQuickTimeReading_agreesWithInstantParse() {
        for (String t : List.of("2026-01-06T00:00:01Z", "2026-01-06T00:00:01.5Z", "2026-01-06T00:00:01.05Z",
                "2026-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00.123Z", "1969-12-31T23:59:59.9Z", "2026-11-02T10:00:00.000Z",
                "2026-01-06T24:00:00Z", "2026-01-06T00:00:00.Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-01-06T00:00:00", "yesterday", "2026-01-06T00:00:00.1234567890Z", "+12026-01-06T00:00:00Z")) {
            long expected;
            try {
                expected = Instant.parse(t).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                expected = RecordTime.UNKNOWN;
            }
            assertThat(RecordTime.parseMillis(t)).as(t).isEqualTo(expected);
        }
    }

    @Test
    void findAll_findsWhatFindFinds_forEachDecision() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= DECISIONS + 3; i += 5) {
            ids.add("d-" + i);
        }
        Map<String, List<AuditRecord>> all = AuditReader.findAll(base, ids);
        for (String id : ids) {
            List<Long> one = AuditReader.find(base, id).stream().map(AuditRecord::seq).toList();
            List<Long> many = all.getOrDefault(id, List.of()).stream().map(AuditRecord::seq).toList();
            assertThat(many).as(id).isEqualTo(one);
        }
        assertThat(all).doesNotContainKey("d-1001");
        // the follow-ups of decision records in hand: what findAll finds after each decision record
        List<AuditRecord> decisions = new ArrayList<>();
        for (String id : ids) {
            AuditReader.find(base, id).stream().filter(AuditRecord::isDecision).forEach(decisions::add);
        }
        Map<String, List<AuditRecord>> after = AuditReader.followUps(base, decisions);
        for (String id : ids) {
            List<Long> expected = all.getOrDefault(id, List.of()).stream().skip(1).map(AuditRecord::seq).toList();
            assertThat(after.getOrDefault(id, List.of()).stream().map(AuditRecord::seq).toList()).as(id).isEqualTo(expected);
        }
        assertThat(all.get("d-11")).extracting(AuditRecord::type).containsExactly("decision", "review");
    }
}
