package org.bangban.relay.media;

import org.bangban.relay.RelayConfig;
import org.bangban.relay.browser.Chromium;
import org.bangban.relay.browser.TestPages;
import org.bangban.relay.room.EndpointRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.media.BrowserCall.num;
import static org.bangban.relay.media.BrowserCall.waitFor;

/** Real Chromium peers calling each other through the relay: nothing peer to peer. */
class RelayBrowserTest {

    private static MediaRelay relay;
    private static TestPages pages;
    private static Chromium browser;

    @BeforeAll
    static void start() throws InterruptedException {
        relay = MediaRelay.start(RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0)
                .withAdvertised(List.of("127.0.0.1")));
        pages = new TestPages();
        browser = Chromium.start(List.of());
        browser.open(pages.url());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (pages != null) {
            pages.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void applicantAndHelperSeeAndHearEachOtherThroughTheRelay() {
        relay.createRoom("call-1");
        relay.createEndpoint("call-1", "applicant", EndpointRole.PARTICIPANT);
        relay.createEndpoint("call-1", "helper", EndpointRole.PARTICIPANT);
        BrowserCall call = new BrowserCall(browser, relay, "call-1");
        call.publish("applicant", "microphone", "camera", "screen");
        call.publish("helper", "microphone", "camera");
        call.subscribe("applicant");
        call.subscribe("helper");

        waitFor(() -> decoding(call.inbound("helper"), 3), 20_000, "the helper decodes the applicant's three tracks");
        waitFor(() -> decoding(call.inbound("applicant"), 2), 20_000, "the applicant decodes the helper's two tracks");

        for (String peer : List.of("applicant", "helper")) {
            Map<String, Object> s = call.stats(peer);
            for (String pair : List.of("pubPair", "subPair")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) s.get(pair);
                assertThat(p).as(peer + " " + pair).isNotNull();
                assertThat(p.get("address")).isEqualTo("127.0.0.1");
                assertThat(num(p.get("port"))).isEqualTo(relay.udpPort());
            }
        }
        var relayStats = relay.stats();
        assertThat(relayStats.packetsOut()).isGreaterThan(100);
        assertThat(relayStats.dtlsHandshakes()).isGreaterThanOrEqualTo(4);
    }

    /** True when {@code expected} inbound streams flow: audio packets arrive, video frames decode. */
    static boolean decoding(Map<String, Map<String, Object>> inbound, int expected) {
        int ok = 0;
        for (Map<String, Object> s : inbound.values()) {
            if ("audio".equals(s.get("kind")) ? num(s.get("packetsReceived")) > 0 : num(s.get("framesDecoded")) > 0) {
                ok++;
            }
        }
        return ok >= expected;
    }
}
