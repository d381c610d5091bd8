package dev.greenlight.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver, for the desk's browser tests. Both come
 * from the distribution ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs
 * them): the driver's path is given explicitly so Selenium Manager never downloads anything. Each
 * browser gets a fresh profile, so two browsers are two separate reviewers (cookies and all).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where every run leaves a screenshot of each page it visited. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    final ChromeDriver driver;
    private final Path profile;

    /** True when both Chromium and chromedriver are installed where Debian puts them. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Why the browser tests are skipped when {@link #available} is false. */
    static String missing() {
        return "browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is not installed (apt-get install -y chromium chromium-driver; .ci/run does this)";
    }

    Browser() {
        try {
            this.profile = Files.createTempDirectory("greenlight-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    /** Saves a screenshot of the current page as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The current page's serious and critical accessibility violations found by axe-core (its
     * default rules: WCAG 2.0–2.2 A and AA and best practices), one line each; empty when there is
     * none. axe.min.js comes from the {@code com.deque.html.axe-core:selenium} jar and is injected
     * into the page by Selenium (the page's CSP governs the page's own scripts, not the driver's).
     */
    List<String> accessibilityProblems() {
        driver.executeScript(AXE);
        Object json = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({error: String(e)})));
                """);
        try {
            JsonNode violations = new ObjectMapper().readTree(String.valueOf(json));
            if (violations.has("error")) {
                throw new IllegalStateException("axe-core failed: " + violations.get("error").asText());
            }
            List<String> out = new ArrayList<>();
            for (JsonNode v : violations) {
                if (BLOCKING.contains(v.path("impact").asText())) {
                    List<String> where = new ArrayList<>();
                    v.path("nodes").forEach(n -> where.add(n.path("target").toString()));
                    out.add(v.path("impact").asText() + " " + v.path("id").asText() + ": " + v.path("help").asText() + " at " + where);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String AXE = axeScript();

    private static String axeScript() {
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
