package org.bangban.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangban.it.TestNode;
import org.bangban.materials.TestFiles;
import org.bangban.relay.browser.PeerStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The 帮办 help button on the demo portal in real headless Chromium, driven by its test ids as an applicant
 * would, against a started server; the helper is a second window running the web-widget's own modules
 * (actors.js). Media is checked with getStats on both sides, the remote pointer by where its marks land on the
 * applicant's page, and the case log through the REST API.
 */
class WidgetBrowserTest {

    @TempDir
    static Path dir;
    private static TestNode node;
    private static WidgetPage page;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir.resolve("node"), WebTestSupport.alwaysOpen("pairing.wrapup", "PT0S"));
        page = WidgetPage.start(node.port());
    }

    @AfterAll
    static void stop() {
        if (page != null) page.close();
        if (node != null) node.close();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(page.consoleErrors()).as("errors in the applicant page's console").isEmpty();
    }

    private static String demo() {
        return WidgetPage.demo(node.port());
    }

    @Test
    void aWholeAssistSessionFromThePortalPage() throws Exception {
        page.openFresh(demo());
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) page.js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => n.includes('localhost:" + node.port() + "'));");
        assertThat(loaded).as("before the first click only the button script is loaded")
                .anyMatch(n -> n.endsWith("/widget.js"))
                .noneMatch(n -> n.contains("/widget/") || n.contains("/js/") || n.contains("/i18n/"));

        page.click("help-button");
        page.el("item-search").sendKeys("纳税");
        new Select(page.el("item-select")).selectByValue("tax-registration");
        page.screenshot("items");
        page.click("item-next");
        page.click("kind-assist");
        page.el("description").sendKeys("新办企业，不会选择税种");
        page.click("submit-request");
        page.el("consent-notice");
        assertThat(page.shown("consent-recording")).as("recording.notice is off by default: no recording clause").isFalse();
        page.click("consent-accept");
        page.waitText("queue-position", "第 1 位");
        assertThat(page.text("queue-eta")).contains("预计");
        page.screenshot("queue");

        page.helper("available");
        @SuppressWarnings("unchecked")
        Map<String, Object> offer = (Map<String, Object>) page.helper("acceptNext");
        assertThat(offer.get("description")).isEqualTo("新办企业，不会选择税种");
        String sessionId = (String) offer.get("sessionId");
        page.waitText("call-heading", "正在为您服务");
        assertThat(page.state().get("sessionId")).isEqualTo(sessionId);

        page.click("start-screen-share");
        page.waitText("screen-share-banner", "对方正在查看您的屏幕");
        page.el("stop-screen-share");
        page.waitHelperDecodes(3);
        page.waitApplicantDecodes(2);

        pointerMarksLandWhereTheHelperPoints();

        page.el("chat-input").sendKeys("请问税种怎么选？");
        page.click("chat-send");
        PeerStats.waitFor(() -> page.helperReceived("chat.message").stream()
                .anyMatch(m -> "请问税种怎么选？".equals(m.get("text"))), 10_000, "the helper gets the chat message");
        page.helper("chat", "选择“增值税一般纳税人”即可。");
        page.waitText("chat-log", "选择“增值税一般纳税人”即可。");

        Path pdf = dir.resolve("营业执照.pdf");
        Files.write(pdf, TestFiles.pdf());
        WebElement file = page.widgetRoot().findElement(By.cssSelector("[data-testid='file-input']"));
        file.sendKeys(pdf.toAbsolutePath().toString());
        page.waitText("chat-log", "已发送文件：营业执照.pdf");
        PeerStats.waitFor(() -> !page.helperReceived("material.added").isEmpty(), 10_000, "the helper is told of the file");

        page.click("stop-screen-share");
        page.waitFor(d -> !page.shown("screen-share-banner"), "the banner goes when sharing stops");
        page.el("start-screen-share");

        page.click("end-call");
        page.el("rating-5");
        page.screenshot("rating");
        page.click("rating-4");
        page.click("rating-tag-efficient");
        page.el("rating-comment").sendKeys("讲解耐心");
        page.click("rating-submit");
        page.waitText("rating-thanks", "BB-");
        String caseNumber = (String) page.state().get("caseNumber");

        JsonNode c = WebTestSupport.caseOf(node.port(), caseNumber);
        List<String> events = new ArrayList<>();
        c.path("events").forEach(e -> events.add(e.path("type").asText()));
        assertThat(events).contains("CHAT", "MATERIAL_ADDED", "EVALUATION_RECEIVED");
        assertThat(c.path("kind").asText()).isEqualTo("ASSIST");
        assertThat(c.path("description").asText()).isEqualTo("新办企业，不会选择税种");
        JsonNode rating = c.path("evaluations").path(0);
        assertThat(rating.path("level").asText()).isEqualTo("SATISFIED");
        assertThat(rating.path("tags").toString()).contains("efficient");
        assertThat(rating.path("comment").asText()).isEqualTo("讲解耐心");
        assertThat(c.path("materials").path(0).path("type").asText()).isEqualTo("PDF");
    }

    @Test
    void aReloadOrAnotherPortalPageResumesTheQueuePlaceAndTheCall() {
        page.openFresh(demo());
        askForHelp(page, "invoice-application");
        page.waitText("queue-position", "第 1 位");
        Object requestId = page.state().get("requestId");

        page.driver.findElement(By.cssSelector("[data-testid='nav-guide']")).click();
        page.waitFor(d -> d.getCurrentUrl().endsWith("/demo/guide.html"), "on the guide page");
        page.waitText("queue-position", "第 1 位");
        assertThat(page.state().get("requestId")).as("the same place in the queue").isEqualTo(requestId);

        page.helper("available");
        page.helper("acceptNext");
        page.waitText("call-heading", "正在为您服务");
        page.waitApplicantDecodes(2);
        page.el("chat-input").sendKeys("刷新之前");
        page.click("chat-send");
        page.waitText("chat-log", "刷新之前");
        Object sessionId = page.state().get("sessionId");

        page.driver.navigate().refresh();
        long frames = page.helperFramesDecoded();
        long audio = page.helperAudioPackets();
        page.waitText("call-heading", "正在为您服务");
        page.waitText("media-state", "已恢复");
        assertThat(page.state().get("sessionId")).as("the same call").isEqualTo(sessionId);
        assertThat(page.text("chat-log")).as("the transcript is kept").contains("刷新之前");
        page.el("chat-input").sendKeys("刷新之后");
        page.click("chat-send");
        PeerStats.waitFor(() -> page.helperReceived("chat.message").stream()
                .anyMatch(m -> "刷新之后".equals(m.get("text"))), 10_000, "the helper gets a message sent after the reload");
        page.waitApplicantDecodes(2);
        PeerStats.waitFor(() -> page.helperFramesDecoded() > frames + 30 && page.helperAudioPackets() > audio + 50, 30_000,
                () -> "the helper gets the applicant's new camera and microphone after the reload: " + page.helperInbound());

        page.helper("end");
        page.el("rating-5");
        page.waitText("notice", "工作人员已结束通话");
        page.click("rating-skip");
        page.click("finish");
        page.el("item-select");
    }

    @Test
    void aFileFromTheHelperDownloadsAsSentAndATransferKeepsTheApplicantInTheCall() throws Exception {
        String helper2 = page.startSecondHelper("helper2");
        page.openFresh(demo());
        askForHelp(page, "company-registration");
        page.helper("available");
        String firstSession = (String) ((Map<?, ?>) page.helper("acceptNext")).get("sessionId");
        page.waitText("call-heading", "正在为您服务");
        page.waitApplicantDecodes(2);
        page.el("chat-input").sendKeys("转接之前的消息");
        page.click("chat-send");
        page.waitText("chat-log", "转接之前的消息");

        // a file from the helper: announced in the chat, downloaded by the applicant byte for byte
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        page.driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        byte[] sent = TestFiles.pdf();
        JsonNode material = WebTestSupport.upload(node.port(), "/api/sessions/" + firstSession + "/materials?name="
                + java.net.URLEncoder.encode("办事指南.pdf", java.nio.charset.StandardCharsets.UTF_8),
                (String) page.helper("token"), sent);
        assertThat(material.path("name").asText()).isEqualTo("办事指南.pdf");
        page.waitText("chat-log", "办事指南.pdf");
        page.click("file-download");
        Path got = downloads.resolve("办事指南.pdf");
        PeerStats.waitFor(() -> Files.isRegularFile(got) && sizeOf(got) == sent.length, 20_000,
                () -> "the file is downloaded to " + downloads + ": " + java.util.Arrays.toString(downloads.toFile().list()));
        assertThat(Files.readAllBytes(got)).as("the downloaded bytes").isEqualTo(sent);

        // the helper transfers the session to helper2: the applicant is told, waits, and is in the call again
        page.helper("transfer", helper2, "需要企业登记专岗");
        page.waitText("notice", "正在为您转接");
        assertThat(page.state().get("step")).isEqualTo("queue");
        page.helperAs("helper2", "available");
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) page.helperAs("helper2", "acceptNext");
        assertThat(second.get("sessionId")).isNotEqualTo(firstSession);
        page.waitText("media-state", "已为您转接");
        assertThat(page.state().get("sessionId")).isEqualTo(second.get("sessionId"));
        assertThat(page.text("chat-log")).as("the transcript goes on").contains("转接之前的消息").contains("正在为您转接");
        page.waitApplicantDecodes(2);
        page.waitHelperDecodes("helper2", 2);
        page.el("chat-input").sendKeys("转接之后的消息");
        page.click("chat-send");
        PeerStats.waitFor(() -> ((List<?>) page.helperAs("helper2", "received", "chat.message")).stream()
                .anyMatch(m -> "转接之后的消息".equals(((Map<?, ?>) m).get("text"))), 10_000, "the new helper gets the message");
        page.screenshot("transferred");

        page.helperAs("helper2", "end");
        page.el("rating-5");
        page.click("rating-skip");
        page.click("finish");
        page.el("item-select");
    }

    /**
     * A node stopping tells its clients {@code server.draining}; the widget reconnects with its token and the server
     * it reaches (here the node restarted on the same port, on the same Redis live state and records) gives back the
     * queue place, then the call.
     */
    @Test
    void afterServerDrainingTheWidgetReconnectsAndKeepsItsQueuePlace() throws Exception {
        String prefix = "bangban-widget-drain-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> m = new java.util.HashMap<>(WebTestSupport.alwaysOpen("pairing.wrapup", "PT0S"));
        m.put("redis.url", TestNode.REDIS);
        m.put("redis.prefix", prefix);
        m.put("token.secret", "widget-drain-test-" + java.util.UUID.randomUUID());
        Path db = Files.createDirectories(dir.resolve("drain")).resolve("records.db");
        try (org.bangban.store.RecordStore records = org.bangban.store.RecordStore.sqliteFile(db)) {
            org.bangban.server.DemoData.seed(new org.bangban.identity.StaffAccounts(records,
                    new org.bangban.identity.PasswordHasher(4)), new org.bangban.store.ServiceItems(records));
        }
        m.put("db.url", "jdbc:sqlite:" + db.toAbsolutePath());
        TestNode first = TestNode.start(dir.resolve("drain"), m);
        int port = first.port();
        TestNode second = null;
        org.bangban.it.WsClient helper = first.client("helper1");
        try {
            login(helper, "helper1"); // logged in (away), so the request is queued rather than turned to a callback
            page.openFresh(WidgetPage.demo(port));
            askForHelp(page, "tax-registration");
            page.waitText("queue-position", "第 1 位");
            Object requestId = page.state().get("requestId");

            first.close();
            page.waitText("notice", "正在重新连接");
            m.put("http.port", String.valueOf(port));
            second = TestNode.start(dir.resolve("drain"), m);
            page.waitFor(d -> !page.shown("notice"), "the notice goes once the widget is connected again");
            page.waitText("queue-position", "第 1 位");
            assertThat(page.state().get("requestId")).as("the same place in the queue").isEqualTo(requestId);
            assertThat(WebTestSupport.consoleErrors(page.driver, msg -> msg.contains("ws://localhost:" + port + "/ws")
                    || msg.contains("/favicon.ico "))) // the start page where openFresh clears the tab has no icon
                    .as("no errors but the browser's own for the connections tried while the server was down").isEmpty();

            helper.close();
            helper = second.client("helper1");
            login(helper, "helper1");
            helper.call(org.bangban.it.WsClient.msg("presence.set").put("status", "available"));
            JsonNode offer = helper.await("offer");
            assertThat(offer.path("requestId").asText()).isEqualTo(requestId);
            helper.call(org.bangban.it.WsClient.msg("offer.accept").put("requestId", offer.path("requestId").asText()));
            String sessionId = helper.await("session.started").path("sessionId").asText();
            page.waitText("call-heading", "正在为您服务");
            assertThat(page.state().get("sessionId")).isEqualTo(sessionId);
            helper.call(org.bangban.it.WsClient.msg("session.end").put("sessionId", sessionId));
            page.el("rating-5");
            page.click("rating-skip");
            page.click("finish");
            page.el("item-select");
            page.driver.get("about:blank"); // leave before the node stops, or the widget's reconnects would log errors
        } finally {
            helper.close();
            if (second != null) second.close();
            first.close();
            assertThat(TestNode.deleteRedisKeys(prefix)).as("keys left under " + prefix).isZero();
        }
    }

    private static void login(org.bangban.it.WsClient helper, String username) {
        helper.call(org.bangban.it.WsClient.msg("auth.login").put("username", username).put("password", "bangban-demo"));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void outsideServiceHoursTheApplicantBooksACallBack() throws Exception {
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        try (TestNode closed = TestNode.start(dir.resolve("closed"), Map.of("service.hours", "MON-SUN 09:00-17:00",
                "service.holidays", today, "service.workdays", ""))) {
            page.openFresh(WidgetPage.demo(closed.port()));
            askForHelp(page, "social-insurance");
            page.waitText("callback-reason", "现在不在在线服务时间");
            assertThat(page.text("next-opening")).startsWith("下次服务时间");
            page.click("callback-submit");
            page.waitText("callback-error", "请填写联系电话");
            page.el("callback-contact").sendKeys("13800138000");
            page.el("callback-time").sendKeys("明天上午十点后");
            page.el("callback-note").sendKeys("想咨询社保转移");
            page.screenshot("callback");
            page.click("callback-submit");
            page.waitText("callback-done", "BB-");
            String caseNumber = (String) page.state().get("caseNumber");
            JsonNode c = WebTestSupport.caseOf(closed.port(), caseNumber);
            assertThat(c.path("itemId").asText()).isEqualTo("social-insurance");
            assertThat(c.path("description").asText()).as("the note is the case's description").isEqualTo("想咨询社保转移");
            page.click("finish");
            page.el("item-select");
            page.driver.get("about:blank"); // leave before the node stops, or the widget's reconnects would log errors
        }
    }

    /** Opens the panel and asks for 帮办 with an item, up to the queue. */
    static void askForHelp(WidgetPage page, String item) {
        page.click("help-button");
        askForHelpFromOpenPanel(page, item);
    }

    /** Asks for 帮办 with an item in the open panel, up to the queue. */
    static void askForHelpFromOpenPanel(WidgetPage page, String item) {
        describe(page, item, "");
        page.click("consent-accept");
    }

    /** Opens the panel and asks for 帮办 with an item and a description, up to the consent notice. */
    static void askForHelpUpToConsent(WidgetPage page, String item, String description) {
        page.click("help-button");
        describe(page, item, description);
        page.el("consent-notice");
    }

    private static void describe(WidgetPage page, String item, String description) {
        new Select(page.el("item-select")).selectByValue(item);
        page.click("item-next");
        page.click("kind-assist");
        if (!description.isEmpty()) page.el("description").sendKeys(description);
        page.click("submit-request");
    }

    /** Points and strokes from the helper land at fraction × viewport (+ scroll) and stay on the content. */
    private void pointerMarksLandWhereTheHelperPoints() {
        page.js("window.scrollTo(0, 0);");
        page.helper("pointer", "point", List.of(List.of(0.25, 0.5)), null);
        page.helper("pointer", "stroke", List.of(List.of(0.1, 0.2), List.of(0.3, 0.2)), "s1");
        double[] view = viewport();
        double[] dot = waitDot();
        assertThat(dot[0]).isCloseTo(0.25 * view[0], within(2.0));
        assertThat(dot[1]).isCloseTo(0.5 * view[1], within(2.0));
        double[] stroke = strokeBox();
        assertThat(stroke[0]).isCloseTo(0.1 * view[0], within(2.0));
        assertThat(stroke[2]).isCloseTo(0.3 * view[0], within(2.0));
        assertThat(stroke[1]).isCloseTo(0.2 * view[1], within(2.0));

        page.js("window.scrollTo(0, 300);");
        page.waitFor(d -> ((Number) page.js("return window.scrollY;")).intValue() == 300, "the page scrolled");
        double[] scrolled = dotRect();
        assertThat(scrolled[1]).as("the mark stays on the content it was drawn on")
                .isCloseTo(0.5 * view[1] - 300, within(2.0));
        assertThat(strokeBox()[1]).isCloseTo(0.2 * view[1] - 300, within(2.0));

        page.helper("pointer", "point", List.of(List.of(0.5, 0.5)), null);
        page.waitFor(d -> Math.abs(dotRect()[0] - 0.5 * view[0]) < 2, "a point made after the scroll is where it shows now");
        assertThat(dotRect()[1]).isCloseTo(0.5 * view[1], within(2.0));
        page.helper("pointer", "stroke", List.of(List.of(0.08, 0.62), List.of(0.2, 0.6), List.of(0.34, 0.61),
                List.of(0.46, 0.62)), "s2");
        page.waitFor(d -> (Long) page.js("return document.getElementById('bangban-pointer').shadowRoot"
                + ".querySelectorAll('polyline').length;") == 2L, "the second stroke is drawn");
        page.screenshot("call");

        double[] before = documentPosition(dotRect());
        page.driver.manage().window().setSize(new Dimension(1000, 760));
        page.waitFor(d -> viewport()[0] < view[0], "the window is narrower");
        assertThat(documentPosition(dotRect())).as("on resize a mark keeps its place in the document")
                .containsExactly(new double[] {before[0], before[1]}, within(2.0));
        double[] narrower = viewport();
        page.helper("pointer", "point", List.of(List.of(0.75, 0.25)), null);
        page.waitFor(d -> Math.abs(dotRect()[0] - 0.75 * narrower[0]) < 2, "a point made after the resize maps to the new viewport");
        assertThat(dotRect()[1]).isCloseTo(0.25 * narrower[1], within(2.0));
        page.driver.manage().window().setSize(new Dimension(1280, 900));
        assertThat(page.js("return getComputedStyle(document.getElementById('bangban-pointer')).pointerEvents;"))
                .as("marks never take the applicant's clicks").isEqualTo("none");

        page.click("pointer-clear");
        PeerStats.waitFor(() -> page.helperReceived("pointer").stream().anyMatch(m -> "clear".equals(m.get("op"))),
                10_000, "the helper is told the applicant cleared the marks");
        page.waitFor(d -> (Boolean) page.js("const h = document.getElementById('bangban-pointer');"
                + "return h.shadowRoot.querySelectorAll('polyline').length === 0"
                + " && h.shadowRoot.querySelector('.dot').hidden;"), "the marks are cleared");
        page.js("window.scrollTo(0, 0);");
    }

    private static double[] documentPosition(double[] viewportPoint) {
        @SuppressWarnings("unchecked")
        List<Number> scroll = (List<Number>) page.js("return [scrollX, scrollY];");
        return new double[] {viewportPoint[0] + scroll.get(0).doubleValue(), viewportPoint[1] + scroll.get(1).doubleValue()};
    }

    private static double[] viewport() {
        @SuppressWarnings("unchecked")
        List<Number> v = (List<Number>) page.js("return [innerWidth, innerHeight];");
        return new double[] {v.get(0).doubleValue(), v.get(1).doubleValue()};
    }

    private static double[] waitDot() {
        page.waitFor(d -> (Boolean) page.js("const h = document.getElementById('bangban-pointer');"
                + "return !!h && !h.shadowRoot.querySelector('.dot').hidden"
                + " && h.shadowRoot.querySelectorAll('polyline').length > 0;"), "the helper's marks are drawn");
        return dotRect();
    }

    /** The pointer dot's centre in viewport coordinates. */
    private static double[] dotRect() {
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) page.js("const d = document.getElementById('bangban-pointer').shadowRoot"
                + ".querySelector('.dot').getBoundingClientRect(); return [d.left + d.width / 2, d.top + d.height / 2];");
        return new double[] {r.get(0).doubleValue(), r.get(1).doubleValue()};
    }

    /** The first stroke's bounding box (left, top, right) in viewport coordinates. */
    private static double[] strokeBox() {
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) page.js("const b = document.getElementById('bangban-pointer').shadowRoot"
                + ".querySelector('polyline').getBoundingClientRect(); return [b.left, b.top, b.right];");
        return new double[] {r.get(0).doubleValue(), r.get(1).doubleValue(), r.get(2).doubleValue()};
    }
}
