package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import org.bangban.relay.ice.CheckOutcome;
import org.bangban.relay.ice.IceCredentials;
import org.bangban.relay.ice.IceLiteAgent;
import org.bangban.relay.ice.StunChecks;
import org.bangban.relay.stun.StunAttribute;
import org.bangban.relay.stun.StunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.browser.PeerStats.waitFor;

/** Real sockets on loopback: checks over UDP and ICE-TCP, then DTLS/SRTP routed by validated path. */
class PacketDispatcherTest {

    private final IceCredentials creds = IceCredentials.random();
    private final RecordingEndpoint endpoint = new RecordingEndpoint(creds);
    private PacketDispatcher dispatcher;
    private RelaySockets sockets;

    @BeforeEach
    void start() throws InterruptedException {
        dispatcher = new PacketDispatcher(System::nanoTime);
        dispatcher.register(creds.ufrag(), endpoint);
        sockets = RelaySockets.start("127.0.0.1", 0, 0, 2, Duration.ofSeconds(30), dispatcher);
    }

    @AfterEach
    void stop() {
        sockets.close();
    }

    @Test
    void udpCheckIsAnsweredAndOnlyThenIsMediaFromThatAddressDelivered() throws IOException {
        try (DatagramSocket browser = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            browser.setSoTimeout(5000);
            InetSocketAddress relay = new InetSocketAddress("127.0.0.1", sockets.udpPort());
            byte[] dtls = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            browser.send(new DatagramPacket(dtls, dtls.length, relay));
            waitFor(() -> dispatcher.dropped(DropReason.UNKNOWN_SOURCE) == 1, 10_000, "unvalidated DTLS dropped");

            byte[] check = StunChecks.request(creds.ufrag(), "brws", creds.password(), true);
            browser.send(new DatagramPacket(check, check.length, relay));
            byte[] buf = new byte[1500];
            DatagramPacket response = new DatagramPacket(buf, buf.length);
            browser.receive(response);
            StunMessage msg = StunChecks.parse(java.util.Arrays.copyOf(buf, response.getLength()));
            assertThat(msg.messageClass()).isEqualTo(StunMessage.CLASS_SUCCESS_RESPONSE);
            assertThat(msg.verifyMessageIntegrity(creds.passwordBytes())).isTrue();
            assertThat(msg.attribute(StunAttribute.XorMappedAddress.class).orElseThrow().address())
                    .isEqualTo(browser.getLocalSocketAddress());
            waitFor(() -> endpoint.selected.size() == 1, 10_000, "path selected");
            assertThat(endpoint.selected.get(0).protocol()).isEqualTo("udp");

            browser.send(new DatagramPacket(dtls, dtls.length, relay));
            byte[] rtcp = {(byte) 0x80, (byte) 200, 0, 6, 1, 2, 3, 4};
            browser.send(new DatagramPacket(rtcp, rtcp.length, relay));
            byte[] rtp = {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4};
            browser.send(new DatagramPacket(rtp, rtp.length, relay));
            waitFor(() -> endpoint.events.size() == 3, 10_000, "three packets delivered");
            assertThat(endpoint.events).containsExactly("dtls:13", "rtcp:8", "rtp:12");

            // the relay sends media back on the selected path
            endpoint.selected.get(0).send(io.netty.buffer.Unpooled.wrappedBuffer(new byte[]{(byte) 0x80, 0, 0, 9}));
            browser.receive(response);
            assertThat(response.getLength()).isEqualTo(4);
        }
    }

    @Test
    void checksWithTheWrongPasswordOrAnUnknownUfragValidateNothing() throws IOException {
        try (DatagramSocket browser = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            browser.setSoTimeout(5000);
            InetSocketAddress relay = new InetSocketAddress("127.0.0.1", sockets.udpPort());
            byte[] wrong = StunChecks.request(creds.ufrag(), "brws", "y".repeat(24), true);
            browser.send(new DatagramPacket(wrong, wrong.length, relay));
            byte[] buf = new byte[1500];
            DatagramPacket response = new DatagramPacket(buf, buf.length);
            browser.receive(response);
            StunMessage msg = StunChecks.parse(java.util.Arrays.copyOf(buf, response.getLength()));
            assertThat(msg.attribute(StunAttribute.ErrorCode.class).orElseThrow().code()).isEqualTo(401);

            byte[] unknown = StunChecks.request("nobody", "brws", creds.password(), true);
            browser.send(new DatagramPacket(unknown, unknown.length, relay));
            waitFor(() -> dispatcher.dropped(DropReason.STUN_UNKNOWN_UFRAG) == 1, 10_000, "unknown ufrag counted");

            byte[] rtp = {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4};
            browser.send(new DatagramPacket(rtp, rtp.length, relay));
            waitFor(() -> dispatcher.dropped(DropReason.UNKNOWN_SOURCE) == 1, 10_000, "media from unvalidated source dropped");
            assertThat(endpoint.selected).isEmpty();
            assertThat(endpoint.events).isEmpty();
            assertThat(dispatcher.checks(CheckOutcome.Verdict.UNAUTHENTICATED)).isEqualTo(1);
        }
    }

    @Test
    void iceTcpUsesRfc4571FramingBothWays() throws IOException {
        try (Socket browser = new Socket("127.0.0.1", sockets.tcpPort())) {
            browser.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(browser.getOutputStream());
            DataInputStream in = new DataInputStream(browser.getInputStream());
            byte[] check = StunChecks.request(creds.ufrag(), "brws", creds.password(), true);
            byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4, 5};
            // a check and a media packet in one TCP write: the framing must split them
            byte[] both = new byte[2 + check.length + 2 + rtp.length];
            both[0] = (byte) (check.length >> 8);
            both[1] = (byte) check.length;
            System.arraycopy(check, 0, both, 2, check.length);
            both[2 + check.length] = 0;
            both[3 + check.length] = (byte) rtp.length;
            System.arraycopy(rtp, 0, both, 4 + check.length, rtp.length);
            out.write(both);
            out.flush();
            int len = in.readUnsignedShort();
            byte[] response = in.readNBytes(len);
            assertThat(StunChecks.parse(response).messageClass()).isEqualTo(StunMessage.CLASS_SUCCESS_RESPONSE);
            waitFor(() -> endpoint.events.size() == 1, 10_000, "framed RTP delivered");
            assertThat(endpoint.events).containsExactly("rtp:13");
            assertThat(endpoint.selected.get(0).protocol()).isEqualTo("tcp");
        }
        waitFor(() -> endpoint.closed.size() == 1, 10_000, "closed TCP path reported");
        assertThat(endpoint.ice().selectedPath()).isNull();
    }

    @Test
    void garbageOnBothPortsIsDroppedAndTheRelayKeepsAnsweringChecks() throws IOException {
        Random random = new Random(7);
        InetSocketAddress relay = new InetSocketAddress("127.0.0.1", sockets.udpPort());
        try (DatagramSocket browser = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            browser.setSoTimeout(5000);
            for (int i = 0; i < 3000; i++) {
                byte[] junk = new byte[random.nextInt(1400)];
                random.nextBytes(junk);
                if (i % 3 == 0 && junk.length > 0) {
                    junk[0] = (byte) random.nextInt(4); // looks like STUN
                }
                browser.send(new DatagramPacket(junk, junk.length, relay));
            }
            // a mutated valid check
            for (int i = 0; i < 500; i++) {
                byte[] check = StunChecks.request(creds.ufrag(), "brws", creds.password(), true);
                check[random.nextInt(check.length)] ^= (byte) (1 + random.nextInt(255));
                browser.send(new DatagramPacket(check, check.length, relay));
            }
            byte[] good = StunChecks.request(creds.ufrag(), "brws", creds.password(), true);
            byte[] buf = new byte[1500];
            DatagramPacket response = new DatagramPacket(buf, buf.length);
            boolean answered = false;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!answered && System.nanoTime() < deadline) {
                browser.send(new DatagramPacket(good, good.length, relay));
                try {
                    browser.receive(response);
                    StunMessage m = StunChecks.parse(java.util.Arrays.copyOf(buf, response.getLength()));
                    answered = m.messageClass() == StunMessage.CLASS_SUCCESS_RESPONSE;
                } catch (SocketTimeoutException e) {
                    // keep trying until the deadline
                }
            }
            assertThat(answered).isTrue();
        }
        try (Socket tcp = new Socket("127.0.0.1", sockets.tcpPort())) {
            byte[] junk = new byte[4000];
            random.nextBytes(junk);
            tcp.getOutputStream().write(junk);
        } catch (IOException e) {
            // the relay may close a connection whose framing is garbage
        }
        assertThat(sockets.receiverErrors()).isZero();
        long dropped = 0;
        for (DropReason r : DropReason.values()) {
            dropped += dispatcher.dropped(r);
        }
        assertThat(dropped).isGreaterThan(1000);
    }

    static final class RecordingEndpoint implements PacketEndpoint {
        final IceLiteAgent<PacketPath> ice;
        final List<PacketPath> selected = new CopyOnWriteArrayList<>();
        final List<PacketPath> closed = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        RecordingEndpoint(IceCredentials creds) {
            ice = new IceLiteAgent<>(creds, Duration.ofSeconds(30), System.nanoTime());
        }

        @Override
        public IceLiteAgent<PacketPath> ice() {
            return ice;
        }

        @Override
        public void pathSelected(PacketPath path) {
            selected.add(path);
        }

        @Override
        public void dtlsPacket(ByteBuf packet, PacketPath path) {
            events.add("dtls:" + packet.readableBytes());
        }

        @Override
        public void srtpPacket(ByteBuf packet, boolean rtcp, PacketPath path) {
            events.add((rtcp ? "rtcp:" : "rtp:") + packet.readableBytes());
        }

        @Override
        public void pathClosed(PacketPath path) {
            closed.add(path);
        }
    }
}
