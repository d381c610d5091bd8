package dev.greenlight.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review desk's pages in a real headless Chromium (Debian's, through its chromedriver): the
 * scenarios of issue 14's acceptance, each page checked by axe-core (no serious or critical
 * violation) and saved as a screenshot under {@code target/screenshots/}. Skipped, with the reason,
 * when Chromium or chromedriver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskBrowserTest {
    private DeskFixture desk;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Browser.available(), Browser.missing());
        desk = DeskFixture.start(24);
    }

    @AfterAll
    void stop() {
        if (desk != null) {
            desk.close();
        }
    }

    /** Opens {@code path}, checks it with axe-core, and saves a screenshot named {@code shot}. */
    private void visit(Browser b, String shot) {
        b.screenshot(shot);
        assertThat(b.accessibilityProblems()).as("accessibility of %s (%s)", shot, b.driver.getCurrentUrl()).isEmpty();
    }

    /** Does {@code action}, which submits a form, and waits until the next page has replaced this one. */
    private static void andWait(Browser b, Runnable action) {
        WebElement old = b.driver.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(old));
        new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void signIn(Browser b, String name, boolean check) {
        b.driver.get(desk.url("/login"));
        if (check) {
            visit(b, "01-sign-in");
        }
        // keyboard only: the name field has focus; Tab to the password; Enter submits
        WebElement nameField = b.driver.switchTo().activeElement();
        assertThat(nameField.getAttribute("id")).isEqualTo("name");
        nameField.sendKeys(name, Keys.TAB);
        WebElement password = b.driver.switchTo().activeElement();
        andWait(b, () -> password.sendKeys(DeskFixture.PASSWORD, Keys.ENTER));
        assertThat(b.driver.getCurrentUrl()).endsWith("/desk/");
    }

    /** Presses "Start reviewing" for {@code queue} with the keyboard; returns the claimed case's id. */
    private String startReviewing(Browser b, String queue) {
        b.driver.get(desk.url("/desk/"));
        WebElement start = b.driver.findElement(By.id("start-" + queue));
        andWait(b, () -> start.sendKeys(Keys.ENTER));
        String url = b.driver.getCurrentUrl();
        assertThat(url).as("claimed a case from %s", queue).contains("/desk/cases/");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void signIn_startReviewing_revealTheImage_andDecideWithTheKeyboard() {
        try (Browser b = new Browser()) {
            signIn(b, "ana", true);
            assertThat(b.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Queues");
            visit(b, "02-queues");

            String caseId = startReviewing(b, "review");
            WebElement frame = b.driver.findElement(By.id("media-0"));
            assertThat(frame.getAttribute("class")).contains("blurred");
            visit(b, "03-case-blurred");

            // Tab through the page to the Reveal button, as a keyboard user would
            WebElement reveal = b.driver.findElement(By.cssSelector("button[data-reveal='media-0']"));
            tabTo(b, reveal);
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            assertThat(frame.getAttribute("class")).doesNotContain("blurred");
            assertThat(reveal.getAttribute("aria-pressed")).isEqualTo("true");
            visit(b, "04-case-revealed");

            // the reasons, the rules that fired (explain's detail) and the policy text behind them
            String main = b.driver.findElement(By.tagName("main")).getText();
            assertThat(main).contains("unverified-needs-review").contains("matched")
                    .contains("PRG-3: Unverified accounts are reviewed")
                    .contains("Work from an account that is not verified yet is checked by a reviewer");
            b.driver.executeScript("document.getElementById('h-why').scrollIntoView()");
            b.screenshot("10-case-why");

            // a = approve (outside text fields), then the policy chosen by typing, then Ctrl+Enter: decide and next
            b.driver.findElement(By.tagName("body")).sendKeys("a");
            assertThat(b.driver.findElement(By.id("verdict-a")).isSelected()).isTrue();
            WebElement policy = b.driver.findElement(By.id("policy"));
            tabTo(b, policy);
            b.driver.switchTo().activeElement().sendKeys(DeskFixture.POLICY);
            andWait(b, () -> b.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER)));

            assertThat(b.driver.findElement(By.cssSelector("p.flash")).getText()).contains("Recorded APPROVE on case " + caseId);
            assertThat(desk.caseOf(caseId).finalVerdict()).hasToString("APPROVE");
            assertThat(desk.caseOf(caseId).decidedBy()).isEqualTo("ana");
            // "decide and next" claimed the next case
            assertThat(b.driver.getCurrentUrl()).contains("/desk/cases/").doesNotEndWith(caseId);
        }
    }

    /** Presses Tab until {@code target} has focus (at most 200 times). */
    private static void tabTo(Browser b, WebElement target) {
        for (int i = 0; i < 200 && !b.driver.switchTo().activeElement().equals(target); i++) {
            b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(b.driver.switchTo().activeElement()).as("reached by Tab").isEqualTo(target);
    }

    @Test
    void twoReviewersInTwoBrowsers_neverGetTheSameCase() {
        try (Browser one = new Browser(); Browser two = new Browser()) {
            signIn(one, "ben", false);
            signIn(two, "cleo", false);
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                first.add(startReviewing(one, "review"));
                second.add(startReviewing(two, "review"));
            }
            Set<String> all = new HashSet<>(first);
            all.addAll(second);
            assertThat(all).hasSize(6);
            for (String id : first) {
                assertThat(desk.caseOf(id).claimedBy()).isEqualTo("ben");
            }
            for (String id : second) {
                assertThat(desk.caseOf(id).claimedBy()).isEqualTo("cleo");
            }
            release(one, first);
            release(two, second);
        }
    }

    private void release(Browser b, List<String> ids) {
        for (String id : ids) {
            b.driver.get(desk.url("/desk/cases/" + id));
            andWait(b, () -> b.driver.findElement(By.id("release")).click());
        }
    }

    @Test
    void aLeadOverturnsAnEscalation() {
        String caseId;
        try (Browser reviewer = new Browser()) {
            signIn(reviewer, "dev", false);
            caseId = startReviewing(reviewer, "review");
            reviewer.driver.findElement(By.tagName("body")).sendKeys("e");
            new org.openqa.selenium.support.ui.Select(reviewer.driver.findElement(By.id("policy"))).selectByValue(DeskFixture.POLICY);
            reviewer.driver.findElement(By.id("note")).sendKeys("Looks like a real person's face; a lead should decide.");
            andWait(reviewer, () -> reviewer.driver.findElement(By.id("decide-only")).click());
            assertThat(reviewer.driver.findElement(By.cssSelector("p.flash")).getText()).contains("now in the Lead queue");
        }
        try (Browser lead = new Browser()) {
            signIn(lead, "lena", false);
            String leadCase = startReviewing(lead, "lead");
            assertThat(leadCase).isEqualTo(caseId);
            lead.driver.findElement(By.tagName("body")).sendKeys("a");
            new org.openqa.selenium.support.ui.Select(lead.driver.findElement(By.id("policy"))).selectByValue(DeskFixture.POLICY);
            lead.driver.findElement(By.id("artistMessage")).sendKeys("Your work may be published.");
            andWait(lead, () -> lead.driver.findElement(By.id("decide-only")).click());

            lead.driver.get(desk.url("/desk/decisions/" + desk.caseOf(caseId).decisionId()));
            assertThat(lead.driver.findElement(By.id("final-verdict")).getText()).isEqualTo("APPROVE");
            String history = lead.driver.findElement(By.tagName("main")).getText();
            assertThat(history).contains("dev").contains("lena").contains("ESCALATE");
            visit(lead, "07-history");
            lead.driver.get(desk.url("/desk/stats"));
            visit(lead, "08-stats");
        }
    }

    @Test
    void aStaleForm_isRefusedWithTheCurrentCase_andNothingIsRecorded() {
        try (Browser b = new Browser()) {
            signIn(b, "ana", false);
            String caseId = startReviewing(b, "review");
            long recorded = desk.reviewsRecorded();
            String page = b.driver.getWindowHandle();
            // in a second tab the reviewer gives the case back: the first tab's form is now stale
            b.driver.switchTo().newWindow(WindowType.TAB);
            b.driver.get(desk.url("/desk/cases/" + caseId));
            andWait(b, () -> b.driver.findElement(By.id("release")).click());
            b.driver.close();
            b.driver.switchTo().window(page);

            b.driver.findElement(By.tagName("body")).sendKeys("a");
            new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("policy"))).selectByValue(DeskFixture.POLICY);
            andWait(b, () -> b.driver.findElement(By.id("decide-only")).click());
            assertThat(b.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your decision was not recorded");
            assertThat(b.driver.findElement(By.id("conflict")).getText()).isNotBlank();
            assertThat(b.driver.findElement(By.tagName("main")).getText()).contains(caseId).contains("open");
            visit(b, "05-stale-form");
            assertThat(desk.reviewsRecorded()).isEqualTo(recorded);
        }
    }

    @Test
    void aFormWithoutItsCsrfToken_isRefused_andNothingIsRecorded() {
        try (Browser b = new Browser()) {
            signIn(b, "ben", false);
            String caseId = startReviewing(b, "review");
            long version = desk.caseOf(caseId).version();
            long recorded = desk.reviewsRecorded();
            b.driver.executeScript("document.querySelector('#decide-form input[name=csrf]').remove()");
            b.driver.findElement(By.tagName("body")).sendKeys("a");
            new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("policy"))).selectByValue(DeskFixture.POLICY);
            andWait(b, () -> b.driver.findElement(By.id("decide-only")).click());
            assertThat(b.driver.findElement(By.tagName("h1")).getText()).isEqualTo("This request was refused");
            visit(b, "06-refused");
            assertThat(desk.reviewsRecorded()).isEqualTo(recorded);
            assertThat(desk.caseOf(caseId).version()).isEqualTo(version);
            assertThat(desk.caseOf(caseId).claimedBy()).isEqualTo("ben");
        }
    }

    @Test
    void anAuditor_seesTheCaseButNoDecisionForm() {
        try (Browser b = new Browser()) {
            signIn(b, "audrey", false);
            assertThat(b.driver.findElements(By.cssSelector("button[id^='start-']"))).isEmpty();
            String anyCase = b.driver.findElement(By.cssSelector("main table a.mono")).getText();
            b.driver.get(desk.url("/desk/cases/" + anyCase));
            assertThat(b.driver.findElements(By.id("decide-form"))).isEmpty();
            assertThat(b.driver.findElement(By.tagName("main")).getText()).contains("can read cases but not decide");
            visit(b, "09-auditor-case");
        }
    }
}
