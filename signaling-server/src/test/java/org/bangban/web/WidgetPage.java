package org.bangban.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bangban.relay.browser.Chromium;
import org.bangban.relay.browser.PeerStats;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the 帮办 widget on the demo portal page of a started server, in one Chromium: the applicant's page in
 * the first window (by the widget's test ids, through its Shadow DOM), and a helper played by actors.js +
 * widget-helper.js in a second window (real media through the relay).
 */
final class WidgetPage {
    final Chromium browser;
    final ChromeDriver driver;
    private final String applicantWindow;
    private String helperWindow;

    WidgetPage(Chromium browser) {
        this.browser = browser;
        this.driver = browser.driver();
        this.applicantWindow = driver.getWindowHandle();
    }

    /** A Chromium with the demo portal of the server on this port and the helper's window ready (logged in, away). */
    static WidgetPage start(int port) {
        return start(port, demo(port));
    }

    /** As {@link #start(int)}, the applicant's window first on this page (with the help button of that server). */
    static WidgetPage start(int port, String firstPage) {
        WidgetPage page = new WidgetPage(Chromium.start(List.of("--window-size=1280,900")));
        try {
            page.openFresh(firstPage);
            page.startHelper(port);
            return page;
        } catch (RuntimeException e) {
            page.close();
            throw e;
        }
    }

    static String demo(int port) {
        return "http://localhost:" + port + "/demo/";
    }

    void close() {
        browser.close();
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
        WebTestSupport.screenshot(driver, "widget-" + name);
    }

    /** Errors the applicant's page logged (console.error, uncaught exceptions, failed loads) since the last call. */
    List<String> consoleErrors() {
        toApplicant();
        // The browser's log is one for all windows. The demo portal declares its icon (a data: URL), so a missing
        // /favicon.ico can only be the helper's window on the server's bare start page: not the widget's error.
        return WebTestSupport.consoleErrors(driver, m -> m.contains("/favicon.ico "));
    }

    // ------------------------------------------------------------------ the helper's window

    /** Opens the helper's window (once) on the server's start page with the test actors, then comes back. */
    void startHelper(int port) {
        if (helperWindow == null) {
            driver.switchTo().newWindow(WindowType.WINDOW);
            helperWindow = driver.getWindowHandle();
            driver.get("http://localhost:" + port + "/");
            js(WebTestSupport.resource("browser/actors.js"));
            js(WebTestSupport.resource("browser/widget-helper.js"));
            browser.call("helper", "loginAway", "helper1", List.of("microphone", "camera"));
        }
        toApplicant();
    }

    /** Calls window.peer('helper').method(args) in the helper's window. */
    Object helper(String method, Object... args) {
        return helperAs("helper", method, args);
    }

    /** Calls window.peer(name).method(args) in the helper's window: "helper" (helper1) or "helper2". */
    Object helperAs(String name, String method, Object... args) {
        driver.switchTo().window(helperWindow);
        try {
            return browser.call(name, method, args);
        } finally {
            toApplicant();
        }
    }

    /** Logs a second helper in (away) in the helper's window: window.peer('helper2'); returns its principal id. */
    String startSecondHelper(String username) {
        return (String) helperAs("helper2", "loginAway", username, List.of("microphone", "camera"));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> helperReceived(String type) {
        return (List<Map<String, Object>>) helper("received", type);
    }

    Map<String, Map<String, Object>> helperInbound() {
        return helperInbound("helper");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> helperInbound(String name) {
        Map<String, Object> s = (Map<String, Object>) helperAs(name, "stats");
        return (Map<String, Map<String, Object>>) s.get("inbound");
    }

    void waitHelperDecodes(int streams) {
        waitHelperDecodes("helper", streams);
    }

    void waitHelperDecodes(String name, int streams) {
        PeerStats.waitFor(() -> PeerStats.decoding(helperInbound(name), streams), 30_000,
                () -> name + " decodes " + streams + " streams of the applicant: " + helperInbound(name));
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
}
