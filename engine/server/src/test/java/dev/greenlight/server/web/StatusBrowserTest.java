package dev.greenlight.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.desk.Queue;
import dev.greenlight.model.Verdict;
import dev.greenlight.server.status.StatusFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The artist's status page in headless Chromium (docs/contract.md §7), through every state: an
 * escalated decision waiting for a reviewer (with its due time), a reviewer's REJECT with the
 * reason, the artist's appeal sent from the page's form, a second reviewer overturning it, the
 * final APPROVE. A screenshot of each state goes to {@code target/screenshots/} (and two at a
 * phone's width, 390 px); axe-core finds no serious or critical violation on any of them.
 */
class StatusBrowserTest {
    @TempDir
    Path dir;
    StatusFixture f;
    Browser browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Browser.available(), Browser.missing());
        f = StatusFixture.start(dir);
        browser = new Browser();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (f != null) {
            f.close();
        }
    }

    @Test
    void artist_followsAReview_appeals_andSeesTheFinalVerdict() throws Exception {
        JsonNode a = f.decide("s-100001", false, "public-post");
        JsonNode b = f.decide("s-200002", true, "commercial");
        String ta = a.path("statusToken").asText();
        String tb = b.path("statusToken").asText();
        f.awaitCase(a.path("decisionId").asText());
        f.awaitDecision(b.path("decisionId").asText());

        open("/status/" + ta);
        assertThat(heading()).isEqualTo("A reviewer will look at this");
        String body = text();
        assertThat(body).contains("You will have an answer by").containsPattern("\\d{1,2} \\w+ 20\\d\\d at \\d\\d:\\d\\d UTC")
                .contains("Policy PRG-3: Unverified accounts are reviewed").contains("Not yet: a reviewer will look at this.")
                .doesNotContain("s-200002");
        states("1-pending");
        phone("1-pending");

        f.review(Queue.REVIEW, StatusFixture.ANA, Verdict.REJECT, "Your account must be verified before this can be shared.",
                "internal: asked the artist team");
        open("/status/" + ta);
        assertThat(heading()).isEqualTo("Not approved: this work cannot be published as it is");
        assertThat(text()).contains("Your account is not verified yet, so a reviewer will look at this work before it can be shared.")
                .contains("Yes. A reviewer decided on").contains("Your account must be verified before this can be shared.")
                .doesNotContain("internal: asked").doesNotContain("ana");
        states("2-rejected");

        browser.driver.findElement(By.id("appeal-text")).sendKeys("My account was verified yesterday; please look again.");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.driver.getCurrentUrl()).as(text()).endsWith("/status/" + ta);
        assertThat(heading()).isEqualTo("Your appeal is with a reviewer");
        assertThat(text()).contains("You appealed on").contains("A different reviewer will decide by");
        states("3-appealed");

        f.review(Queue.APPEAL, StatusFixture.BEN, Verdict.APPROVE, "Your account is verified now; you may publish this work.",
                "internal: checked the account");
        open("/status/" + ta);
        assertThat(heading()).isEqualTo("Approved: you may publish this work");
        assertThat(text()).contains("the decision was changed").contains("Final decision")
                .contains("Your account is verified now; you may publish this work.").doesNotContain("internal:")
                .doesNotContain("ben");
        states("4-approved");
        phone("4-approved");

        // the other decision's token shows that decision only; a guessed one shows nothing
        open("/status/" + tb);
        assertThat(text()).contains("s-200002").doesNotContain("s-100001").contains("Commercial use is open to studio partners only");
        open("/status/" + ta.substring(0, ta.length() - 2) + "xy");
        assertThat(heading()).isEqualTo("This page does not exist");
        assertThat(text()).doesNotContain("s-100001").doesNotContain("s-200002");
        states("5-not-found");

        open("/policies/PRG-3");
        assertThat(heading()).isEqualTo("Unverified accounts are reviewed");
        states("6-policy");
    }

    private void open(String path) {
        browser.driver.get(f.server.uri().resolve(path).toString());
    }

    private String heading() {
        return browser.driver.findElement(By.tagName("h1")).getText();
    }

    private String text() {
        return browser.driver.findElement(By.tagName("body")).getText();
    }

    /** A screenshot of this state, and no serious or critical accessibility violation in it. */
    private void states(String name) {
        browser.screenshot("status-" + name);
        assertThat(browser.accessibilityProblems()).as("axe-core on " + name).isEmpty();
    }

    /** The same page at a phone's width: it fits without sideways scrolling. */
    private void phone(String name) {
        Dimension wide = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.driver.navigate().refresh();
            Object scrollWidth = browser.driver.executeScript("return document.documentElement.scrollWidth");
            Object clientWidth = browser.driver.executeScript("return document.documentElement.clientWidth");
            assertThat(((Number) scrollWidth).longValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(
                    ((Number) clientWidth).longValue());
            browser.screenshot("status-" + name + "-390px");
            assertThat(browser.accessibilityProblems()).as("axe-core on " + name + " at 390 px").isEmpty();
        } finally {
            browser.driver.manage().window().setSize(wide);
        }
    }
}
