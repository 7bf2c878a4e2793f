package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real UDP sockets on loopback: what the relay sends while handling a received datagram leaves in
 * one flush at the end of the read batch, and a relay I/O thread sends through its own socket (the
 * same port) even to a browser whose path was validated on another thread's socket.
 */
class UdpSendBatchTest {

    private RelaySockets sockets;

    @AfterEach
    void stop() {
        if (sockets != null) {
            sockets.close();
        }
    }

    @Test
    void repliesSentWhileADatagramIsHandledLeaveInOneFlushAfterTheReadBatch() throws Exception {
        AtomicReference<UdpSendBatch> batchSeen = new AtomicReference<>();
        AtomicReference<Channel> socketSeen = new AtomicReference<>();
        AtomicLong flushedDuringRead = new AtomicLong(-1);
        sockets = RelaySockets.start("127.0.0.1", 0, -1, 2, Duration.ofSeconds(30), new Receiver() {
            @Override
            public void udpPacket(Channel socket, InetSocketAddress sender, ByteBuf packet) {
                UdpSendBatch batch = UdpSendBatch.current();
                batchSeen.set(batch);
                socketSeen.set(socket);
                long flushesBefore = batch.flushes();
                UdpPath path = new UdpPath(socket, sender);
                for (int i = 0; i < 3; i++) {
                    path.send(Unpooled.copiedBuffer("reply " + i, StandardCharsets.US_ASCII));
                }
                flushedDuringRead.set(batch.flushes() - flushesBefore);
            }
        });
        try (DatagramSocket browser = browser()) {
            send(browser, "ping");
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DatagramPacket reply = receive(browser);
                assertThat(reply.getPort()).as("replies come from the relay's port").isEqualTo(sockets.udpPort());
                replies.add(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
            }
            assertThat(replies).containsExactly("reply 0", "reply 1", "reply 2");
            assertThat(flushedDuringRead.get()).as("nothing flushed while the datagram was handled").isZero();
            UdpSendBatch batch = batchSeen.get();
            Channel socket = socketSeen.get();
            assertThat(onLoop(socket, batch::packets)).isEqualTo(3);
            assertThat(onLoop(socket, batch::flushes)).as("three packets, one flush (sendmmsg)").isEqualTo(1);
        }
    }

    @Test
    void anIoThreadSendsThroughItsOwnSocketToAPathValidatedOnAnotherAndOtherThreadsStillFlush() throws Exception {
        sockets = RelaySockets.start("127.0.0.1", 0, -1, 2, Duration.ofSeconds(30), new Receiver());
        assertThat(sockets.usesEpoll()).as("SO_REUSEPORT sockets need epoll (Linux)").isTrue();
        List<Channel> udp = sockets.udpChannels();
        assertThat(udp).hasSize(2);
        Channel validatedOn = udp.get(0);
        Channel other = udp.get(1);
        assertThat(other.eventLoop()).as("one socket per I/O thread").isNotSameAs(validatedOn.eventLoop());
        try (DatagramSocket browser = browser()) {
            UdpPath path = new UdpPath(validatedOn, (InetSocketAddress) browser.getLocalSocketAddress());
            UdpSendBatch otherBatch = other.eventLoop().submit(UdpSendBatch::current).get(5, TimeUnit.SECONDS);
            UdpSendBatch ownBatch = validatedOn.eventLoop().submit(UdpSendBatch::current).get(5, TimeUnit.SECONDS);
            assertThat(otherBatch).isNotNull().isNotSameAs(ownBatch);

            other.eventLoop().submit(() -> path.send(Unpooled.copiedBuffer("from the other thread",
                    StandardCharsets.US_ASCII))).get(5, TimeUnit.SECONDS);
            DatagramPacket first = receive(browser);
            assertThat(new String(first.getData(), 0, first.getLength(), StandardCharsets.US_ASCII))
                    .isEqualTo("from the other thread");
            assertThat(first.getPort()).as("the same source port whichever socket sent it").isEqualTo(sockets.udpPort());
            assertThat(onLoop(other, otherBatch::packets)).as("sent through the current thread's socket").isEqualTo(1);
            assertThat(onLoop(validatedOn, ownBatch::packets)).as("no hand-off to the path's thread").isZero();

            path.send(Unpooled.copiedBuffer("from a timer thread", StandardCharsets.US_ASCII));
            DatagramPacket second = receive(browser);
            assertThat(new String(second.getData(), 0, second.getLength(), StandardCharsets.US_ASCII))
                    .as("a thread without a batch sends through the path's socket, flushed at once")
                    .isEqualTo("from a timer thread");
            assertThat(second.getPort()).isEqualTo(sockets.udpPort());
        }
    }

    private static <T> T onLoop(Channel socket, java.util.concurrent.Callable<T> read) throws Exception {
        return socket.eventLoop().submit(read).get(5, TimeUnit.SECONDS);
    }

    private static DatagramSocket browser() throws IOException {
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        s.setSoTimeout(5000);
        return s;
    }

    private void send(DatagramSocket browser, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        browser.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", sockets.udpPort())));
    }

    private static DatagramPacket receive(DatagramSocket browser) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        browser.receive(p);
        return p;
    }

    /** Receives and ignores everything unless a test overrides it. */
    private static class Receiver implements PacketReceiver {
        @Override
        public void udpPacket(Channel socket, InetSocketAddress sender, ByteBuf packet) {
        }

        @Override
        public void tcpPacket(TcpPath path, ByteBuf packet) {
        }

        @Override
        public void tcpClosed(TcpPath path) {
        }
    }
}
