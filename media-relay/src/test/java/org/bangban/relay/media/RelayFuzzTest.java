package org.bangban.relay.media;

import org.bangban.relay.RelayConfig;
import org.bangban.relay.browser.Chromium;
import org.bangban.relay.browser.TestPages;
import org.bangban.relay.ice.StunChecks;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.transport.DropReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.browser.PeerStats.decoding;
import static org.bangban.relay.browser.PeerStats.num;
import static org.bangban.relay.browser.PeerStats.waitFor;

/**
 * Random and mutated STUN, DTLS, RTP and RTCP thrown at a running relay, from an unknown address
 * and from an address ICE validated, while a real call goes on: everything is dropped and
 * counted, nothing escapes the packet loop, and the call keeps decoding.
 */
class RelayFuzzTest {

    @Test
    void garbageIsDroppedAndCountedWhileALiveCallGoesOn() throws Exception {
        try (MediaRelay relay = MediaRelay.start(RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0)
                .withAdvertised(List.of("127.0.0.1")));
             TestPages pages = new TestPages();
             Chromium browser = Chromium.start(List.of());
             DatagramSocket mallory = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            browser.open(pages.url());
            relay.createRoom("fuzz");
            relay.createEndpoint("fuzz", "applicant", EndpointRole.PARTICIPANT);
            relay.createEndpoint("fuzz", "helper", EndpointRole.PARTICIPANT);
            BrowserCall call = new BrowserCall(browser, relay, "fuzz");
            call.publish("applicant", "microphone", "camera");
            call.subscribe("helper");
            waitFor(() -> decoding(call.inbound("helper"), 2), 20_000, "the call runs");

            // mallory is an endpoint of the room whose ICE check passes: its garbage reaches DTLS and SRTP
            relay.createEndpoint("fuzz", "mallory", EndpointRole.OBSERVER);
            String offer = relay.createOffer("fuzz", "mallory", false).orElseThrow();
            String ufrag = attribute(offer, "a=ice-ufrag:");
            String pwd = attribute(offer, "a=ice-pwd:");
            InetSocketAddress relayAddress = new InetSocketAddress("127.0.0.1", relay.udpPort());
            mallory.setSoTimeout(5000);
            byte[] check = StunChecks.request(ufrag, "mlry", pwd, true);
            mallory.send(new DatagramPacket(check, check.length, relayAddress));
            mallory.receive(new DatagramPacket(new byte[1500], 1500));

            long framesBefore = frames(call);
            Random random = new Random(20261126);
            int sent = 0;
            for (int i = 0; i < 20_000; i++) {
                byte[] p = garbage(random, check);
                (i % 2 == 0 ? mallory : stranger).send(new DatagramPacket(p, p.length, relayAddress));
                sent++;
            }
            long dropped = totalDropped(relay);
            assertThat(sent).isEqualTo(20_000);
            waitFor(() -> totalDropped(relay) >= 15_000, 20_000, "the garbage is dropped and counted");
            assertThat(relay.dispatcher().dropped(DropReason.UNKNOWN_SOURCE)).isPositive();
            assertThat(relay.counters().dropped(DropCause.SRTP_BEFORE_DTLS)).isPositive();
            waitFor(() -> frames(call) > framesBefore + 30, 20_000, "the live call keeps decoding");
            assertThat(relay.stats().dropped()).containsKeys("stun_malformed", "unknown_kind", "srtp_before_dtls");
            assertThat(dropped).isPositive();
            assertThat(socketErrors(relay)).as("nothing escaped the packet loop").isZero();
        }
    }

    private static long frames(BrowserCall call) {
        return call.inbound("helper").values().stream().mapToLong(s -> num(s.get("framesDecoded"))).sum();
    }

    private static long totalDropped(MediaRelay relay) {
        return relay.stats().dropped().values().stream().mapToLong(Long::longValue).sum()
                + dtlsDropped(relay);
    }

    private static long dtlsDropped(MediaRelay relay) {
        var snapshot = relay.dtls().stats().snapshot();
        long n = 0;
        for (var d : org.bangban.relay.dtls.DtlsStats.Drop.values()) {
            n += snapshot.datagramsDropped(d);
        }
        return n;
    }

    private static long socketErrors(MediaRelay relay) {
        return relay.socketErrors();
    }

    private static String attribute(String sdp, String prefix) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " in the relay's offer");
    }

    /** A random packet shaped like one of the four kinds, or a mutated valid check. */
    private static byte[] garbage(Random random, byte[] validCheck) {
        int kind = random.nextInt(6);
        byte[] p;
        switch (kind) {
            case 0 -> { // mutated STUN check
                p = validCheck.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    p[random.nextInt(p.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return p;
            }
            case 1 -> { // DTLS-looking record
                p = new byte[13 + random.nextInt(300)];
                random.nextBytes(p);
                p[0] = (byte) (20 + random.nextInt(44));
                p[1] = (byte) 0xfe;
                p[2] = (byte) 0xfd;
            }
            case 2 -> { // RTP-looking
                p = new byte[12 + random.nextInt(1200)];
                random.nextBytes(p);
                p[0] = (byte) 0x80;
                p[1] = (byte) (random.nextInt(128));
            }
            case 3 -> { // RTCP-looking
                p = new byte[8 + 4 * random.nextInt(40)];
                random.nextBytes(p);
                p[0] = (byte) (0x80 | random.nextInt(32));
                p[1] = (byte) (200 + random.nextInt(8));
            }
            case 4 -> { // STUN-looking
                p = new byte[20 + random.nextInt(200)];
                random.nextBytes(p);
                p[0] = (byte) random.nextInt(4);
            }
            default -> { // anything
                p = new byte[random.nextInt(1400)];
                random.nextBytes(p);
            }
        }
        return p;
    }
}
