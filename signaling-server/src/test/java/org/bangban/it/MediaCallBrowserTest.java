package org.bangban.it;

import org.bangban.relay.browser.Chromium;
import org.bangban.relay.browser.PeerStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole assistance session in real headless Chromium through a started server: the applicant
 * asks for help, a helper accepts, both publish and receive through the server's embedded relay
 * (the protocol's media messages, the web-widget's modules), a supervisor monitors silently, then
 * whispers, then barges in; the session ends and its media goes.
 */
class MediaCallBrowserTest {

    @TempDir
    static Path dir;
    private static TestNode node;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir, Map.of("service.hours", "MON-SUN 00:00-23:59", "service.holidays", "",
                "service.workdays", ""));
        browser = Chromium.start(List.of());
        browser.open("http://localhost:" + node.port() + "/");
        try (InputStream in = MediaCallBrowserTest.class.getResourceAsStream("/browser/actors.js")) {
            browser.driver().executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aPairedSessionTalksThroughTheRelayAndASupervisorMonitorsWhispersAndBargesIn() throws IOException {
        browser.call("helper", "helper", "helper1", List.of("microphone", "camera"));
        browser.call("applicant", "applicant", "tax-registration", List.of("microphone", "camera", "screen"));
        String sessionId = (String) browser.call("helper", "waitSession");
        assertThat(browser.call("applicant", "waitSession")).isEqualTo(sessionId);

        waitFor(() -> decoding("helper", 3), "the helper decodes the applicant's microphone, camera and screen");
        waitFor(() -> decoding("applicant", 2), "the applicant decodes the helper's microphone and camera");
        int relayPort = node.bangban.relayUdpPort();
        for (String who : List.of("applicant", "helper")) {
            PeerStats.assertPairsReachRelay(who, stats(who), "udp", relayPort, "127.0.0.1");
        }

        String supervisorId = (String) browser.call("supervisor", "supervisor", "supervisor1");
        // the relay names a forwarded track by its source endpoint made an SDP token, and the source
        String whisper = supervisorId.replace(':', '.') + "-microphone";
        browser.call("supervisor", "monitor", sessionId);
        waitFor(() -> decoding("supervisor", 5), "the supervisor sees and hears both sides");
        assertThat(PeerStats.num(stats("supervisor").get("outboundBytes"))).as("silent monitoring sends nothing").isZero();
        waitFor(() -> pushes("helper").contains("monitor.started"), "the helper is shown the monitoring (policy default)");

        browser.call("supervisor", "mode", "whisper");
        browser.call("supervisor", "publish", List.of("microphone"));
        waitFor(() -> hears("helper", whisper), "the helper hears the whisper");
        assertThat(hears("applicant", whisper)).as("the applicant does not").isFalse();

        browser.call("supervisor", "mode", "barge");
        waitFor(() -> hears("applicant", whisper), "the applicant hears the barge-in");
        waitFor(() -> pushes("applicant").contains("monitor.mode"), "the applicant is told a supervisor joined");

        browser.call("helper", "endSession");
        waitFor(() -> pushes("supervisor").contains("media.closed"), "the supervisor's media is closed");
        waitFor(() -> node.bangban.relayRooms() == 0, "the session's relay room is gone");
    }

    @Test
    void mediaMessagesAreRefusedForSessionsOneDoesNotTakePartIn() {
        browser.call("stranger", "supervisor", "helper2");
        Object error = browser.async("const done = arguments[arguments.length - 1];"
                + "window.peer('stranger').request('media.offer', {sessionId: 'S-nope', sdp: 'v=0', sources: {}})"
                + ".then(() => done('accepted'), e => done(e.code));");
        assertThat(error).isEqualTo("not_found");
        Object forbidden = browser.async("const done = arguments[arguments.length - 1];"
                + "window.peer('stranger').request('monitor.start', {sessionId: 'S-nope'})"
                + ".then(() => done('accepted'), e => done(e.code));");
        assertThat(forbidden).isEqualTo("forbidden");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stats(String who) {
        return (Map<String, Object>) browser.call(who, "stats");
    }

    @SuppressWarnings("unchecked")
    private static List<String> pushes(String who) {
        return (List<String>) browser.call(who, "pushTypes");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> inbound(String who) {
        return (Map<String, Map<String, Object>>) stats(who).get("inbound");
    }

    private static boolean decoding(String who, int expected) {
        return PeerStats.decoding(inbound(who), expected);
    }

    private static boolean hears(String who, String trackId) {
        return PeerStats.hears(inbound(who), trackId);
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        PeerStats.waitFor(condition, 30_000, what);
    }
}
