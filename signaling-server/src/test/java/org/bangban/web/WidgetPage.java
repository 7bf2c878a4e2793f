package org.bangban.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.bangban.relay.browser.Chromium;
import org.bangban.relay.browser.PeerStats;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the 帮办 widget on the demo portal page of a started server, in one Chromium: the applicant's page in
 * the first window (by the widget's test ids, through its Shadow DOM), and a helper played by actors.js +
 * widget-helper.js in a second window (real media through the relay).
 */
final class WidgetPage {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Chromium browser;
    final ChromeDriver driver;
    private final String applicantWindow;
    private String helperWindow;
    private final List<String> consoleErrors = new ArrayList<>();

    WidgetPage(Chromium browser) {
        this.browser = browser;
        this.driver = browser.driver();
        this.applicantWindow = driver.getWindowHandle();
    }

    // ------------------------------------------------------------------ the applicant's page

    /**
     * Opens a page with a fresh tab state (no widget state, zh-CN, normal text). The storage is cleared on the
     * server's start page, which has no widget: a widget page still open could resume the previous test's call or
     * rating and write its state back after the clear (seen once in CI: the next test found the rating, not the items).
     */
    void openFresh(String url) {
        toApplicant();
        driver.get(URI.create(url).resolve("/").toString());
        js("sessionStorage.clear(); localStorage.clear();");
        driver.get(url);
        waitFor(d -> !d.findElements(By.id("bangban-widget")).isEmpty(), "the help button is mounted");
    }

    void toApplicant() {
        driver.switchTo().window(applicantWindow);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    SearchContext widgetRoot() {
        return driver.findElement(By.id("bangban-widget")).getShadowRoot();
    }

    /** The widget's element with this test id, once it is displayed. */
    WebElement el(String testid) {
        return waitFor(d -> {
            try {
                WebElement e = widgetRoot().findElement(By.cssSelector("[data-testid='" + testid + "']"));
                return e.isDisplayed() ? e : null;
            } catch (NoSuchElementException | StaleElementReferenceException e) {
                return null;
            }
        }, "the widget shows [" + testid + "]");
    }

    boolean shown(String testid) {
        try {
            return widgetRoot().findElements(By.cssSelector("[data-testid='" + testid + "']")).stream()
                    .anyMatch(WebElement::isDisplayed);
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return false;
        }
    }

    void click(String testid) {
        waitFor(d -> {
            WebElement e = el(testid);
            return e.isEnabled() ? e : null;
        }, "[" + testid + "] is enabled").click();
    }

    String text(String testid) {
        return el(testid).getText();
    }

    void waitText(String testid, String contains) {
        waitFor(d -> {
            try {
                return el(testid).getText().contains(contains);
            } catch (StaleElementReferenceException e) {
                return false;
            }
        }, () -> "[" + testid + "] says '" + contains + "'");
    }

    /** The widget's own state (window.BangbanWidget.state()). */
    @SuppressWarnings("unchecked")
    Map<String, Object> state() {
        return (Map<String, Object>) js("return window.BangbanWidget.state();");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> applicantInbound() {
        Map<String, Object> s = (Map<String, Object>) browser.async(
                "const done = arguments[arguments.length - 1];"
                        + "window.BangbanWidget.stats().then(s => done(s), e => done({error: String(e)}));");
        if (s == null || s.get("inbound") == null) return Map.of();
        return (Map<String, Map<String, Object>>) s.get("inbound");
    }

    <T> T waitFor(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(condition);
    }

    <T> T waitFor(Function<WebDriver, T> condition, java.util.function.Supplier<String> what) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(condition);
    }

    void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve("widget-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Errors the applicant's page logged (console.error, uncaught exceptions, failed loads) since the last call. */
    List<String> consoleErrors() {
        toApplicant();
        // The browser's log is one for all windows. The demo portal declares its icon (a data: URL), so a missing
        // /favicon.ico can only be the helper's window on the server's bare start page: not the widget's error.
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !e.getMessage().contains("/favicon.ico ")) {
                consoleErrors.add(e.getMessage());
            }
        }
        List<String> out = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return out;
    }

    // ------------------------------------------------------------------ the helper's window

    /** Opens the helper's window (once) on the server's start page with the test actors, then comes back. */
    void startHelper(int port) {
        if (helperWindow == null) {
            driver.switchTo().newWindow(WindowType.WINDOW);
            helperWindow = driver.getWindowHandle();
            driver.get("http://localhost:" + port + "/");
            js(resource("/browser/actors.js"));
            js(resource("/browser/widget-helper.js"));
            browser.call("helper", "loginAway", "helper1", List.of("microphone", "camera"));
        }
        toApplicant();
    }

    /** Calls window.peer('helper').method(args) in the helper's window. */
    Object helper(String method, Object... args) {
        driver.switchTo().window(helperWindow);
        try {
            return browser.call("helper", method, args);
        } finally {
            toApplicant();
        }
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> helperReceived(String type) {
        return (List<Map<String, Object>>) helper("received", type);
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> helperInbound() {
        Map<String, Object> s = (Map<String, Object>) helper("stats");
        return (Map<String, Map<String, Object>>) s.get("inbound");
    }

    void waitHelperDecodes(int streams) {
        PeerStats.waitFor(() -> PeerStats.decoding(helperInbound(), streams), 30_000,
                () -> "the helper decodes " + streams + " streams of the applicant: " + helperInbound());
    }

    /** Video frames the helper has decoded from the applicant so far (all streams). */
    long helperFramesDecoded() {
        return helperInbound().values().stream().mapToLong(m -> PeerStats.num(m.get("framesDecoded"))).sum();
    }

    /** Audio packets the helper has received from the applicant so far (all streams). */
    long helperAudioPackets() {
        return helperInbound().values().stream().filter(m -> "audio".equals(m.get("kind")))
                .mapToLong(m -> PeerStats.num(m.get("packetsReceived"))).sum();
    }

    void waitApplicantDecodes(int streams) {
        PeerStats.waitFor(() -> PeerStats.decoding(applicantInbound(), streams), 30_000,
                () -> "the applicant decodes " + streams + " streams of the helper: " + applicantInbound());
    }

    // ------------------------------------------------------------------ REST

    static JsonNode rest(int port, String method, String path, String token, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) b.header("Content-Type", "application/json");
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** A supervisor's case, with its events and evaluations. */
    static JsonNode caseOf(int port, String caseNumber) {
        String token = rest(port, "POST", "/api/auth/login", null,
                "{\"username\":\"supervisor1\",\"password\":\"bangban-demo\"}").path("token").asText();
        return rest(port, "GET", "/api/cases/" + caseNumber, token, null);
    }

    static String resource(String name) {
        try (InputStream in = WidgetPage.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
