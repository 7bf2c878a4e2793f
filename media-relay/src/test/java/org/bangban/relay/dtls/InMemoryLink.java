package org.bangban.relay.dtls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A pair of in-memory datagram paths between a {@link DtlsServerSession} (through its sink and
 * offer) and a bctls client (through a {@link DatagramTransport}), with per-direction loss rules.
 */
final class InMemoryLink {

    /** Decides whether the n-th datagram (0-based) in one direction is lost. */
    @FunctionalInterface
    interface Loss {
        boolean drop(int index, byte[] datagram);

        Loss NONE = (i, d) -> false;
    }

    private final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
    private final List<byte[]> sentByServer = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> sentByClient = Collections.synchronizedList(new ArrayList<>());
    private final List<String> senderThreads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger serverIndex = new AtomicInteger();
    private final AtomicInteger clientIndex = new AtomicInteger();
    private final AtomicInteger serverDropped = new AtomicInteger();
    private final AtomicInteger clientDropped = new AtomicInteger();
    private volatile Loss toClientLoss = Loss.NONE;
    private volatile Loss toServerLoss = Loss.NONE;
    private volatile DtlsServerSession session;
    private volatile boolean packClientFlights;
    private volatile boolean asByteBuffers;
    private volatile boolean positionsKept = true;
    private final List<byte[]> clientPending = new ArrayList<>(); // used by the client thread only

    void lossToClient(Loss loss) {
        toClientLoss = loss;
    }

    void lossToServer(Loss loss) {
        toServerLoss = loss;
    }

    /**
     * Makes the client behave like a browser: the records of one flight leave packed into as few
     * datagrams as fit 1200 bytes, when the client starts waiting for the answer.
     */
    void packClientFlights() {
        packClientFlights = true;
    }

    /**
     * Hands datagrams to the session as ByteBuffers instead of arrays: alternately a direct buffer
     * and a slice of a larger heap array, each with a non-zero position.
     */
    void deliverAsByteBuffers() {
        asByteBuffers = true;
    }

    boolean byteBufferPositionsKept() {
        return positionsKept;
    }

    void attach(DtlsServerSession s) {
        session = s;
    }

    /** The relay side's sink. */
    DtlsPacketSink serverSink() {
        return (buf, off, len) -> {
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            sentByServer.add(copy);
            senderThreads.add(Thread.currentThread().getName());
            if (toClientLoss.drop(serverIndex.getAndIncrement(), copy)) {
                serverDropped.incrementAndGet();
            } else {
                toClient.add(copy);
            }
        };
    }

    /** The client side's transport, delivering to the attached session. */
    DatagramTransport clientTransport() {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 2048;
            }

            @Override
            public int getSendLimit() {
                return 1200;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) {
                flushClient();
                try {
                    byte[] d = toClient.poll(waitMillis == 0 ? 60_000 : waitMillis, TimeUnit.MILLISECONDS);
                    if (d == null) {
                        return -1;
                    }
                    int n = Math.min(len, d.length);
                    System.arraycopy(d, 0, buf, off, n);
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                byte[] copy = new byte[len];
                System.arraycopy(buf, off, copy, 0, len);
                if (!packClientFlights) {
                    deliverToServer(copy);
                    return;
                }
                int pending = clientPending.stream().mapToInt(d -> d.length).sum();
                if (pending + len > 1200) {
                    flushClient();
                }
                clientPending.add(copy);
            }

            @Override
            public void close() {
            }
        };
    }

    private void flushClient() {
        if (clientPending.isEmpty()) {
            return;
        }
        byte[] datagram = new byte[clientPending.stream().mapToInt(d -> d.length).sum()];
        int p = 0;
        for (byte[] d : clientPending) {
            System.arraycopy(d, 0, datagram, p, d.length);
            p += d.length;
        }
        clientPending.clear();
        deliverToServer(datagram);
    }

    private void deliverToServer(byte[] datagram) {
        sentByClient.add(datagram);
        if (toServerLoss.drop(clientIndex.getAndIncrement(), datagram)) {
            clientDropped.incrementAndGet();
        } else if (asByteBuffers) {
            ByteBuffer buffer = clientIndex.get() % 2 == 0
                    ? ByteBuffer.allocateDirect(datagram.length + 7)
                    : ByteBuffer.wrap(new byte[datagram.length + 20], 5, datagram.length + 10).slice();
            buffer.position(3);
            buffer.duplicate().put(datagram);
            buffer.limit(3 + datagram.length);
            session.offer(buffer);
            if (buffer.position() != 3 || buffer.remaining() != datagram.length) {
                positionsKept = false;
            }
        } else {
            session.offer(datagram, 0, datagram.length);
        }
    }

    List<byte[]> sentByServer() {
        synchronized (sentByServer) {
            return List.copyOf(sentByServer);
        }
    }

    List<byte[]> sentByClient() {
        synchronized (sentByClient) {
            return List.copyOf(sentByClient);
        }
    }

    List<String> senderThreads() {
        synchronized (senderThreads) {
            return List.copyOf(senderThreads);
        }
    }

    int droppedToClient() {
        return serverDropped.get();
    }

    int droppedToServer() {
        return clientDropped.get();
    }

    static int contentType(byte[] datagram) {
        return datagram[0] & 0xFF;
    }

    static int epoch(byte[] datagram) {
        return (datagram[3] & 0xFF) << 8 | (datagram[4] & 0xFF);
    }

    /** Whether the datagram holds a record of this content type and epoch. */
    static boolean hasRecord(byte[] datagram, int contentType, int epoch) {
        int p = 0;
        while (p + DtlsRecords.RECORD_HEADER_LENGTH <= datagram.length) {
            int type = datagram[p] & 0xFF;
            int e = (datagram[p + 3] & 0xFF) << 8 | (datagram[p + 4] & 0xFF);
            if (type == contentType && e == epoch) {
                return true;
            }
            p += DtlsRecords.RECORD_HEADER_LENGTH + ((datagram[p + 11] & 0xFF) << 8 | (datagram[p + 12] & 0xFF));
        }
        return false;
    }
}
