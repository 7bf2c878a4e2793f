package org.bangban.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.bangban.it.TestNode;
import org.bangban.relay.browser.PeerStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help button on a portal of another origin than the Bangban server (a JDK HTTP server on 127.0.0.1, listed in
 * http.cors.origins): the whole 帮办 session from that page, with the widget's modules, REST calls and WebSocket
 * going to the script's own server; the same portal reached as localhost (an origin not listed) is told plainly on
 * the page and refused by the server. This node turns recording.notice on: the consent notice says so.
 */
class WidgetPortalBrowserTest {

    @TempDir
    static Path dir;
    private static TestPortal portal;
    private static TestNode node;
    private static WidgetPage page;

    @BeforeAll
    static void start() throws Exception {
        portal = new TestPortal();
        Map<String, String> settings = new java.util.HashMap<>(WebTestSupport.alwaysOpen("pairing.wrapup", "PT0S"));
        settings.put("http.cors.origins", portal.origin());
        settings.put("recording.notice", "true");
        node = TestNode.start(dir, settings);
        portal.embedding(bangban());
        page = WidgetPage.start(node.port(), portal.origin() + "/portal.html");
    }

    @AfterAll
    static void stop() {
        if (page != null) page.close();
        if (node != null) node.close();
        if (portal != null) portal.close();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(page.consoleErrors()).as("errors in the applicant page's console").isEmpty();
    }

    private static String bangban() {
        return "http://localhost:" + node.port();
    }

    @Test
    void aWholeAssistSessionFromAPortalOfAnotherOrigin() {
        page.openFresh(portal.origin() + "/portal.html");
        assertThat(page.js("return location.origin;")).isEqualTo(portal.origin());
        WidgetBrowserTest.askForHelpUpToConsent(page, "social-insurance", "想办理社保参保登记");
        assertThat(page.text("consent-recording")).as("recording.notice is on: the consent notice says calls are recorded")
                .contains("录音录像");
        page.click("consent-accept");
        page.waitText("queue-position", "第 1 位");

        page.helper("available");
        @SuppressWarnings("unchecked")
        Map<String, Object> offer = (Map<String, Object>) page.helper("acceptNext");
        assertThat(offer.get("description")).isEqualTo("想办理社保参保登记");
        page.waitText("call-heading", "正在为您服务");
        page.waitApplicantDecodes(2);
        page.waitHelperDecodes(2);
        page.screenshot("portal-call");

        page.el("chat-input").sendKeys("从其他网站发来的消息");
        page.click("chat-send");
        PeerStats.waitFor(() -> page.helperReceived("chat.message").stream()
                .anyMatch(m -> "从其他网站发来的消息".equals(m.get("text"))), 10_000, "the helper gets the chat message");

        page.click("end-call");
        page.click("rating-5");
        page.click("rating-submit");
        page.waitText("rating-thanks", "BB-");
        String caseNumber = (String) page.state().get("caseNumber");

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) page.js("return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(loaded).as("the widget's modules, messages and REST calls come from the script's server")
                .contains(bangban() + "/widget.js", bangban() + "/widget/app.js", bangban() + "/api/widget")
                .anyMatch(n -> n.startsWith(bangban() + "/i18n/widget."))
                .anyMatch(n -> n.startsWith(bangban() + "/api/sessions/") && n.endsWith("/evaluation"))
                .noneMatch(n -> n.startsWith(portal.origin() + "/widget") || n.startsWith(portal.origin() + "/api/"));

        JsonNode c = WebTestSupport.caseOf(node.port(), caseNumber);
        assertThat(c.path("itemId").asText()).isEqualTo("social-insurance");
        assertThat(c.path("description").asText()).isEqualTo("想办理社保参保登记");
        assertThat(c.path("evaluations").path(0).path("level").asText()).isEqualTo("VERY_SATISFIED");
        assertThat(c.path("events").toString()).contains("从其他网站发来的消息");
    }

    @Test
    void aPortalOfAnOriginNotListedIsToldPlainlyAndNothingConnects() {
        page.openFresh(portal.otherOrigin() + "/portal.html");
        page.click("help-button");
        page.waitText("origin-refused", "尚未接入帮办服务");
        assertThat(page.text("origin-refused")).contains(portal.otherOrigin().substring("http://".length()));
        assertThat(page.shown("item-select")).as("no item list: nothing was asked of the server").isFalse();
        page.screenshot("origin-refused");
        List<org.openqa.selenium.logging.LogEntry> logged = page.driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(logged).as("the console has a warning for the operator")
                .anyMatch(e -> e.getLevel() == java.util.logging.Level.WARNING && e.getMessage().contains("http.cors.origins"))
                .as("and no error").noneMatch(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());
    }

    @Test
    void theServerRefusesAWebSocketFromAnOriginNotListedAndTellsTheWidgetWhichAreAllowed() throws Exception {
        assertThat(openWebSocket(portal.origin())).as("the listed portal").isNull();
        assertThat(openWebSocket(bangban())).as("the server's own pages").isNull();
        assertThat(openWebSocket(null)).as("no Origin header: not a browser page").isNull();
        assertThat(openWebSocket(portal.otherOrigin())).as("a portal not listed").isEqualTo(403);

        assertThat(widgetSettings(portal.origin()).path("originAllowed").asBoolean()).isTrue();
        assertThat(widgetSettings(portal.otherOrigin()).path("originAllowed").asBoolean()).isFalse();
        assertThat(widgetSettings(portal.origin()).path("recordingNotice").asBoolean()).isTrue();
    }

    /** Opens a WebSocket to the server with this Origin header: null when it opens, else the refusal's status. */
    private static Integer openWebSocket(String origin) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) b.header("Origin", origin);
        try {
            WebSocket ws = b.buildAsync(URI.create("ws://localhost:" + node.port() + "/ws"), new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            if (cause instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw new AssertionError("the WebSocket failed otherwise", e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode widgetSettings(String origin) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bangban() + "/api/widget"))
                .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("readable from any origin").contains("*");
        return WebTestSupport.JSON.readTree(r.body());
    }
}
