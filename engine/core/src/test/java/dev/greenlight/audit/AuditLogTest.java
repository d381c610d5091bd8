package dev.greenlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.testing.RuleDirs;
import dev.greenlight.testing.Submissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;
    Path rules;
    Path log;

    @BeforeEach
    void setUp() {
        rules = dir.resolve("rules");
        RuleDirs.write(rules, "a.drl", "a", "rule \"ok\" @policy(\"P-1\") when Submission() then verdict.approve(\"fine\"); end\n");
        log = dir.resolve("audit/log.jsonl");
    }

    private List<Decision> decide(int n) {
        List<Decision> out = new ArrayList<>();
        try (Greenlight g = Greenlight.builder().rulesDirectory(rules).auditLog(log).build()) {
            for (int i = 0; i < n; i++) {
                out.add(g.decide(Submissions.base("s-" + i).build()));
            }
        }
        return out;
    }

    @Test
    void everyDecision_isRecorded_andTheChainVerifies() throws IOException {
        List<Decision> ds = decide(5);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(6); // five decisions and the checkpoint written on close
        assertThat(lines.get(5)).contains("\"type\":\"checkpoint\"");
        for (int i = 0; i < 5; i++) {
            assertThat(lines.get(i)).contains("\"decisionId\":\"" + ds.get(i).decisionId() + "\"")
                    .contains("\"seq\":" + (i + 1)).contains("\"submission\":{");
        }
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isTrue();
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.checkpoints()).isEqualTo(1);
    }

    @Test
    void reopening_continuesTheChain() throws IOException {
        decide(3);
        decide(2);
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isTrue();
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.lastSeq()).isEqualTo(7); // each close added a checkpoint
    }

    @Test
    void editedByte_isDetected_atThatLine() throws IOException {
        decide(5);
        byte[] bytes = Files.readAllBytes(log);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int third = nthLineStart(text, 3);
        int at = text.indexOf("fine", third);
        bytes[at] = 'F';
        Files.write(log, bytes);
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isFalse();
        assertThat(r.badLine()).isEqualTo(3);
        assertThat(r.problem()).contains("hash does not match");
    }

    @Test
    void rehashedEdit_breaksTheChainAtTheNextRecord() throws IOException {
        decide(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        // an editor who recomputes the edited record's own hash still breaks the next record's "prev"
        String edited = lines.get(1).replace("fine", "FINE");
        int cut = edited.lastIndexOf(",\"hash\":\"");
        byte[] body = (edited.substring(0, cut) + "}").getBytes(StandardCharsets.UTF_8);
        lines.set(1, edited.substring(0, cut) + ",\"hash\":\"" + AuditRecordFormat.sha256Hex(body, body.length) + "\"}");
        Files.write(log, lines);
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isFalse();
        assertThat(r.badLine()).isEqualTo(3);
        assertThat(r.problem()).contains("prev");
    }

    @Test
    void deletedLine_isDetected() throws IOException {
        decide(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(2);
        Files.write(log, lines);
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isFalse();
        assertThat(r.badLine()).isEqualTo(3);
        assertThat(r.problem()).contains("sequence number 4 where 3 was expected");
    }

    @Test
    void swappedLines_areDetected() throws IOException {
        decide(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        Collections.swap(lines, 1, 3);
        Files.write(log, lines);
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isFalse();
        assertThat(r.badLine()).isEqualTo(2);
    }

    @Test
    void tornLastLine_isReported() throws IOException {
        decide(2);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isFalse();
        assertThat(r.badLine()).isEqualTo(3);
        assertThat(r.tornTail()).isTrue();
        assertThat(r.problem()).contains("torn");
    }

    @Test
    void damagedLog_refusesToOpen_andIsLeftUntouched() throws IOException {
        decide(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(0);
        Files.write(log, lines);
        byte[] before = Files.readAllBytes(log);
        assertThatThrownBy(() -> decide(1)).isInstanceOf(AuditException.class).hasMessageContaining("damaged")
                .hasMessageContaining(":1:");
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    @Test
    void secondWriter_isRefused() {
        try (AuditLog first = AuditLog.open(log)) {
            assertThatThrownBy(() -> AuditLog.open(log)).isInstanceOf(AuditException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void absurdlyLongLine_isDamage_notOutOfMemory() throws IOException {
        Files.createDirectories(log.getParent());
        try (var out = Files.newOutputStream(log)) {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 12; i++) {
                out.write(chunk);
            }
            out.write('\n');
        }
        VerifyResult r = AuditVerifier.verify(log);
        assertThat(r.intact()).isFalse();
        assertThat(r.badLine()).isEqualTo(1);
        assertThat(r.problem()).contains("longer than");
    }

    private static int nthLineStart(String text, int n) {
        int idx = 0;
        for (int i = 1; i < n; i++) {
            idx = text.indexOf('\n', idx) + 1;
        }
        return idx;
    }
}
