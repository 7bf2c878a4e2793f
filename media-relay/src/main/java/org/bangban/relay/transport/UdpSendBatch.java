package org.bangban.relay.transport;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * What one relay I/O thread sends UDP through: the relay's UDP socket that thread serves. All the
 * relay's UDP sockets are bound to the same address and port (SO_REUSEPORT), so a browser cannot
 * tell which of them a packet left from; sending through the current thread's own socket means a
 * packet forwarded to a browser whose path was validated on another thread's socket needs no
 * hand-off to that thread (no task queue, no wake-up).
 *
 * <p>While the thread handles a batch of received datagrams, packets are only written; the batch
 * end ({@link #readComplete}) flushes them all at once, which Netty's epoll transport sends with
 * one {@code sendmmsg} call. Outside a read batch every packet is flushed at once. Threads that
 * are not relay I/O threads (the timer, the DTLS handshake pool) have no batch and send through
 * the path's own socket, flushed.
 */
final class UdpSendBatch {

    private static final FastThreadLocal<UdpSendBatch> CURRENT = new FastThreadLocal<>();

    private final Channel socket;
    private boolean reading;
    private boolean pending;
    private long flushes;
    private long packets;

    private UdpSendBatch(Channel socket) {
        this.socket = socket;
    }

    /** Makes {@code socket} the calling I/O thread's socket (the first one bound to it wins). */
    static void bind(Channel socket) {
        if (CURRENT.getIfExists() == null) {
            CURRENT.set(new UdpSendBatch(socket));
        }
    }

    /** The calling thread's batch, or null when it is not a relay UDP I/O thread. */
    static UdpSendBatch current() {
        return CURRENT.getIfExists();
    }

    /** A received datagram is being handled: writes wait for {@link #readComplete}. */
    void readStarted() {
        reading = true;
    }

    /** The socket's read batch is over: everything written since goes out now. */
    void readComplete() {
        reading = false;
        if (pending) {
            pending = false;
            flushes++;
            socket.flush();
        }
    }

    void send(DatagramPacket packet) {
        packets++;
        if (reading) {
            socket.write(packet, socket.voidPromise());
            pending = true;
        } else {
            flushes++;
            socket.writeAndFlush(packet, socket.voidPromise());
        }
    }

    boolean usable() {
        return socket.isActive();
    }

    /** Packets sent through this thread's socket (read by its own thread only; tests). */
    long packets() {
        return packets;
    }

    /** Flushes (each one {@code sendmsg} or {@code sendmmsg}) this thread made (tests). */
    long flushes() {
        return flushes;
    }
}
