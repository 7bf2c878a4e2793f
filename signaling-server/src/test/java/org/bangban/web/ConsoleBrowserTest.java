package org.bangban.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bangban.it.TestNode;
import org.bangban.it.WsClient;
import org.bangban.materials.TestFiles;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helper console /console/ in real headless Chromium, driven as a helper drives it — by its test ids, with the
 * mouse and with the keyboard alone. The applicant is a WebSocket client (signalling, chat, files, the pointer
 * pushes it receives) plus, for media, a second Chromium window running the web-widget's media module through the
 * test actors (camera, microphone and its own tab as the shared screen), so the console decodes real media.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A small but real PDF: the server sniffs the type from the bytes. */
    private static final byte[] PDF = TestFiles.pdf();

    @TempDir
    static Path dir;
    private static TestNode node;
    private static Chromium browser;
    private static String consoleWindow;
    private final List<WsClient> applicants = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir, WebTestSupport.alwaysOpen("pairing.offer.timeout", "PT8S"));
        browser = Chromium.start(List.of("--window-size=1280,900"));
        consoleWindow = driver().getWindowHandle();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (node != null) node.close();
    }

    @AfterEach
    void leave() {
        applicants.forEach(WsClient::close);
        for (String handle : driver().getWindowHandles()) {
            if (!handle.equals(consoleWindow)) {
                driver().switchTo().window(handle);
                driver().close();
            }
        }
        driver().switchTo().window(consoleWindow);
        // the next test starts from a helper that is offline
        driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        if (!isHidden("logout")) $("logout").click();
        waitUntil(() -> !isHidden("login-submit"), "logged out");
    }

    @Test
    @Order(1)
    void aWholeSessionFromTheOfferToTheCaseList() throws Exception {
        openConsole();
        shot("login");
        login("helper1");
        assertThat($("skills").getText()).as("the helper's skills are listed").contains("税务");
        $("status-available").click();
        waitUntil(() -> "available".equals($("presence-status").getAttribute("data-status")), "available");

        WsClient applicant = applicant();
        String token = applicant.call(WsClient.msg("auth.guest")).path("token").asText();
        JsonNode req = applicant.call(request("tax-registration", "不会填写新办纳税人套餐的表格"));
        assertThat(req.path("accepted").asBoolean()).isTrue();

        waitUntil(() -> !isHidden("offer"), "the offer is shown");
        assertThat($("offer-text").getText()).contains("新办纳税人套餐").contains("帮办");
        assertThat(driver().findElement(By.id("offer-region")).getAttribute("aria-live")).isEqualTo("assertive");
        int first = seconds($("offer-countdown").getText());
        assertThat(first).isBetween(1, 8);
        waitUntil(() -> seconds($("offer-countdown").getText()) < first, "the countdown runs");
        shot("offer");
        $("offer-accept").click();

        JsonNode started = applicant.await("session.started");
        String sessionId = started.path("sessionId").asText();
        String caseNumber = started.path("caseNumber").asText();
        assertThat(caseNumber).startsWith("BB-");
        waitUntil(() -> !isHidden("end-session"), "the call is shown");

        String applicantWindow = openApplicantMedia(token);
        driver().switchTo().window(consoleWindow);
        PeerStats.waitFor(() -> decodes("-camera") && decodes("-screen") && hears("-microphone"), 40_000,
                "the console decodes the applicant's camera and screen and receives its microphone");
        waitUntil(() -> "screen".equals($("stage-video").getAttribute("data-source"))
                && num(js("return arguments[0].videoWidth", $("stage-video"))) > 0, "the shared screen is on the stage");

        pointAndDraw(applicant);

        // the helper shares its own screen to demonstrate: the applicant's window decodes it
        $("share-screen").click();
        waitUntil(() -> "true".equals($("share-screen").getAttribute("aria-pressed")), "the helper's screen is shared");
        driver().switchTo().window(applicantWindow);
        PeerStats.waitFor(() -> applicantDecodes("-screen"), 30_000, "the applicant decodes the helper's screen");
        driver().switchTo().window(consoleWindow);
        $("share-screen").click();
        waitUntil(() -> "false".equals($("share-screen").getAttribute("aria-pressed")), "the helper's screen share stopped");

        // chat both ways
        $("chat-input").sendKeys("您好，请看我在屏幕上标出的位置");
        $("chat-send").click();
        assertThat(applicant.await("chat.message", m -> m.path("role").asText().equals("helper"), Duration.ofSeconds(10))
                .path("text").asText()).isEqualTo("您好，请看我在屏幕上标出的位置");
        applicant.call(WsClient.msg("chat.send").put("sessionId", sessionId).put("text", "好的，看到了"));
        waitUntil(() -> $("chat-log").getText().contains("好的，看到了"), "the applicant's message is shown");

        // a file from the applicant: listed, and downloaded with the helper's token
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/sessions/" + sessionId
                        + "/materials?name=" + URLEncoder.encode("营业执照.pdf", StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        waitUntil(() -> !driver().findElements(By.cssSelector("[data-testid='material-download']")).isEmpty(),
                "the material is listed");
        assertThat($("materials").getText()).contains("营业执照.pdf");
        $("material-download").click();
        waitUntil(() -> !driver().findElements(By.cssSelector("[data-testid='material-link']")).isEmpty(), "downloaded");
        WebElement link = $("material-link");
        assertThat(link.getAttribute("href")).startsWith("blob:");
        Object bytes = browser.async("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => {"
                + " let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); });",
                link.getAttribute("href"));
        assertThat(Base64.getDecoder().decode((String) bytes)).as("the downloaded bytes").isEqualTo(PDF);

        // the case: a note, a result and a transition
        assertThat($("case-number").getText()).isEqualTo(caseNumber);
        waitUntil(() -> "GUIDED_HANDLING".equals(stateShown()), "the case is in guided handling");
        $("case-note").sendKeys("已指导申请人填写税务登记表");
        $("case-note-add").click();
        waitUntil(() -> $("case-events").getText().contains("已指导申请人填写税务登记表"), "the note is in the history");
        $("case-result-save").click();
        waitUntil(() -> $("case-events").getText().contains("已解决"), "the result is recorded");
        new org.openqa.selenium.support.ui.Select($("case-state-to")).selectByValue("RESULT_FEEDBACK");
        $("case-state-next").click();
        waitUntil(() -> "RESULT_FEEDBACK".equals(stateShown()), "the case moved on");
        JsonNode recorded = caseFromServer(caseNumber);
        assertThat(recorded.path("state").asText()).isEqualTo("RESULT_FEEDBACK");
        assertThat(recorded.path("result").asText()).isEqualTo("RESOLVED");
        assertThat(recorded.path("events").toString()).contains("已指导申请人填写税务登记表");
        shot("call");

        // end, wrap-up with its timer, end it early
        $("end-session").click();
        assertThat(applicant.await("session.ended").path("by").asText()).isEqualTo("helper");
        waitUntil(() -> !isHidden("wrapup"), "the wrap-up is shown");
        assertThat($("presence-status").getAttribute("data-status")).isEqualTo("wrap_up");
        assertThat(seconds($("wrapup-timer").getText())).isBetween(1, 30);
        waitUntil(() -> !$("my-cases").getText().isEmpty()
                && !driver().findElements(By.cssSelector("[data-testid='case-row'][data-number='" + caseNumber + "']")).isEmpty(),
                "the case is in the helper's own case list");
        shot("wrapup");
        $("wrapup-end").click();
        waitUntil(() -> "available".equals($("presence-status").getAttribute("data-status")) && isHidden("wrapup"),
                "available again after an early end of the wrap-up");
        assertNoConsoleErrors();
        driver().switchTo().window(applicantWindow);
        assertNoConsoleErrors();
        driver().switchTo().window(consoleWindow);
    }

    @Test
    @Order(2)
    void aDeclinedOfferAndAnOfferLeftToTimeOut() throws Exception {
        openConsole();
        login("helper1");
        $("status-available").click();
        waitUntil(() -> "available".equals($("presence-status").getAttribute("data-status")), "available");

        WsClient first = applicant();
        first.call(WsClient.msg("auth.guest"));
        String firstRequest = first.call(request("invoice-application", "发票申领")).path("requestId").asText();
        waitUntil(() -> !isHidden("offer"), "the first offer");
        $("offer-decline").click();
        waitUntil(() -> isHidden("offer"), "the declined offer goes away");
        assertThat($("status-line").getAttribute("data-key")).isEqualTo("offer.declined");
        first.call(WsClient.msg("request.cancel").put("requestId", firstRequest));

        WsClient second = applicant();
        second.call(WsClient.msg("auth.guest"));
        String secondRequest = second.call(request("license-change", "营业执照变更")).path("requestId").asText();
        waitUntil(() -> !isHidden("offer"), "the second offer");
        PeerStats.waitFor(() -> isHidden("offer"), 15_000, "the unanswered offer is withdrawn at its timeout");
        // two missed in a row: the system sets the helper away and the console says why
        waitUntil(() -> "away".equals($("presence-status").getAttribute("data-status")), "set away");
        assertThat($("presence-reason").getText()).isNotBlank();
        assertThat($("status-line").getText()).contains("暂离");
        second.call(WsClient.msg("request.cancel").put("requestId", secondRequest));
        assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    void keyboardOnlyAt360PixelsWide() throws Exception {
        driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        openConsole();
        assertThat(num(js("return document.documentElement.clientWidth"))).isEqualTo(360);
        assertThat(active().getAttribute("data-testid")).as("the login field has the focus").isEqualTo("login-user");
        active().sendKeys("helper1");
        tabTo("login-password").sendKeys("bangban-demo" + Keys.ENTER);
        waitUntil(() -> !isHidden("status-available"), "logged in");
        assertThat(active().getAttribute("data-testid")).isEqualTo("status-available");
        active().sendKeys(Keys.ENTER);
        waitUntil(() -> "available".equals($("presence-status").getAttribute("data-status")), "available");

        WsClient applicant = applicant();
        applicant.call(WsClient.msg("auth.guest"));
        applicant.call(request("company-registration", "企业设立登记"));
        waitUntil(() -> !isHidden("offer") && "offer-accept".equals(active().getAttribute("data-testid")),
                "the offer takes the focus");
        active().sendKeys(Keys.ENTER);
        applicant.await("session.started");
        waitUntil(() -> "end-session".equals(active().getAttribute("data-testid")), "the call takes the focus");

        tabTo("chat-input").sendKeys("键盘发送的消息" + Keys.ENTER);
        assertThat(applicant.await("chat.message", m -> true, Duration.ofSeconds(10)).path("text").asText())
                .isEqualTo("键盘发送的消息");
        WebElement mic = tabBackTo("mic-toggle");
        mic.sendKeys(Keys.SPACE);
        waitUntil(() -> "true".equals($("mic-toggle").getAttribute("aria-pressed")), "muted with the space bar");
        assertThat(num(js("return document.documentElement.scrollWidth"))).as(() -> "no sideways scrolling at 360 px; too wide: " + js("return [...document.querySelectorAll('body *')]"
                        + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                        + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"))
                .isLessThanOrEqualTo(num(js("return document.documentElement.clientWidth")));
        shot("360");
        tabTo("end-session").sendKeys(Keys.ENTER);
        applicant.await("session.ended");
        waitUntil(() -> "wrapup-end".equals(active().getAttribute("data-testid")), "the wrap-up takes the focus");
        active().sendKeys(Keys.ENTER);
        waitUntil(() -> "available".equals($("presence-status").getAttribute("data-status")), "available after wrap-up");

        // English and the large-text mode, by keyboard too
        tabBackTo("lang-switch").sendKeys(Keys.ENTER);
        waitUntil(() -> "en".equals(js("return document.documentElement.lang")) && "Helper console".equals(driver().getTitle()),
                "English");
        tabTo("large-text").sendKeys(Keys.ENTER);
        waitUntil(() -> (Boolean) js("return document.documentElement.classList.contains('bb-large')"), "large text");
        tabBackTo("lang-switch").sendKeys(Keys.ENTER);
        waitUntil(() -> "zh-CN".equals(js("return document.documentElement.lang")), "back to Chinese");
        tabTo("large-text").sendKeys(Keys.ENTER);
        assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void aTransferToAnotherHelperChosenFromThoseLoggedIn() throws Exception {
        openConsole();
        login("helper1");
        WsClient other = applicant();
        String otherId = other.call(WsClient.msg("auth.login").put("username", "helper2").put("password", "bangban-demo"))
                .path("principalId").asText();
        $("status-available").click();
        waitUntil(() -> "available".equals($("presence-status").getAttribute("data-status")), "available");
        WsClient applicant = applicant();
        applicant.call(WsClient.msg("auth.guest"));
        applicant.call(request("social-insurance", "社保参保登记"));
        waitUntil(() -> !isHidden("offer"), "the offer");
        $("offer-accept").click();
        applicant.await("session.started");

        $("transfer-open").click();
        waitUntil(() -> driver().findElements(By.cssSelector("[data-testid='transfer-target'] option")).stream()
                .anyMatch(o -> otherId.equals(o.getAttribute("value"))), "the other helper is offered as a target");
        new org.openqa.selenium.support.ui.Select($("transfer-target")).selectByValue(otherId);
        $("transfer-note").sendKeys("需要社保专业帮办");
        $("transfer").click();
        JsonNode moved = applicant.await("session.transferred");
        assertThat(moved.path("toHelper").asText()).isEqualTo(otherId);
        waitUntil(() -> isHidden("end-session") && !isHidden("wrapup"), "the call is gone, the wrap-up shown");
        other.call(WsClient.msg("presence.set").put("status", "available"));
        assertThat(other.await("offer").path("transfer").asBoolean()).as("the other helper is offered the transfer").isTrue();
        assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void aHelperTurnsTheAssistCaseIntoADelegationWithAPlanAndItsChecklistThenTerminatesIt() throws Exception {
        String supervisor = WebTestSupport.supervisorLogin(node.port()).path("token").asText();
        WebTestSupport.rest(node.port(), "PUT", "/api/items/company-registration/checklist", supervisor,
                "{\"entries\":[{\"key\":\"application-form\",\"nameZh\":\"公司设立登记申请书\"},"
                        + "{\"key\":\"articles\",\"nameZh\":\"公司章程\"}]}");
        openConsole();
        login("helper1");
        if (!isHidden("wrapup")) $("wrapup-end").click(); // the transfer before left the helper in its wrap-up
        $("status-available").click();
        waitUntil(() -> "available".equals($("presence-status").getAttribute("data-status")), "available");
        WsClient applicant = applicant();
        applicant.call(WsClient.msg("auth.guest"));
        applicant.call(request("company-registration", "想请工作人员代办公司设立"));
        waitUntil(() -> !isHidden("offer"), "the offer");
        $("offer-accept").click();
        String caseNumber = applicant.await("session.started").path("caseNumber").asText();
        waitUntil(() -> "GUIDED_HANDLING".equals(stateShown()), "the 帮办 case is in guided handling");

        // 帮办 → 代办: the plan is required, then written as the step into 制定方案
        $("case-convert").click();
        waitUntil(() -> "case.planEmpty".equals($("status-line").getAttribute("data-key")), "the plan is asked for");
        assertThat(caseFromServer(caseNumber).path("kind").asText()).as("nothing changed").isEqualTo("ASSIST");
        $("case-plan").sendKeys("代办人员代为填写申请书，申请人补齐章程后网上提交");
        $("case-convert").click();
        waitUntil(() -> "PLANNING".equals(stateShown()), "the 代办 case is in planning");
        waitUntil(() -> driver().findElements(By.cssSelector("[data-testid='case-checklist'] li")).size() == 2,
                "the item's checklist is shown");

        // the checklist is filled from the page: a file against an entry
        Path form = dir.resolve("公司设立登记申请书.pdf");
        java.nio.file.Files.write(form, PDF);
        driver().findElement(By.cssSelector("[data-testid='case-checklist-file'][data-key='application-form']"))
                .sendKeys(form.toAbsolutePath().toString());
        waitUntil(() -> "true".equals(driver().findElement(By.cssSelector("[data-testid='case-checklist'] li[data-key='application-form']"))
                .getAttribute("data-satisfied")), "the entry is satisfied");
        shot("delegation");

        JsonNode converted = caseFromServer(caseNumber);
        assertThat(converted.path("kind").asText()).isEqualTo("DELEGATE");
        assertThat(converted.path("state").asText()).isEqualTo("PLANNING");
        List<String> types = new ArrayList<>();
        converted.path("events").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("CONVERTED", "MATERIAL_ADDED");
        assertThat(converted.path("events").toString()).contains("代办人员代为填写申请书，申请人补齐章程后网上提交");
        JsonNode checklist = WebTestSupport.rest(node.port(), "GET", "/api/cases/" + caseNumber + "/checklist", supervisor, null);
        assertThat(checklist.path("complete").asBoolean()).isFalse();
        assertThat(checklist.path("missingRequired").toString()).contains("articles").doesNotContain("application-form");
        assertThat(checklist.path("entries").path(0).path("materialIds")).hasSize(1);

        // terminated with a reason code and a note
        new org.openqa.selenium.support.ui.Select($("case-terminate-reason")).selectByValue("APPLICANT_WITHDREW");
        $("case-state-note").sendKeys("申请人决定自行办理");
        $("case-terminate").click();
        waitUntil(() -> "TERMINATED".equals(stateShown()), "the case is terminated");
        assertThat($("case-terminate").isEnabled()).as("nothing more to terminate").isFalse();
        JsonNode ended = caseFromServer(caseNumber);
        assertThat(ended.path("state").asText()).isEqualTo("TERMINATED");
        assertThat(ended.path("terminationReason").asText()).isEqualTo("APPLICANT_WITHDREW");
        assertThat(ended.path("events").toString()).contains("申请人决定自行办理");
        $("end-session").click();
        applicant.await("session.ended");
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ the pointer

    /**
     * Points and draws on the stage, where the applicant's tab is shown letterboxed; the fractions the applicant
     * receives are computed here from the element's box and the picture's size, independently of the page's code.
     */
    private void pointAndDraw(WsClient applicant) {
        WebElement stage = $("stage-video");
        js("arguments[0].scrollIntoView({block: 'center'})", stage);
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) js("const v = arguments[0]; const r = v.getBoundingClientRect();"
                + "return {left: r.left, top: r.top, width: r.width, height: r.height, vw: v.videoWidth, vh: v.videoHeight};", stage);
        double left = dbl(g.get("left"));
        double top = dbl(g.get("top"));
        double w = dbl(g.get("width"));
        double h = dbl(g.get("height"));
        double vw = dbl(g.get("vw"));
        double vh = dbl(g.get("vh"));
        double scale = Math.min(w / vw, h / vh);
        double pw = vw * scale;
        double ph = vh * scale;
        double pl = left + (w - pw) / 2;
        double pt = top + (h - ph) / 2;
        assertThat(Math.max(w - pw, h - ph)).as("the picture is letterboxed inside the stage").isGreaterThan(20);

        $("pointer-tool").click();
        assertThat($("pointer-tool").getAttribute("aria-pressed")).isEqualTo("true");
        // a press on a letterbox bar is not on the shared surface: nothing is sent
        if (w - pw > h - ph) clickAt(stage, left + (w - pw) / 4, top + h / 2);
        else clickAt(stage, left + w / 2, top + (h - ph) / 4);
        double[] at = {0.25, 0.7};
        double[] clicked = clickAt(stage, pl + at[0] * pw, pt + at[1] * ph);
        JsonNode point = applicant.await("pointer", m -> true, Duration.ofSeconds(10));
        assertThat(point.path("op").asText()).as("the first mark is the click on the picture").isEqualTo("point");
        assertThat(point.path("from").asText()).isEqualTo("helper");
        assertThat(point.path("points").get(0).get(0).asDouble()).isCloseTo((clicked[0] - pl) / pw, org.assertj.core.data.Offset.offset(0.01));
        assertThat(point.path("points").get(0).get(1).asDouble()).isCloseTo((clicked[1] - pt) / ph, org.assertj.core.data.Offset.offset(0.01));

        $("pen-tool").click();
        double[] from = {pl + 0.6 * pw, pt + 0.3 * ph};
        Actions drag = new Actions(driver());
        long dx = Math.round(from[0] - (left + w / 2));
        long dy = Math.round(from[1] - (top + h / 2));
        drag.moveToElement(stage, (int) dx, (int) dy).clickAndHold();
        for (int i = 0; i < 5; i++) drag.moveByOffset(12, 6);
        drag.release().perform();
        JsonNode stroke = applicant.await("pointer", m -> m.path("op").asText().equals("stroke"), Duration.ofSeconds(10));
        assertThat(stroke.path("strokeId").asText()).isNotBlank();
        JsonNode p0 = stroke.path("points").get(0);
        assertThat(p0.get(0).asDouble()).isCloseTo((left + w / 2 + dx - pl) / pw, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p0.get(1).asDouble()).isCloseTo((top + h / 2 + dy - pt) / ph, org.assertj.core.data.Offset.offset(0.01));
        $("pointer-clear").click();
        applicant.await("pointer", m -> m.path("op").asText().equals("clear"), Duration.ofSeconds(10));
        $("pen-tool").click();
        assertThat($("pen-tool").getAttribute("aria-pressed")).isEqualTo("false");
    }

    /** Clicks at client coordinates (as offsets from the element's centre) and returns where the click landed. */
    private static double[] clickAt(WebElement el, double x, double y) {
        Rect r = rect(el);
        long dx = Math.round(x - (r.left + r.width / 2));
        long dy = Math.round(y - (r.top + r.height / 2));
        new Actions(driver()).moveToElement(el, (int) dx, (int) dy).click().perform();
        return new double[] {r.left + r.width / 2 + dx, r.top + r.height / 2 + dy};
    }

    private record Rect(double left, double top, double width, double height) {
    }

    @SuppressWarnings("unchecked")
    private static Rect rect(WebElement el) {
        Map<String, Object> m = (Map<String, Object>) js("const r = arguments[0].getBoundingClientRect();"
                + "return {left: r.left, top: r.top, width: r.width, height: r.height};", el);
        return new Rect(dbl(m.get("left")), dbl(m.get("top")), dbl(m.get("width")), dbl(m.get("height")));
    }

    // ------------------------------------------------------------------ the applicant

    private WsClient applicant() {
        WsClient c = node.client("applicant" + applicants.size());
        applicants.add(c);
        return c;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode request(String item, String description) {
        return WsClient.msg("request.create").put("item", item).put("kind", "assist").put("language", "zh")
                .put("description", description);
    }

    /**
     * A second window where the same applicant (its token) publishes microphone, camera and its own tab as the
     * shared screen, with the web-widget's media module driven by the test actors.
     */
    private static String openApplicantMedia(String token) {
        driver().switchTo().newWindow(WindowType.WINDOW);
        String handle = driver().getWindowHandle();
        driver().get(base() + "/");
        js(WebTestSupport.resource("browser/actors.js"));
        browser.async("const done = arguments[arguments.length - 1];"
                + "const p = window.peer('applicant');"
                + "p.connect().then(() => { p.sources = ['microphone', 'camera', 'screen'];"
                + " return p.client.request('auth.token', {token: arguments[0]}); })"
                + ".then(() => done('ok'), e => done(String(e)));", token);
        browser.call("applicant", "waitSession");
        return handle;
    }

    // ------------------------------------------------------------------ the console

    private static void openConsole() {
        driver().get(base() + "/console/");
        waitUntil(() -> "true".equals(js("return document.body.dataset.ready || ''")), "the console is ready");
    }

    private static void login(String user) {
        $("login-user").sendKeys(user);
        $("login-password").sendKeys("bangban-demo");
        $("login-submit").click();
        waitUntil(() -> !isHidden("status-available"), "logged in");
        // never ready by itself: away on a first login; as it left (offline, or a wrap-up) when it logged out before
        assertThat($("presence-status").getAttribute("data-status")).as("a helper is not available on login")
                .isIn("away", "offline", "wrap_up");
    }

    @SuppressWarnings("unchecked")
    private static boolean decodes(String suffix) {
        Map<String, Object> stats = (Map<String, Object>) browser.async("const done = arguments[arguments.length - 1];"
                + "window.bangbanConsole.mediaStats().then(done, e => done({error: String(e)}));");
        Map<String, Map<String, Object>> inbound = (Map<String, Map<String, Object>>) stats.get("inbound");
        return inbound != null && inbound.values().stream().anyMatch(s -> String.valueOf(s.get("trackIdentifier")).endsWith(suffix)
                && PeerStats.num(s.get("framesDecoded")) > 0);
    }

    @SuppressWarnings("unchecked")
    private static boolean hears(String suffix) {
        Map<String, Object> stats = (Map<String, Object>) browser.async("const done = arguments[arguments.length - 1];"
                + "window.bangbanConsole.mediaStats().then(done, e => done({error: String(e)}));");
        Map<String, Map<String, Object>> inbound = (Map<String, Map<String, Object>>) stats.get("inbound");
        return inbound != null && inbound.values().stream().anyMatch(s -> String.valueOf(s.get("trackIdentifier")).endsWith(suffix)
                && PeerStats.num(s.get("packetsReceived")) > 0);
    }

    @SuppressWarnings("unchecked")
    private static boolean applicantDecodes(String suffix) {
        Map<String, Object> stats = (Map<String, Object>) browser.call("applicant", "stats");
        Map<String, Map<String, Object>> inbound = (Map<String, Map<String, Object>>) stats.get("inbound");
        return inbound.values().stream().anyMatch(s -> String.valueOf(s.get("trackIdentifier")).endsWith(suffix)
                && PeerStats.num(s.get("framesDecoded")) > 0);
    }

    private static String stateShown() {
        return (String) js("const e = document.querySelector(\"[data-testid='case-state']\"); return e ? e.dataset.state : null;");
    }

    private static JsonNode caseFromServer(String number) {
        return WebTestSupport.caseOf(node.port(), number);
    }

    // ------------------------------------------------------------------ keyboard

    private static WebElement active() {
        return driver().switchTo().activeElement();
    }

    private static WebElement tabTo(String testid) {
        return tab(testid, Keys.TAB);
    }

    private static WebElement tabBackTo(String testid) {
        return tab(testid, Keys.chord(Keys.SHIFT, Keys.TAB));
    }

    private static WebElement tab(String testid, CharSequence key) {
        for (int i = 0; i < 80; i++) {
            WebElement a = active();
            if (testid.equals(a.getAttribute("data-testid"))) return a;
            new Actions(driver()).sendKeys(key).perform();
        }
        throw new AssertionError("the keyboard does not reach " + testid + " (focus is on "
                + active().getAttribute("outerHTML") + ")");
    }

    // ------------------------------------------------------------------ helpers

    private static ChromeDriver driver() {
        return browser.driver();
    }

    private static String base() {
        return "http://localhost:" + node.port();
    }

    private static WebElement $(String testid) {
        return driver().findElement(By.cssSelector("[data-testid='" + testid + "']"));
    }

    /** Hidden by the attribute on it or an ancestor (the page hides with `hidden`). */
    private static boolean isHidden(String testid) {
        return (Boolean) js("return !!arguments[0].closest('[hidden]')", $(testid));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    private static long num(Object o) {
        return PeerStats.num(o);
    }

    private static double dbl(Object o) {
        return ((Number) o).doubleValue();
    }

    private static int seconds(String text) {
        String digits = text.replaceAll("\\D", "");
        return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        new WebDriverWait(driver(), Duration.ofSeconds(20)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until((WebDriver d) -> condition.getAsBoolean());
    }

    private static void shot(String name) {
        js("window.scrollTo(0, 0)");
        WebTestSupport.screenshot(driver(), "console-" + name);
    }

    /**
     * No errors in the browser's console (every window's). The applicant's scaffolding window shows the server's
     * root page, which declares no icon, so Chromium's own request for /favicon.ico there is not counted (the
     * console declares its icon and asks for none).
     */
    private static void assertNoConsoleErrors() {
        assertThat(WebTestSupport.consoleErrors(driver(), m -> m.startsWith(base() + "/favicon.ico ")))
                .as("errors in the browser console").isEmpty();
    }
}
