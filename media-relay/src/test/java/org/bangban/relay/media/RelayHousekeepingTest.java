package org.bangban.relay.media;

import org.bangban.relay.RelayConfig;
import org.bangban.relay.control.RelayEvents;
import org.bangban.relay.control.RelayException;
import org.bangban.relay.room.EndpointRole;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.relay.browser.PeerStats.waitFor;

/** Rooms and endpoints that go idle expire by themselves, and the controller is told. */
class RelayHousekeepingTest {

    @Test
    void anEndpointThatNeverConnectsIsClosedAndAnEmptyRoomExpires() throws Exception {
        RelayConfig config = RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1)
                .withAdvertised(List.of("127.0.0.1"))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(1));
        List<String> events = new CopyOnWriteArrayList<>();
        try (MediaRelay relay = MediaRelay.start(config)) {
            relay.setEvents(new RelayEvents() {
                @Override
                public void negotiationNeeded(String roomId, String endpointId) {
                }

                @Override
                public void endpointClosed(String roomId, String endpointId, String reason) {
                    events.add("endpoint-closed " + endpointId + ": " + reason);
                }

                @Override
                public void roomClosed(String roomId, String reason) {
                    events.add("room-closed " + roomId + ": " + reason);
                }
            });
            relay.createRoom("idle");
            relay.createEndpoint("idle", "ghost", EndpointRole.PARTICIPANT);
            assertThat(relay.tcpPort()).as("ICE-TCP off").isEqualTo(-1);
            waitFor(() -> events.stream().anyMatch(e -> e.startsWith("endpoint-closed ghost: never connected")), 10_000,
                    "the endpoint that never connected is closed");
            waitFor(() -> events.contains("room-closed idle: idle"), 10_000, "the empty room expires");
            assertThat(relay.stats().rooms()).isZero();
            assertThatThrownBy(() -> relay.createEndpoint("idle", "late", EndpointRole.PARTICIPANT))
                    .isInstanceOf(RelayException.class)
                    .extracting(e -> ((RelayException) e).code()).isEqualTo(RelayException.Code.ROOM_NOT_FOUND);
        }
    }

    @Test
    void autoAdvertisesThisHostsInterfacesAndKeepsExplicitAddresses() {
        List<String> auto = MediaRelay.expandAdvertised(List.of("203.0.113.9", "auto"));
        assertThat(auto.get(0)).isEqualTo("203.0.113.9");
        assertThat(auto).doesNotHaveDuplicates().allMatch(a -> a.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
        assertThat(MediaRelay.expandAdvertised(List.of("10.0.0.5"))).containsExactly("10.0.0.5");
    }

    @Test
    void anEndpointWhoseBrowserStopsCheckingLosesConsentAndIsClosed() throws Exception {
        RelayConfig config = RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1)
                .withAdvertised(List.of("127.0.0.1"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(5));
        List<String> closed = new CopyOnWriteArrayList<>();
        try (MediaRelay relay = MediaRelay.start(config);
             java.net.DatagramSocket browser = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            relay.setEvents(new RelayEvents() {
                @Override
                public void negotiationNeeded(String roomId, String endpointId) {
                }

                @Override
                public void endpointClosed(String roomId, String endpointId, String reason) {
                    closed.add(endpointId + ": " + reason);
                }

                @Override
                public void roomClosed(String roomId, String reason) {
                }
            });
            relay.createRoom("consent");
            relay.createEndpoint("consent", "a", EndpointRole.PARTICIPANT);
            relay.createEndpoint("consent", "b", EndpointRole.PARTICIPANT);
            String sdp = Files.readString(Path.of(getClass().getResource("/sdp/chromium-156-av-sendrecv-offer.sdp").toURI()));
            String answer = relay.applyOffer("consent", "a", sdp, java.util.Map.of("0",
                    org.bangban.relay.room.TrackSource.MICROPHONE, "1", org.bangban.relay.room.TrackSource.CAMERA));
            String ufrag = line(answer, "a=ice-ufrag:");
            String pwd = line(answer, "a=ice-pwd:");
            byte[] check = org.bangban.relay.ice.StunChecks.request(ufrag, line(sdp, "a=ice-ufrag:"), pwd, true);
            browser.setSoTimeout(5000);
            browser.send(new java.net.DatagramPacket(check, check.length,
                    new java.net.InetSocketAddress("127.0.0.1", relay.udpPort())));
            browser.receive(new java.net.DatagramPacket(new byte[1500], 1500));
            long checkedAt = System.nanoTime();
            waitFor(() -> closed.stream().anyMatch(e -> e.startsWith("a: ICE consent lost")), 10_000,
                    "the endpoint that stopped checking loses consent");
            assertThat(System.nanoTime() - checkedAt).as("not before the consent timeout").isGreaterThan(2_000_000_000L);
            assertThat(relay.stats().endpoints()).isEqualTo(1);
        }
    }

    private static String line(String sdp, String prefix) {
        for (String l : sdp.split("\r\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix);
    }
}
