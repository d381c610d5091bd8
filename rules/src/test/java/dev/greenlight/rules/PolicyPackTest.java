package dev.greenlight.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Media;
import dev.greenlight.model.Provenance;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Submission;
import dev.greenlight.model.Submitter;
import dev.greenlight.model.Verdict;
import dev.greenlight.testkit.Submissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped pack, loaded from the classpath exactly as the CLI loads it by default. */
class PolicyPackTest {
    static Greenlight engine;

    @BeforeAll
    static void load() {
        engine = Greenlight.builder().build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static Submission.Builder artwork(String program, String use) {
        return Submissions.of("s", program, use)
                .media(List.of(Media.builder("video").width(1920).height(1080).durationSeconds(10.0).frameRate(24.0).build()));
    }

    static Decision decide(Submission.Builder b) {
        return engine.decide(b.build());
    }

    static List<String> rulesWith(Decision d, Verdict v) {
        return d.reasons().stream().filter(r -> r.verdict() == v).map(Reason::rule).toList();
    }

    @Test
    void compliantWork_isApproved() {
        Decision d = decide(artwork("early-access", "public-post"));
        assertThat(d.verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(d.reasons()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("meets-programme-policy");
            assertThat(r.policy()).isEqualTo("BASE-1");
        });
    }

    @Test
    void redTeam_isPrivateOnly() {
        assertThat(decide(artwork("red-team", "private")).verdict()).isEqualTo(Verdict.APPROVE);
        for (String use : List.of("portfolio", "public-post", "festival", "press")) {
            Decision d = decide(artwork("red-team", use));
            assertThat(rulesWith(d, Verdict.REJECT)).as(use).containsExactly("red-team-private-only");
        }
    }

    @Test
    void commercial_needsStudioPartner_whoCreditsTheModel() {
        Decision partner = decide(artwork("studio-partner", "commercial"));
        assertThat(partner.verdict()).isEqualTo(Verdict.APPROVE_WITH_CONDITIONS);
        assertThat(partner.conditionIds()).containsExactly("credit-the-model");
        assertThat(rulesWith(decide(artwork("early-access", "commercial")), Verdict.REJECT))
                .containsExactly("commercial-needs-studio-partner");
        assertThat(rulesWith(decide(artwork("public", "commercial")), Verdict.REJECT))
                .containsExactly("commercial-needs-studio-partner");
    }

    @Test
    void unverified_isEscalated() {
        Decision d = decide(artwork("early-access", "portfolio").submitter(new Submitter("a", "early-access", false, null)));
        assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
        assertThat(rulesWith(d, Verdict.ESCALATE)).containsExactly("unverified-submitter-review");
    }

    @Test
    void earlyAccessVideo_over20s_orAbove1080p_rejectedOutsidePrivate() {
        Media longVideo = Media.builder("video").width(1920).height(1080).durationSeconds(25.0).build();
        Media uhd = Media.builder("video").width(3840).height(2160).durationSeconds(5.0).build();
        Media vertical = Media.builder("video").width(1080).height(1920).durationSeconds(20.0).build();
        Decision d = decide(artwork("early-access", "festival").media(List.of(longVideo)));
        assertThat(rulesWith(d, Verdict.REJECT)).containsExactly("video-over-duration-limit");
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r.message()).contains("25 seconds"));
        assertThat(rulesWith(decide(artwork("early-access", "portfolio").media(List.of(uhd))), Verdict.REJECT))
                .containsExactly("video-over-resolution-limit");
        // 1080x1920 is 1080p held upright, and 20 s is within the limit
        assertThat(decide(artwork("early-access", "portfolio").media(List.of(vertical))).verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(decide(artwork("early-access", "private").media(List.of(longVideo, uhd))).verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(decide(artwork("studio-partner", "festival").media(List.of(longVideo))).verdict()).isEqualTo(Verdict.APPROVE);
    }

    @Test
    void publicPost_withoutACredential_isEscalated_withoutAWatermark_isLabelled() {
        assertThat(rulesWith(decide(artwork("early-access", "public-post").provenance(new Provenance(false, true))),
                Verdict.ESCALATE)).containsExactly("required-c2pa-missing");
        Decision unmarked = decide(artwork("studio-partner", "public-post").provenance(new Provenance(true, false)));
        assertThat(rulesWith(unmarked, Verdict.APPROVE_WITH_CONDITIONS)).containsExactly("required-watermark-missing");
        assertThat(unmarked.conditionIds()).containsExactly("label-made-with-ai");
        // without either mark, the missing credential is still reviewed, and the label is not on the decision
        Decision neither = decide(artwork("public", "public-post").provenance(Provenance.NONE));
        assertThat(rulesWith(neither, Verdict.ESCALATE)).containsExactly("required-c2pa-missing");
        assertThat(rulesWith(neither, Verdict.APPROVE_WITH_CONDITIONS)).containsExactly("required-watermark-missing");
        assertThat(neither.conditions()).isEmpty();
        assertThat(decide(artwork("early-access", "portfolio").provenance(Provenance.NONE)).verdict()).isEqualTo(Verdict.APPROVE);
    }

    @Test
    void everyVote_hasAPolicyId_andAPlainMessage() {
        Decision d = decide(artwork("red-team", "commercial").submitter(new Submitter("a", "red-team", false, null))
                .provenance(Provenance.NONE));
        assertThat(d.reasons()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> {
            assertThat(r.policy()).isNotBlank();
            assertThat(r.message()).hasSizeGreaterThan(20).doesNotContain("intendedUse").doesNotContain("program ==");
        });
    }
}
