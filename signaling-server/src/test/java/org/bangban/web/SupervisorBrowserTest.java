package org.bangban.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.bangban.it.TestNode;
import org.bangban.it.WsClient;
import org.bangban.relay.browser.Chromium;
import org.bangban.relay.browser.PeerStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The supervisor dashboard (/supervisor/) in real headless Chromium against a started server, driven by its test ids.
 * The applicant and the helper are played by the web widget's own modules (test/resources/browser/actors.js, loaded
 * into the same page, their elements hidden) and by WebSocket clients; the media is real and checked through
 * getStats, not through what the page says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisorBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static TestNode node;
    private static Chromium browser;
    private static ChromeDriver driver;
    private static String supervisorId;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir, Map.of("pairing.wrapup", "PT1S"));
        browser = Chromium.start(List.of("--autoplay-policy=no-user-gesture-required", "--lang=zh-CN"));
        driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1280, 1000));
        driver.get(base() + "/supervisor/");
        try {
            waitUntil(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")), 10);
        } catch (RuntimeException e) {
            throw new AssertionError("the dashboard did not start; console: " + driver.manage().logs().get(LogType.BROWSER)
                    .getAll() + "\n" + driver.getPageSource().substring(0, 300), e);
        }
        supervisorId = WebTestSupport.supervisorLogin(node.port()).path("principalId").asText();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (node != null) node.close();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(WebTestSupport.consoleErrors(driver, m -> false)).as("errors in the browser console").isEmpty();
    }

    @Test
    @Order(1)
    void aSupervisorSeesALiveSessionMonitorsWhispersBargesInAndForcesItsEnd() throws Exception {
        // log in: a wrong password is told, the right one opens the wallboard
        type("login-user", "supervisor1");
        type("login-password", "wrong");
        testid("login-submit").click();
        waitUntil(d -> !testid("login-error").getText().isBlank(), 5);
        assertThat(testid("login-error").getText()).contains("不正确");
        testid("login-password").clear();
        type("login-password", "bangban-demo");
        testid("login-submit").click();
        waitUntil(d -> driver.findElements(By.cssSelector("[data-testid=queue-row][data-queue='税务']")).size() == 1, 5);
        assertThat(testid("who").getText()).contains("监督人员");

        // an applicant and a helper in a live session (the widget's modules, real media)
        loadActors();
        browser.call("helper", "helper", "helper1", List.of("microphone", "camera"));
        browser.call("applicant", "applicant", "tax-registration", List.of("microphone", "camera", "screen"));
        String sessionId = (String) browser.call("helper", "waitSession");
        long started = System.nanoTime();
        By row = By.cssSelector("[data-testid=session-row][data-session-id='" + sessionId + "']");
        waitUntil(d -> !d.findElements(row).isEmpty(), 3);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the session is on the wallboard").isLessThanOrEqualTo(2000);
        WebElement line = driver.findElement(row);
        assertThat(line.getText()).contains("新办纳税人套餐").contains("帮办员 张敏").contains("guest:…");
        waitUntil(d -> d.findElement(row).getText().contains("屏幕共享"), 10);
        // the relay's measure of the session's media: loopback media is good, and the detail is there for a closer look
        waitUntil(d -> "good".equals(d.findElement(row).findElement(By.cssSelector("[data-testid=session-quality]"))
                .getAttribute("data-quality")), 10);
        WebElement quality = driver.findElement(row).findElement(By.cssSelector("[data-testid=session-quality]"));
        assertThat(quality.getText()).isEqualTo("质量良好");
        assertThat(quality.getAttribute("title")).startsWith("丢包 ").contains("往返时延");
        assertThat(testid("helper-state-busy").getText()).startsWith("1");
        shot("wallboard");

        // silent monitoring: both sides' audio and video decode on the supervisor's page, which sends nothing
        line.findElement(By.cssSelector("[data-testid=monitor-start]")).click();
        waitFor(() -> PeerStats.decoding(pageInbound(), 5), "the supervisor page decodes both sides (2 microphones, 2 cameras, 1 screen)");
        assertThat(PeerStats.num(pageStats().get("outboundBytes"))).as("silent monitoring sends no media").isZero();
        for (String tile : List.of("monitor-applicant-camera", "monitor-applicant-screen", "monitor-helper-camera")) {
            assertThat(driver.findElements(By.cssSelector("[data-testid=" + tile + "]"))).as(tile).hasSize(1);
        }
        assertThat(testid("monitor-mode").getText()).contains("静默监听");
        waitUntil(d -> d.findElement(row).findElement(By.cssSelector("[data-col=monitoring]")).getText().contains("1 人监听中"), 5);
        assertThat(PeerStats.num(pageStats().get("outboundBytes"))).as("still nothing sent").isZero();
        shot("monitor");

        // whisper: only the helper hears the supervisor; barge-in: both do
        String voice = supervisorId.replace(':', '.') + "-microphone";
        testid("whisper-start").click();
        waitFor(() -> PeerStats.hears(actorInbound("helper"), voice), "the helper hears the whisper");
        assertThat(PeerStats.hears(actorInbound("applicant"), voice)).as("the applicant does not").isFalse();
        assertThat(testid("monitor-mode").getText()).contains("只有帮办人员");
        testid("barge-in").click();
        waitFor(() -> PeerStats.hears(actorInbound("applicant"), voice), "the applicant hears the barge-in");
        assertThat(testid("barge-in").getAttribute("aria-pressed")).isEqualTo("true");

        // force end: confirmed in a dialog; the session leaves the wallboard, both parties are told why
        driver.findElement(row).findElement(By.cssSelector("[data-testid=force-end]")).click();
        waitUntil(ExpectedConditions.visibilityOf(testid("force-end-dialog")), 3);
        testid("force-end-confirm").click();
        waitUntil(d -> d.findElements(row).isEmpty(), 5);
        waitUntil(d -> !testid("monitor-panel").isDisplayed(), 5);
        assertThat(actorPush("applicant", "session.ended").path("reason").asText()).isEqualTo("SUPERVISOR_ENDED");
        assertThat(actorPush("helper", "session.ended").path("by").asText()).isEqualTo("supervisor");

        // the case shows it: search by number, open it
        String caseNumber = actorPush("helper", "session.started").path("caseNumber").asText();
        testid("tab-cases").click();
        type("case-search-number", caseNumber);
        testid("case-search-submit").click();
        By caseRow = By.cssSelector("[data-testid=case-row][data-case='" + caseNumber + "']");
        waitUntil(d -> !d.findElements(caseRow).isEmpty(), 5);
        driver.findElement(caseRow).findElement(By.cssSelector("[data-testid=case-open]")).click();
        By ended = By.cssSelector("[data-testid=case-session][data-session-id='" + sessionId + "']");
        waitUntil(d -> !d.findElements(ended).isEmpty(), 5);
        assertThat(driver.findElement(ended).getAttribute("data-end-reason")).isEqualTo("SUPERVISOR_ENDED");
        assertThat(driver.findElement(ended).getText()).contains("监督人员结束");
        String supervision = driver.findElements(By.cssSelector("[data-testid=case-supervision]")).stream()
                .map(WebElement::getText).collect(Collectors.joining("\n"));
        assertThat(supervision).contains("开始监听", "耳语", "插话", "强制结束会话");
        testid("tab-wallboard").click();
    }

    @Test
    @Order(2)
    void badRatingFollowUpsAndIndicatorCharts() throws Exception {
        // a session played by WebSocket clients ends with a 差评: its follow-up is listed
        browser.call("helper", "request", "presence.set", Map.of("status", "away"));
        String caseNumber;
        try (WsClient helper = new WsClient("helper2", node.port()); WsClient applicant = new WsClient("applicant", node.port())) {
            helper.call(WsClient.msg("auth.login").put("username", "helper2").put("password", "bangban-demo"));
            helper.call(WsClient.msg("presence.set").put("status", "available"));
            String token = applicant.call(WsClient.msg("auth.guest")).path("token").asText();
            String requestId = applicant.call(WsClient.msg("request.create").put("item", "invoice-application")
                    .put("kind", "assist").put("language", "zh")).path("requestId").asText();
            helper.await("offer", n -> n.path("requestId").asText().equals(requestId), Duration.ofSeconds(10));
            JsonNode accepted = helper.call(WsClient.msg("offer.accept").put("requestId", requestId));
            caseNumber = accepted.path("caseNumber").asText();
            helper.call(WsClient.msg("session.end").put("sessionId", accepted.path("sessionId").asText()));
            HttpResponse<String> rated = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/sessions/"
                            + accepted.path("sessionId").asText() + "/evaluation"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"level\":1,\"comment\":\"没解决\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
            helper.call(WsClient.msg("wrapup.end"));
            helper.call(WsClient.msg("presence.set").put("status", "offline")); // offers go to the page's helper again
        }
        // helper2 has logged out: the wallboard lists it offline (the live state keeps offline helpers) or not yet at
        // all; the case log names it from the accounts either way. (Waiting for its name to vanish raced the
        // wallboard's next push: it passed only when the check came before the push that listed helper2.)
        waitUntil(d -> {
            String list = testid("helper-list").getAttribute("textContent");
            return !list.contains("帮办员 李强") || list.contains("帮办员 李强 — 离线");
        }, 10);
        testid("tab-cases").click();
        testid("case-search-number").clear(); // the first test's search is still in the field
        type("case-search-number", caseNumber);
        testid("case-search-submit").click();
        By caseRow = By.cssSelector("[data-testid=case-row][data-case='" + caseNumber + "']");
        waitUntil(d -> !d.findElements(caseRow).isEmpty(), 5);
        assertThat(driver.findElement(caseRow).findElement(By.cssSelector("[data-testid=case-helpers]")).getText())
                .isEqualTo("帮办员 李强");
        testid("followups-load").click();
        By followUp = By.cssSelector("[data-testid=followup-row][data-case='" + caseNumber + "']");
        waitUntil(d -> !d.findElements(followUp).isEmpty(), 5);
        assertThat(driver.findElement(followUp).getText()).contains("待回访").contains("帮办员 李强");
        driver.findElement(followUp).findElement(By.cssSelector("[data-testid=followup-case-open]")).click();
        waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=case-evaluation][data-bad=true]")).isEmpty(), 5);
        assertThat(testid("case-detail").getText()).contains("非常不满意").contains("没解决").contains("帮办员 李强");
        shot("cases");

        // the indicator charts, drawn from a fixed report of the documented shape
        testid("tab-indicators").click();
        Object drawn = browser.async("const done = arguments[arguments.length - 1];"
                + "Promise.all([import('/supervisor/charts.js'), import('/js/i18n.js')]).then(async ([c, i]) => {"
                + "  const m = await i.loadMessages(new URL('/i18n/', location.href), 'supervisor', 'zh-CN');"
                + "  const rate = (v) => ({numerator: 0, denominator: 0, value: v});"
                + "  const row = (key, sessions, sl, sat, p50, ab) => ({key, label: key, sessions, serviceLevel: rate(sl),"
                + "    satisfactionRate: rate(sat), resolutionRate: rate(null), abandonmentRate: rate(ab),"
                + "    responseTime: {count: sessions, p50Ms: p50}});"
                + "  const report = {from: '2026-11-24', to: '2026-11-26', by: 'day', serviceLevelSeconds: 60,"
                + "    total: Object.assign(row('', 14, 0.8, 0.85, 20000, 0.1), {resolutionRate: rate(0.75)}),"
                + "    rows: [row('2026-11-24', 4, 0.5, 1, 12000, 0.25), row('2026-11-25', 10, 0.9, 0.8, 30000, 0),"
                + "           row('2026-11-26', 0, null, null, null, null)]};"
                + "  c.renderIndicators(document.querySelector('[data-testid=indicator-charts]'), report, m);"
                + "  done('ok');"
                + "}).catch(e => done(String(e)));");
        assertThat(drawn).isEqualTo("ok");
        List<WebElement> charts = driver.findElements(By.cssSelector("[data-testid=indicator-chart]"));
        assertThat(charts).hasSize(4);
        List<WebElement> sessions = charts.get(0).findElements(By.cssSelector("[data-testid=chart-bar]"));
        assertThat(sessions).extracting(b -> b.getAttribute("data-value")).containsExactly("4", "10", "0");
        double h4 = Double.parseDouble(sessions.get(0).getAttribute("height"));
        double h10 = Double.parseDouble(sessions.get(1).getAttribute("height"));
        assertThat(h10 / h4).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.05));
        List<WebElement> points = charts.get(1).findElements(By.cssSelector("[data-testid=chart-point][data-series='服务水平']"));
        assertThat(points).hasSize(2);
        assertThat(Double.parseDouble(points.get(1).getAttribute("cy")))
                .as("90% is drawn above 50%").isLessThan(Double.parseDouble(points.get(0).getAttribute("cy")));
        assertThat(charts.get(2).findElements(By.cssSelector("[data-testid=chart-bar]")))
                .extracting(b -> b.getAttribute("data-value")).containsExactly("12", "30");
        assertThat(testid("indicator-summary").getText()).contains("14 次会话").contains("服务水平 80%").contains("解决率 75%");
        // and from the server: the last two weeks by day, with today's session(s) of this test in them
        testid("indicators-load").click();
        waitUntil(d -> {
            String summary;
            try {
                summary = testid("indicator-summary").getText();
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return false; // the charts were drawn again between finding the summary and reading it
            }
            return summary.matches("(?s).*\\b[1-9]\\d* 次会话.*") && !summary.contains("14 次会话");
        }, 10);
        assertThat(driver.findElements(By.cssSelector("[data-testid=indicator-chart]"))).hasSize(4);
        assertThat(driver.findElements(By.cssSelector("[data-testid=indicator-chart]")).get(0)
                .findElements(By.cssSelector("[data-testid=chart-bar]")))
                .extracting(b -> Double.parseDouble(b.getAttribute("data-value")))
                .as("sessions per day: today's are counted").anyMatch(v -> v >= 1);
        shot("indicators");

        // English on the same page, and back
        testid("lang-toggle").click();
        waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("Bangban supervisor wallboard"), 5);
        assertThat(testid("tab-cases").getText()).isEqualTo("Cases and ratings");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        testid("lang-toggle").click();
        waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("帮办监督大屏"), 5);
        testid("tab-wallboard").click();
    }

    @Test
    @Order(3)
    void at360PixelsAKeyboardAloneStartsMonitoring() throws Exception {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        testid("tab-wallboard").click();
        browser.call("helper", "request", "presence.set", Map.of("status", "available"));
        browser.call("applicant2", "applicant", "social-insurance", List.of("microphone", "camera"));
        String sessionId = (String) browser.call("applicant2", "waitSession");
        By row = By.cssSelector("[data-testid=session-row][data-session-id='" + sessionId + "']");
        waitUntil(d -> !d.findElements(row).isEmpty(), 3);
        assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                .as("no sideways scrolling at 360 px").isLessThanOrEqualTo(0);

        // from the top of the page, only Tab and Enter
        js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        WebElement target = driver.findElement(row).findElement(By.cssSelector("[data-testid=monitor-start]"));
        int presses = 0;
        while (!target.equals(driver.switchTo().activeElement())) {
            assertThat(presses++).as("Tab presses to reach the session's monitor button").isLessThan(40);
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        waitFor(() -> PeerStats.decoding(pageInbound(), 4), "the supervisor page decodes both sides");
        assertThat(PeerStats.num(pageStats().get("outboundBytes"))).isZero();
        assertThat(driver.switchTo().activeElement().getAttribute("data-testid")).as("focus moves to the monitor's controls")
                .isEqualTo("whisper-start");
        assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                .isLessThanOrEqualTo(0);
        js("document.getElementById('sessions-title').scrollIntoView();");
        shot("360");

        // Esc leaves monitoring; the large-text mode still fits
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        waitUntil(d -> !testid("monitor-panel").isDisplayed(), 5);
        testid("large-toggle").click();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("class")).contains("bb-large");
        assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                .as("no sideways scrolling in large-text mode").isLessThanOrEqualTo(0);
        js("window.scrollTo(0, 0);");
        shot("360-large");
        testid("large-toggle").click();
        browser.call("applicant2", "endSession");
        waitUntil(d -> d.findElements(row).isEmpty(), 5);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    // ---------------------------------------------------------------- helpers

    private static String base() {
        return "http://localhost:" + node.port();
    }

    private static WebElement testid(String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static void type(String id, String text) {
        testid(id).sendKeys(text);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static <T> void waitUntil(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(condition);
    }

    /** The widget's test actors in this page; what they add to the page is hidden (it is not the dashboard's). */
    private static void loadActors() {
        js(WebTestSupport.resource("browser/actors.js"));
        js("const s = document.createElement('style'); s.textContent = 'body > video, body > audio { display: none; }';"
                + " document.head.append(s);");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pageStats() {
        return (Map<String, Object>) browser.async("const done = arguments[arguments.length - 1];"
                + "window.bbSupervisor.mediaStats().then(done, e => done({error: String(e)}));");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> pageInbound() {
        return (Map<String, Map<String, Object>>) pageStats().get("inbound");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> actorInbound(String who) {
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) browser.call(who, "stats")).get("inbound");
    }

    /** The last push of that type an actor received. */
    private static JsonNode actorPush(String who, String type) throws IOException {
        Object json = js("const p = window.peer('" + who + "').pushes.filter(m => m.type === '" + type + "');"
                + " return p.length ? JSON.stringify(p[p.length - 1]) : null;");
        assertThat(json).as(who + " got " + type).isNotNull();
        return JSON.readTree((String) json);
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        PeerStats.waitFor(condition, 20_000, what);
    }

    private static void shot(String name) {
        WebTestSupport.screenshot(driver, "supervisor-" + name);
    }
}
