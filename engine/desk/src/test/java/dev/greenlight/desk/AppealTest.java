package dev.greenlight.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.audit.AuditReader;
import dev.greenlight.audit.AuditRecord;
import dev.greenlight.desk.accounts.Account;
import dev.greenlight.desk.accounts.Role;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppealTest {
    static final Account ANA = Account.of("ana", Role.REVIEWER);
    static final Account BO = Account.of("bo", Role.REVIEWER);

    @TempDir
    Path dir;
    DeskFixture f;

    @BeforeEach
    void start() {
        f = new DeskFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Decision decidedByAna(Verdict v) {
        Decision d = f.decide("s-1", "brand");
        Case c = f.desk.next(Queue.REVIEW, ANA).orElseThrow();
        f.desk.decide(c.caseId(), new ReviewRequest(v, "IP-3", "A brand needs its owner's consent.", null, c.version()), ANA);
        return d;
    }

    @Test
    void anAppealIsItsOwnRecord_andNeverGoesToWhoDecided() throws Exception {
        Decision d = decidedByAna(Verdict.REJECT);
        Case appeal = f.desk.appeal(d.decisionId(), "It is my own brand; I can show the registration.");
        assertThat(appeal.queue()).isEqualTo(Queue.APPEAL);
        assertThat(appeal.decidedBy()).isEqualTo("ana");
        assertThat(f.desk.next(Queue.APPEAL, ANA)).isEmpty();
        Case bo = f.desk.next(Queue.APPEAL, BO).orElseThrow();
        Case done = f.desk.decide(bo.caseId(), new ReviewRequest(Verdict.APPROVE, "IP-3", null, "registration checked",
                bo.version()), BO);
        assertThat(done.finalVerdict()).isEqualTo(Verdict.APPROVE);

        List<AuditRecord> recs = new ArrayList<>();
        AuditReader.read(f.log, recs::add);
        AuditRecord a = recs.stream().filter(AuditRecord::isAppeal).findFirst().orElseThrow();
        assertThat(a.appeal().text()).isEqualTo("It is my own brand; I can show the registration.");
        assertThat(a.appeal().decisionSeq()).isEqualTo(recs.get(0).seq());
        assertThat(a.member("appeal")).contains("\"hash\":\"" + recs.get(0).hash() + "\"");
        List<AuditRecord> reviews = recs.stream().filter(AuditRecord::isReview).toList();
        assertThat(reviews).extracting(r -> r.review().round()).containsExactly(1, 2);
        assertThat(reviews.get(1).reviewDetails().queue()).isEqualTo("appeal");
        DecisionView v = f.desk.decision(d.decisionId()).orElseThrow();
        assertThat(v.history()).extracting(HistoryEntry::type).containsExactly("decision", "review", "appeal", "review");
        assertThat(v.finalVerdict()).isEqualTo(Verdict.APPROVE);
        assertThat(f.desk.metrics().appealDecisions()).isEqualTo(1);
        assertThat(f.desk.metrics().appealOverturns()).isEqualTo(1);
    }

    @Test
    void oneAppealPerDecision_notWhileUnderReview_textChecked() {
        Decision open = f.decide("s-open", "brand");
        assertThatThrownBy(() -> f.desk.appeal(open.decisionId(), "please")).isInstanceOf(CaseConflictException.class)
                .hasMessageContaining("still being reviewed");
        Decision rejected = f.decide("s-rules", "character"); // REJECT by the rules: appealable
        f.desk.appeal(rejected.decisionId(), "The character is mine.");
        assertThatThrownBy(() -> f.desk.appeal(rejected.decisionId(), "again")).isInstanceOf(CaseConflictException.class)
                .hasMessageContaining("already");
        assertThatThrownBy(() -> f.desk.appeal("nope", "text")).isInstanceOf(NoSuchElementException.class);
        Decision other = f.decide("s-other", "character");
        assertThatThrownBy(() -> f.desk.appeal(other.decisionId(), "x".repeat(2001)))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.field()).isEqualTo("text"));
        assertThatThrownBy(() -> f.desk.appeal(other.decisionId(), "bad\u0007bell"))
                .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.field()).isEqualTo("text"));
        assertThat(f.desk.appeal(other.decisionId(), "two lines\nare fine").queue()).isEqualTo(Queue.APPEAL);
    }
}
