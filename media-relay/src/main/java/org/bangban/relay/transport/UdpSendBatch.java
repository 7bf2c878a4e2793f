package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.FastThreadLocal;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * What one relay I/O thread sends UDP through: the relay's UDP socket that thread serves. All the
 * relay's UDP sockets are bound to the same address and port (SO_REUSEPORT), so a browser cannot
 * tell which of them a packet left from; sending through the current thread's own socket means a
 * packet forwarded to a browser whose path was validated on another thread's socket needs no
 * hand-off to that thread (no task queue, no wake-up).
 *
 * <p>While the thread handles a batch of received datagrams, packets are only queued; the batch
 * end ({@link #readComplete}) writes them all and flushes once, which Netty's epoll transport sends
 * with one {@code sendmmsg} call. With GSO on ({@link UdpGso}), the queued datagrams to one address
 * are taken in order and each run of equal size (its last one may be shorter) goes out as one
 * segmented datagram; a datagram to that address that does not fit the run starts the next one,
 * written after it, so each address gets its datagrams in the order they were sent. Outside a read
 * batch every packet is flushed at once. Threads that are not relay I/O threads (the timer, the
 * DTLS handshake pool) have no batch and send through the path's own socket, flushed.
 */
final class UdpSendBatch {

    private static final FastThreadLocal<UdpSendBatch> CURRENT = new FastThreadLocal<>();

    private final Channel socket;
    private final UdpGso gso;
    private ByteBuf[] queued = new ByteBuf[32];
    private InetSocketAddress[] to = new InetSocketAddress[32];
    private boolean[] taken = new boolean[32];
    private int[] run = new int[UdpGso.KERNEL_MAX_SEGMENTS];
    private int runBytes;
    private int count;
    private boolean reading;
    private long flushes;
    private long packets;

    private UdpSendBatch(Channel socket, UdpGso gso) {
        this.socket = socket;
        this.gso = gso;
    }

    /** Makes {@code socket} the calling I/O thread's socket (the first one bound to it wins). */
    static void bind(Channel socket, UdpGso gso) {
        if (CURRENT.getIfExists() == null) {
            CURRENT.set(new UdpSendBatch(socket, gso));
        }
    }

    /** The calling thread's batch, or null when it is not a relay UDP I/O thread. */
    static UdpSendBatch current() {
        return CURRENT.getIfExists();
    }

    /** A received datagram is being handled: sends wait for {@link #readComplete}. */
    void readStarted() {
        reading = true;
    }

    /** The socket's read batch is over: everything queued since goes out now. */
    void readComplete() {
        reading = false;
        if (count > 0) {
            if (gso.enabled()) {
                writeRuns();
            } else {
                writePlain();
            }
            count = 0;
            flushes++;
            socket.flush();
        }
    }

    /** Sends {@code content} (ownership taken) to {@code remote}. */
    void send(ByteBuf content, InetSocketAddress remote) {
        packets++;
        if (reading) {
            queue(content, remote);
        } else {
            flushes++;
            gso.sentPlain(1);
            socket.writeAndFlush(new DatagramPacket(content, remote), socket.voidPromise());
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

    private void queue(ByteBuf content, InetSocketAddress remote) {
        if (count == queued.length) {
            queued = Arrays.copyOf(queued, count * 2);
            to = Arrays.copyOf(to, count * 2);
            taken = new boolean[count * 2];
        }
        queued[count] = content;
        to[count] = remote;
        count++;
    }

    private void writePlain() {
        for (int i = 0; i < count; i++) {
            writePlain(queued[i], to[i]);
            queued[i] = null;
            to[i] = null;
        }
        gso.sentPlain(count);
    }

    private void writePlain(ByteBuf content, InetSocketAddress remote) {
        socket.write(new DatagramPacket(content, remote), socket.voidPromise());
    }

    private void writeRuns() {
        Arrays.fill(taken, 0, count, false);
        int maxSegments = Math.min(gso.maxSegments(), maxRun());
        int plain = 0;
        for (int i = 0; i < count; i++) {
            if (taken[i]) {
                continue;
            }
            int n = collectRun(i, maxSegments);
            InetSocketAddress remote = to[i];
            if (n == 1) {
                writePlain(queued[i], remote);
                plain++;
            } else {
                writeSegmented(n, queued[i].readableBytes(), remote);
            }
        }
        Arrays.fill(queued, 0, count, null);
        Arrays.fill(to, 0, count, null);
        gso.sentPlain(plain);
    }

    private int maxRun() {
        if (run.length < gso.maxSegments()) {
            run = new int[gso.maxSegments()];
        }
        return run.length;
    }

    /**
     * From datagram {@code first} on, the datagrams to the same address that form one run: equal
     * sizes, the last one possibly shorter. Fills {@link #run} and {@link #runBytes}, marks them
     * taken; returns how many.
     */
    private int collectRun(int first, int maxSegments) {
        InetSocketAddress remote = to[first];
        int size = queued[first].readableBytes();
        run[0] = first;
        taken[first] = true;
        int n = 1;
        if (size == 0) {
            return n;
        }
        int bytes = size;
        for (int j = first + 1; j < count && n < maxSegments; j++) {
            if (taken[j] || !sameAddress(to[j], remote)) {
                continue;
            }
            int len = queued[j].readableBytes();
            if (len > size || len == 0 || bytes + len > UdpGso.MAX_BYTES) {
                break;
            }
            run[n++] = j;
            taken[j] = true;
            bytes += len;
            if (len < size) {
                break;
            }
        }
        runBytes = bytes;
        return n;
    }

    private static boolean sameAddress(InetSocketAddress a, InetSocketAddress b) {
        return a == b || a.equals(b);
    }

    /**
     * The run's datagrams copied back to back into one pooled direct buffer: one iovec for the
     * kernel, and nothing allocated per datagram (a composite buffer would cost a component and a
     * {@code ByteBuffer} view per datagram at every send).
     */
    private void writeSegmented(int n, int segmentSize, InetSocketAddress remote) {
        ByteBuf frame = socket.alloc().directBuffer(runBytes);
        for (int k = 0; k < n; k++) {
            ByteBuf datagram = queued[run[k]];
            frame.writeBytes(datagram, datagram.readerIndex(), datagram.readableBytes());
            datagram.release();
        }
        // Kept until the send is done, to send it again one by one if the kernel refuses it.
        SegmentedSend done = new SegmentedSend(this, frame.retain(), runBytes, n, segmentSize, remote);
        socket.write(new SegmentedDatagramPacket(frame, segmentSize, remote), socket.newPromise()).addListener(done);
    }

    /** Counts a GSO send, or sends its datagrams again one by one when it failed. */
    private record SegmentedSend(UdpSendBatch batch, ByteBuf frame, int bytes, int segments, int segmentSize,
                                 InetSocketAddress remote) implements ChannelFutureListener {
        @Override
        public void operationComplete(ChannelFuture future) {
            try {
                if (future.isSuccess()) {
                    batch.gso.sentSegmented(segments);
                    return;
                }
                if (!batch.socket.isActive()) {
                    return;
                }
                batch.gso.failed(future.cause());
                for (int at = 0; at < bytes; at += segmentSize) {
                    batch.writePlain(frame.retainedSlice(at, Math.min(segmentSize, bytes - at)), remote);
                }
                batch.gso.sentPlain(segments);
                batch.socket.flush();
            } finally {
                frame.release();
            }
        }
    }
}
