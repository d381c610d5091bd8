package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.model.Verdict;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One decision's records found through the index beside the segments ({@code SEGMENT.idx}), which
 * is derived data: rebuilt when missing, stale or damaged, and never believed without reading the
 * record it points at.
 */
class LogIndexTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    @TempDir
    Path dir;
    Path base;

    @BeforeEach
    void writeLog() {
        base = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(config())) {
            AuditFixtures.append(log, 1, 40);
            log.review("d-3", "rev-ana", Verdict.REJECT, "first", AT);
            AuditFixtures.append(log, 41, 20);
            log.review("d-3", "rev-bo", Verdict.APPROVE, "appeal", AT);
        }
        // the log's background indexer may have been stopped by close() before it got to every full
        // segment: index them all now, so each test starts from the same files
        try {
            LogIndex.indexSegments(base, 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private AuditConfig config() {
        return AuditConfig.builder(base).durability(Durability.NONE).segmentBytes(8192)
                .checkpointEvery(10, Duration.ofHours(1)).build();
    }

    /** What a full read of the log says are the records of {@code decisionId}. */
    private List<Long> scanned(String decisionId) {
        return AuditFixtures.records(base).stream().filter(r -> decisionId.equals(r.decisionId())).map(AuditRecord::seq).toList();
    }

    private static List<Long> seqs(List<AuditRecord> records) {
        return records.stream().map(AuditRecord::seq).toList();
    }

    @Test
    void aDecisionAndItsReviews_acrossSegments_areFound_asAFullReadFindsThem() throws IOException {
        List<AuditRecord> found = AuditReader.find(base, "d-3");
        assertThat(found).extracting(AuditRecord::type).containsExactly("decision", "review", "review");
        assertThat(seqs(found)).isEqualTo(scanned("d-3"));
        assertThat(found.get(0).file()).isNotEqualTo(found.get(2).file());
        AuditRecord full = AuditFixtures.records(base).stream().filter(r -> r.seq() == found.get(1).seq()).findFirst().orElseThrow();
        assertThat(found.get(1).line()).isEqualTo(full.line());
        assertThat(found.get(1).offset()).isEqualTo(full.offset());
        assertThat(found.get(1).text()).isEqualTo(full.text());
        assertThat(Files.exists(SegmentIndex.file(Segments.segment(base, 1)))).as("the full segments are indexed").isTrue();
    }

    @Test
    void everyDecision_isFound_inFullSegmentsAndInTheLastOne() throws IOException {
        for (int i = 1; i <= 60; i++) {
            assertThat(seqs(AuditReader.find(base, "d-" + i))).as("d-" + i).isEqualTo(scanned("d-" + i));
        }
        assertThat(AuditReader.find(base, "d-61")).isEmpty();
        assertThat(AuditReader.find(base, "s-3")).as("a submission id is not a decision id").isEmpty();
    }

    @Test
    void bySubmission_theDecisionRecordsOfOneSubmission() throws IOException {
        List<AuditRecord> found = AuditReader.findSubmission(base, "s-17");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).decisionId()).isEqualTo("d-17");
        assertThat(AuditReader.findSubmission(base, "s-999")).isEmpty();
    }

    @Test
    void aMissingIndex_isBuiltAgain() throws IOException {
        Path idx = SegmentIndex.file(Segments.segment(base, 2));
        Files.delete(idx);
        String id = firstDecisionIn(Segments.segment(base, 2));
        assertThat(seqs(AuditReader.find(base, id))).isEqualTo(scanned(id));
        assertThat(Files.exists(idx)).isTrue();
    }

    @Test
    void aStaleIndex_builtFromAnotherSegment_isNotUsed() throws IOException {
        Path seg = Segments.segment(base, 2);
        Files.copy(SegmentIndex.file(Segments.segment(base, 3)), SegmentIndex.file(seg), StandardCopyOption.REPLACE_EXISTING);
        String id = firstDecisionIn(seg);
        assertThat(seqs(AuditReader.find(base, id))).isEqualTo(scanned(id));
        assertThat(SegmentIndex.load(seg)).as("rebuilt for its own segment").isNotNull();
    }

    @Test
    void aDamagedIndex_isBuiltAgain_notBelieved() throws IOException {
        Path seg = Segments.segment(base, 2);
        Path idx = SegmentIndex.file(seg);
        try (RandomAccessFile f = new RandomAccessFile(idx.toFile(), "rw")) {
            f.seek(SegmentIndex.HEADER + 3);
            f.write(0x55); // a key changed: without its check, the index would lose a decision
        }
        assertThat(SegmentIndex.load(seg)).isNull();
        for (String id : decisionsIn(seg)) {
            assertThat(seqs(AuditReader.find(base, id))).as(id).isEqualTo(scanned(id));
        }
    }

    @Test
    void aDamagedRecord_foundThroughTheIndex_isReported_notShown() throws IOException {
        Path seg = Segments.segment(base, 2);
        String id = firstDecisionIn(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x04);
        }
        assertThatThrownBy(() -> AuditReader.find(base, id)).isInstanceOf(AuditException.class)
                .hasMessageContaining("damaged").hasMessageContaining(seg + ":1:");
    }

    @Test
    void aReviewOfAnOldDecision_afterReopening_findsItsRecordsThroughTheIndex() throws IOException {
        try (AuditLog log = AuditLog.open(config())) {
            assertThat(log.recovery().recordsRead()).isZero();
            Review r = log.review("d-3", "rev-cy", Verdict.ESCALATE, "second appeal", AT);
            assertThat(r.round()).isEqualTo(3);
            assertThat(r.previousVerdict()).isEqualTo(Verdict.APPROVE);
            assertThat(r.decisionSeq()).isEqualTo(scanned("d-3").get(0));
        }
        assertThat(AuditFixtures.verify(base).intact()).isTrue();
        assertThat(AuditReader.find(base, "d-3")).hasSize(4);
    }

    @Test
    void theLastSegmentsIndex_coversAPrefix_andTheRecordsAfterItAreSearched() throws IOException {
        Path last = lastSegment();
        AuditReader.find(base, "d-60"); // makes sure the last segment has an index (of some prefix)
        assertThat(SegmentIndex.load(last)).isNotNull();
        long sizeBefore = Files.size(last);
        try (AuditLog log = AuditLog.open(AuditConfig.builder(base).durability(Durability.NONE).segmentBytes(1 << 20)
                .checkpointEvery(10, Duration.ofHours(1)).build())) {
            AuditFixtures.append(log, 61, 3);
            log.review("d-60", "rev-ana", Verdict.REJECT, "", AT);
        }
        assertThat(lastSegment()).isEqualTo(last);
        assertThat(SegmentIndex.load(last).covered()).as("the new records are after what the index covers")
                .isLessThanOrEqualTo(sizeBefore).isLessThan(Files.size(last));
        for (String id : List.of("d-60", "d-61", "d-63")) {
            List<AuditRecord> found = AuditReader.find(base, id);
            assertThat(seqs(found)).as(id).isEqualTo(scanned(id));
            List<AuditRecord> full = AuditFixtures.records(base).stream().filter(r -> id.equals(r.decisionId())).toList();
            assertThat(found).extracting(AuditRecord::line).as("lines of " + id).isEqualTo(full.stream().map(AuditRecord::line).toList());
        }
        assertThat(AuditReader.find(base, "d-60")).hasSize(2);
    }

    private Path lastSegment() {
        Path last = base;
        for (int n = 2; Files.exists(Segments.segment(base, n)); n++) {
            last = Segments.segment(base, n);
        }
        return last;
    }

    private String firstDecisionIn(Path seg) throws IOException {
        return decisionsIn(seg).get(0);
    }

    private List<String> decisionsIn(Path seg) {
        return AuditFixtures.records(base).stream().filter(r -> r.file().equals(seg) && r.isDecision())
                .map(AuditRecord::decisionId).toList();
    }
}
