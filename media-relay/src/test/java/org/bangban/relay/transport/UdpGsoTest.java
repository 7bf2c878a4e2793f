package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real UDP sockets on loopback: what one read batch sends leaves with UDP GSO (runs of equal-sized
 * datagrams to one address as one send) or one by one, and either way every receiver gets every
 * datagram, with its size, in the order sent to it.
 */
class UdpGsoTest {

    private RelaySockets sockets;

    @AfterEach
    void stop() {
        if (sockets != null) {
            sockets.close();
        }
    }

    /** One video frame of 9 equal packets and a shorter last, a second receiver's frame interleaved. */
    private static List<Send> twoFramesInterleaved(InetSocketAddress a, InetSocketAddress b) {
        List<Send> plan = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plan.add(new Send(a, i < 9 ? 1157 : 630));
            if (i < 6) {
                plan.add(new Send(b, 1100));
            }
        }
        plan.add(new Send(b, 100));   // audio: shorter, ends b's run
        plan.add(new Send(b, 1100));  // a new run after it
        plan.add(new Send(b, 1100));
        return plan;
    }

    @Test
    void withGsoOnEveryReceiverGetsEveryDatagramInOrderAndEqualRunsLeaveAsOneSend() throws Exception {
        assertThat(EpollDatagramChannel.isSegmentedDatagramPacketSupported())
                .as("this Linux machine supports UDP GSO (Netty native epoll)").isTrue();
        sendTwoFramesInterleaved(true);
        assertThat(sockets.udpGsoEnabled()).isTrue();
        // a: 10 in one send (9 x 1157, then 630); b: 6 x 1100 + 100 in one send, then 2 x 1100 in another
        assertThat(sockets.udpGsoSends()).isEqualTo(3);
        assertThat(sockets.udpDatagramsSentSegmented()).isEqualTo(19);
        assertThat(sockets.udpDatagramsSent()).isEqualTo(19);
        assertThat(sockets.udpGsoFailures()).isZero();
    }

    @Test
    void withGsoOffTheSameDatagramsLeaveOneByOne() throws Exception {
        sendTwoFramesInterleaved(false);
        assertThat(sockets.udpGsoEnabled()).isFalse();
        assertThat(sockets.udpGsoSends()).isZero();
        assertThat(sockets.udpDatagramsSentSegmented()).isZero();
        assertThat(sockets.udpDatagramsSent()).isEqualTo(19);
    }

    /** The relay sends {@link #twoFramesInterleaved} in one read batch; both receivers get all of it, in order. */
    private void sendTwoFramesInterleaved(boolean gso) throws Exception {
        try (DatagramSocket a = receiver(); DatagramSocket b = receiver(); DatagramSocket browser = receiver()) {
            List<Send> plan = twoFramesInterleaved(address(a), address(b));
            sockets = start(gso, UdpGso.KERNEL_MAX_SEGMENTS, plan);

            trigger(browser);

            assertReceivedInOrder(a, plan);
            assertReceivedInOrder(b, plan);
            settled();
        }
    }

    @Test
    void packetsOfAFrameThatDifferByAFewBytesMergeOnlyInEqualRuns() throws Exception {
        try (DatagramSocket a = receiver(); DatagramSocket browser = receiver()) {
            InetSocketAddress to = address(a);
            List<Send> plan = new ArrayList<>();
            for (int size : new int[] {1157, 1157, 1160, 1160, 1160, 1150, 1150, 1151}) {
                plan.add(new Send(to, size));
            }
            sockets = start(true, UdpGso.KERNEL_MAX_SEGMENTS, plan);

            trigger(browser);

            assertReceivedInOrder(a, plan);
            settled();
            // [1157 1157] [1160 1160 1160 1150] [1150] [1151]: a larger one starts a new run, a shorter one ends it
            assertThat(sockets.udpGsoSends()).isEqualTo(2);
            assertThat(sockets.udpDatagramsSentSegmented()).isEqualTo(6);
            assertThat(sockets.udpDatagramsSent()).isEqualTo(8);
        }
    }

    @Test
    void aGsoSendTheKernelRefusesIsSentAgainOneByOneAndGsoGoesOff() throws Exception {
        try (DatagramSocket a = receiver(); DatagramSocket browser = receiver()) {
            InetSocketAddress to = address(a);
            List<Send> plan = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                plan.add(new Send(to, 100)); // 150 segments: past the kernel's limit (64, 128 since Linux 6.9): EINVAL
            }
            sockets = start(true, 200, plan);

            trigger(browser);

            assertReceivedInOrder(a, plan);
            settled();
            assertThat(sockets.udpGsoFailures()).isEqualTo(1);
            assertThat(sockets.udpGsoEnabled()).as("GSO off after the kernel refused it").isFalse();
            assertThat(sockets.udpDatagramsSentSegmented()).isZero();
            assertThat(sockets.udpDatagramsSent()).isEqualTo(150);

            trigger(browser);
            assertReceivedInOrder(a, plan);
            settled();
            assertThat(sockets.udpGsoFailures()).as("no second attempt").isEqualTo(1);
            assertThat(sockets.udpDatagramsSent()).isEqualTo(300);
        }
    }

    private record Send(InetSocketAddress to, int size) {
    }

    /**
     * Relay sockets whose receiver answers every datagram by sending {@code plan} (in one read
     * batch); each datagram carries its sequence number to its address in its first 4 bytes.
     */
    private static RelaySockets start(boolean gso, int maxSegments, List<Send> plan) throws InterruptedException {
        return RelaySockets.start("127.0.0.1", 0, -1, 1, Duration.ofSeconds(30), gso, maxSegments, new PacketReceiver() {
            private final Map<InetSocketAddress, AtomicInteger> sequence = new ConcurrentHashMap<>();

            @Override
            public void udpPacket(Channel socket, InetSocketAddress sender, ByteBuf packet) {
                for (Send s : plan) {
                    ByteBuf out = socket.alloc().directBuffer(s.size());
                    out.writeInt(sequence.computeIfAbsent(s.to(), k -> new AtomicInteger()).getAndIncrement());
                    out.writeZero(s.size() - 4);
                    new UdpPath(socket, s.to()).send(out);
                }
            }

            @Override
            public void tcpPacket(TcpPath path, ByteBuf packet) {
            }

            @Override
            public void tcpClosed(TcpPath path) {
            }
        });
    }

    private final Map<DatagramSocket, AtomicInteger> expectedNext = new ConcurrentHashMap<>();

    /** The next datagrams on {@code socket} are exactly what {@code plan} sent to it: sizes, order. */
    private void assertReceivedInOrder(DatagramSocket socket, List<Send> plan) throws IOException {
        AtomicInteger next = expectedNext.computeIfAbsent(socket, k -> new AtomicInteger());
        List<Integer> sizes = plan.stream().filter(s -> s.to().equals(address(socket))).map(Send::size).toList();
        byte[] buf = new byte[2048];
        for (int size : sizes) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            assertThat(p.getLength()).as("datagram %d's size", next.get()).isEqualTo(size);
            assertThat(ByteBuffer.wrap(buf, 0, 4).getInt()).as("order").isEqualTo(next.getAndIncrement());
            assertThat(p.getPort()).isEqualTo(sockets.udpPort());
        }
        socket.setSoTimeout(100);
        try {
            DatagramPacket extra = new DatagramPacket(buf, buf.length);
            socket.receive(extra);
            throw new AssertionError("an extra datagram of " + extra.getLength() + " bytes");
        } catch (SocketTimeoutException expected) {
            // nothing more: no datagram sent twice
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    /**
     * Waits until the relay's one I/O thread has finished what it was doing (the send's completion
     * is counted on that thread, maybe just after the datagrams reached the receiver).
     */
    private void settled() throws Exception {
        sockets.udpChannels().get(0).eventLoop().submit(() -> null).get(5, TimeUnit.SECONDS);
    }

    private void trigger(DatagramSocket browser) throws IOException {
        byte[] b = {1};
        browser.send(new DatagramPacket(b, 1, new InetSocketAddress("127.0.0.1", sockets.udpPort())));
    }

    private static DatagramSocket receiver() throws IOException {
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        s.setReceiveBufferSize(1 << 20);
        s.setSoTimeout(5000);
        return s;
    }

    private static InetSocketAddress address(DatagramSocket s) {
        return (InetSocketAddress) s.getLocalSocketAddress();
    }
}
