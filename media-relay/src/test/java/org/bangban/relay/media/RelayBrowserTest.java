package org.bangban.relay.media;

import org.bangban.relay.RelayConfig;
import org.bangban.relay.browser.Chromium;
import org.bangban.relay.browser.TestPages;
import org.bangban.relay.control.EndpointStats;
import org.bangban.relay.room.EndpointRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.browser.PeerStats.assertPairsReachRelay;
import static org.bangban.relay.browser.PeerStats.decoding;
import static org.bangban.relay.browser.PeerStats.hears;
import static org.bangban.relay.browser.PeerStats.midOf;
import static org.bangban.relay.browser.PeerStats.num;
import static org.bangban.relay.browser.PeerStats.waitFor;

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
        BrowserCall call = room("call-1", false, "applicant", "helper");
        call.publish("applicant", "microphone", "camera", "screen");
        call.publish("helper", "microphone", "camera");
        call.subscribe("applicant");
        call.subscribe("helper");

        waitFor(() -> decoding(call.inbound("helper"), 3), 20_000, "the helper decodes the applicant's three tracks");
        waitFor(() -> decoding(call.inbound("applicant"), 2), 20_000, "the applicant decodes the helper's two tracks");

        for (String peer : List.of("applicant", "helper")) {
            assertPairsReachRelay(peer, call.stats(peer), "udp", relay.udpPort(), "127.0.0.1");
        }
        waitFor(() -> relay.counters().rembsForwarded() > 0, 10_000,
                "receivers' bandwidth estimates (REMB) reach the publishers");
        waitFor(() -> relay.endpointStats("call-1", "helper").outbound().stream().allMatch(o -> o.bitrate() > 0),
                10_000, "per-stream bitrates in the relay's stats");
        var helperStats = relay.endpointStats("call-1", "helper");
        assertThat(helperStats.outbound()).hasSize(3).allMatch(o -> o.active() && o.packets() > 0);
        assertThat(helperStats.subscribe().iceState()).isEqualTo("connected");
        assertThat(helperStats.subscribe().dtlsState()).isEqualTo("connected");
        assertThat(helperStats.subscribe().selectedPath()).startsWith("udp:");
        var applicantStats = relay.endpointStats("call-1", "applicant");
        assertThat(applicantStats.inbound()).extracting(EndpointStats.InboundTrackStats::source)
                .containsExactlyInAnyOrder("microphone", "camera", "screen");
        assertThat(applicantStats.inbound()).allMatch(t -> t.packets() > 0 && t.lossFraction() < 0.05);
        var relayStats = relay.stats();
        assertThat(relayStats.packetsOut()).isGreaterThan(100);
        assertThat(relayStats.dtlsHandshakes()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aSilentSupervisorSeesEverythingSendsNothingThenWhispersAndBargesIn() {
        BrowserCall call = room("call-2", false, "applicant2", "helper2");
        call.publish("applicant2", "microphone", "camera", "screen");
        call.publish("helper2", "microphone", "camera");
        call.subscribe("applicant2");
        call.subscribe("helper2");
        waitFor(() -> decoding(call.inbound("helper2"), 3), 20_000, "the call runs");

        // a supervisor joins late and monitors silently
        relay.createEndpoint("call-2", "supervisor2", EndpointRole.OBSERVER);
        call.subscribe("supervisor2");
        waitFor(() -> decoding(call.inbound("supervisor2"), 5), 20_000, "the supervisor decodes all five tracks");
        // the page notes each video's first frame from its own frame callback, which can come a moment after
        // getStats already counts the frame as decoded: wait for all three notes
        waitFor(() -> call.stats("supervisor2").get("firstFrames") instanceof Map<?, ?> f && f.size() == 3, 5_000,
                "the supervisor page noted the first frame of all three videos");
        Map<String, Object> sup = call.stats("supervisor2");
        assertThat(num(sup.get("outboundBytes"))).as("a silent monitor sends no media").isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> frames = (Map<String, Object>) sup.get("firstFrames");
        double connectedAt = ((Number) sup.get("subConnectedAt")).doubleValue();
        assertThat(frames).hasSize(3);
        for (Object t : frames.values()) {
            assertThat(((Number) t).doubleValue() - connectedAt)
                    .as("a late subscriber's first video frame comes within 1 s of its transport connecting")
                    .isLessThan(1000.0);
        }

        // whisper: the helper hears the supervisor, the applicant does not
        call.publish("supervisor2", "microphone");
        relay.route("call-2", "helper2", "supervisor2", java.util.EnumSet.of(org.bangban.relay.room.TrackSource.MICROPHONE));
        call.subscribe("helper2");
        call.subscribe("applicant2");
        waitFor(() -> hears(call.inbound("helper2"), "supervisor2-microphone"), 20_000, "the helper hears the whisper");
        assertThat(hears(call.inbound("applicant2"), "supervisor2-microphone")).isFalse();
        assertThat(call.inbound("applicant2").values())
                .noneMatch(s -> "supervisor2-microphone".equals(s.get("trackIdentifier")));

        // barge-in: both hear the supervisor
        relay.route("call-2", "applicant2", "supervisor2", java.util.EnumSet.of(org.bangban.relay.room.TrackSource.MICROPHONE));
        call.subscribe("applicant2");
        waitFor(() -> hears(call.inbound("applicant2"), "supervisor2-microphone"), 20_000,
                "the applicant hears the supervisor barge in");
        // the supervisor never receives itself, and an observer may not be seen
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> relay.route("call-2", "applicant2", "supervisor2",
                java.util.EnumSet.of(org.bangban.relay.room.TrackSource.CAMERA)))
                .isInstanceOf(org.bangban.relay.control.RelayException.class).hasMessageContaining("never seen");
    }

    @Test
    void aScreenShareStoppedAndRestartedKeepsDecodingOnTheSameStream() {
        BrowserCall call = room("call-3", false, "applicant3", "helper3");
        call.publish("applicant3", "microphone", "camera", "screen");
        call.publish("helper3", "microphone");
        call.subscribe("helper3");
        call.subscribe("applicant3");
        waitFor(() -> decoding(call.inbound("helper3"), 3), 20_000, "the helper sees the screen");
        String screenMid = midOf(call.inbound("helper3"), "applicant3-screen");
        call.unpublish("applicant3", "screen");
        assertThat(relay.createOffer("call-3", "helper3", false)).as("a stopped source needs no renegotiation")
                .hasValueSatisfying(sdp -> assertThat(sdp).contains("a=sendonly"));
        long stopped = num(call.inbound("helper3").get(screenMid).get("framesDecoded"));
        call.publish("applicant3", "screen");
        waitFor(() -> num(call.inbound("helper3").get(screenMid).get("framesDecoded")) > stopped + 10, 20_000,
                "frames of the restarted screen share decode on the same receiving stream");
        assertThat(midOf(call.inbound("helper3"), "applicant3-screen")).isEqualTo(screenMid);
    }

    @Test
    void theCallWorksOverIceTcpAlone() {
        BrowserCall call = room("call-4", true, "applicant4", "helper4");
        call.publish("applicant4", "microphone", "camera");
        call.publish("helper4", "microphone", "camera");
        call.subscribe("applicant4");
        call.subscribe("helper4");
        waitFor(() -> decoding(call.inbound("helper4"), 2) && decoding(call.inbound("applicant4"), 2), 30_000,
                "both sides decode over ICE-TCP");
        for (String peer : List.of("applicant4", "helper4")) {
            assertPairsReachRelay(peer, call.stats(peer), "tcp", relay.tcpPort(), null);
        }
    }

    @Test
    void lostVideoPacketsAreRecoveredFromTheRelaysHistoryOverRtx() {
        BrowserCall call = room("call-5", false, "applicant5", "helper5");
        call.publish("applicant5", "camera");
        call.subscribe("helper5");
        waitFor(() -> decoding(call.inbound("helper5"), 1), 20_000, "the helper sees the camera");
        long nacksBefore = relay.counters().nacksReceived();
        long rtxBefore = relay.counters().retransmissions();
        Forwarder.videoLossForTests = 0.05;
        try {
            waitFor(() -> relay.counters().retransmissions() > rtxBefore + 5, 20_000,
                    "the receiver's NACKs are answered with retransmissions");
        } finally {
            Forwarder.videoLossForTests = 0;
        }
        assertThat(relay.counters().nacksReceived()).isGreaterThan(nacksBefore);
        long frames = num(call.inbound("helper5").values().iterator().next().get("framesDecoded"));
        waitFor(() -> num(call.inbound("helper5").values().iterator().next().get("framesDecoded")) > frames + 15,
                20_000, "video keeps decoding after the loss");
    }

    @Test
    void anIceRestartOnTheReceivingConnectionKeepsTheStreamsFlowing() {
        BrowserCall call = room("call-6", false, "applicant6", "helper6");
        call.publish("applicant6", "microphone", "camera");
        call.subscribe("helper6");
        waitFor(() -> decoding(call.inbound("helper6"), 2), 20_000, "the helper receives");
        String before = ufrag((String) browser.driver().executeScript(
                "return window.peer('helper6').sub.remoteDescription.sdp;"));
        String offer = relay.createOffer("call-6", "helper6", true).orElseThrow();
        assertThat(ufrag(offer)).as("the restart offer carries new ICE credentials").isNotEqualTo(before);
        String answer = (String) browser.call("helper6", "subscribeOffer", offer);
        relay.applyAnswer("call-6", "helper6", answer);
        long frames = call.inbound("helper6").values().stream().mapToLong(s -> num(s.get("framesDecoded"))).sum();
        waitFor(() -> call.inbound("helper6").values().stream().mapToLong(s -> num(s.get("framesDecoded"))).sum()
                > frames + 20, 20_000, "frames keep decoding after the ICE restart");
        assertThat(relay.endpointStats("call-6", "helper6").subscribe().iceState()).isEqualTo("connected");
    }

    private static String ufrag(String sdp) {
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=ice-ufrag:")) {
                return line.substring("a=ice-ufrag:".length());
            }
        }
        throw new AssertionError("no a=ice-ufrag in " + sdp);
    }

    /** A room with these participants, driven through the shared page. */
    private static BrowserCall room(String roomId, boolean tcpOnly, String... participants) {
        relay.createRoom(roomId);
        for (String p : participants) {
            relay.createEndpoint(roomId, p, EndpointRole.PARTICIPANT);
        }
        return new BrowserCall(browser, relay, roomId, tcpOnly);
    }
}
