package dev.greenlight.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.Greenlight;
import dev.greenlight.model.Decision;
import dev.greenlight.model.Reason;
import dev.greenlight.model.Signal;
import dev.greenlight.model.Verdict;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evidence-driven policies of the shipped pack, with signals injected as the plugins emit them. */
class SignalPoliciesTest {
    static Greenlight engine;

    @BeforeAll
    static void load() {
        engine = Greenlight.builder().build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static Signal term(String category, String value) {
        return Signal.builder("prompt.term").source("prompt-screen").category(category).value(value)
                .attribute("field", "prompt").build();
    }

    static Decision decide(String use, Signal... signals) {
        return engine.decide(PolicyPackTest.artwork("studio-partner", use).build(), List.of(signals));
    }

    static List<String> voting(Decision d) {
        return d.reasons().stream().filter(r -> r.verdict() == d.verdict()).map(Reason::rule).toList();
    }

    @Test
    void publicFigure_escalatedOutsidePrivate() {
        Decision d = decide("public-post", term("public-figure", "Barack Obama"));
        assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE);
        assertThat(voting(d)).containsExactly("public-figure-likeness");
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r.message()).contains("Barack Obama"));
        assertThat(decide("private", term("public-figure", "Barack Obama")).verdict()).isEqualTo(Verdict.APPROVE);
    }

    @Test
    void trademarkedCharacter_rejectedCommercially_reviewedElsewhere() {
        assertThat(voting(decide("commercial", term("trademarked-character", "Mickey Mouse"))))
                .containsExactly("trademarked-character-commercial");
        assertThat(voting(decide("festival", term("trademarked-character", "Mickey Mouse"))))
                .containsExactly("trademarked-character-review");
        assertThat(voting(decide("public-post", term("brand", "Coca-Cola logo")))).containsExactly("brand-review");
    }

    @Test
    void minorsWithSexualContent_alwaysRejected_evenPrivately() {
        for (String use : List.of("private", "portfolio", "commercial")) {
            Decision d = decide(use, term("minors", "schoolgirls"), term("sexual", "nude figure"));
            assertThat(d.verdict()).as(use).isEqualTo(Verdict.REJECT);
            assertThat(voting(d)).as(use).containsExactly("minors-with-sexual-content");
        }
        assertThat(voting(decide("portfolio", term("minors", "12-year-old boy")))).containsExactly("minors-review");
        assertThat(voting(decide("portfolio", term("sexual", "topless dancers")))).containsExactly("sexual-content-review");
    }

    @Test
    void violence_selfHarm_reviewed() {
        assertThat(voting(decide("portfolio", term("violence", "beheading")))).containsExactly("graphic-violence-review");
        assertThat(voting(decide("private", term("self-harm", "suicide jump")))).containsExactly("self-harm-review");
    }

    @Test
    void deceptiveRealism_rejectedForNewsUses_reviewedOtherwise() {
        assertThat(voting(decide("press", term("deceptive-realism", "fake news broadcast"))))
                .containsExactly("deceptive-realism-news-use");
        assertThat(voting(decide("festival", term("deceptive-realism", "leaked CCTV footage"))))
                .containsExactly("deceptive-realism-review");
    }

    @Test
    void extremism_rejected() {
        assertThat(voting(decide("portfolio", term("extremism", "terrorist recruitment video"))))
                .containsExactly("extremist-content");
    }

    @Test
    void mediaIntegrity_andKnownContent() {
        Signal mismatch = Signal.builder("media.mismatch").source("media-probe").category("type").mediaIndex(0)
                .attribute("declared", "video").attribute("actual", "image").build();
        Decision d = decide("portfolio", mismatch);
        assertThat(voting(d)).containsExactly("declared-media-mismatch");
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r.message()).contains("declared video, actual image"));
        Signal unreadable = Signal.builder("media.unreadable").source("media-probe").category("truncated").mediaIndex(0).build();
        assertThat(voting(decide("portfolio", unreadable))).containsExactly("unreadable-media");
        Signal match = Signal.builder("hash.match").source("hash-match").category("known-csam").mediaIndex(0)
                .attribute("distance", "4").build();
        assertThat(voting(decide("private", match))).containsExactly("known-content-match");
        Signal mixed = Signal.builder("prompt.mixed-script").source("prompt-screen").attribute("word", "Cоca").build();
        assertThat(voting(decide("portfolio", mixed))).containsExactly("disguised-prompt-text");
    }

    @Test
    void benignEvidence_changesNothing() {
        Signal info = Signal.builder("media.info").source("media-probe").mediaIndex(0).attribute("width", "1920").build();
        assertThat(decide("public-post", info).verdict()).isEqualTo(Verdict.APPROVE);
    }
}
