package org.bangban.bench.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.IntConsumer;

/**
 * The UDP socket of a {@link MediaEndpoint}: its send and receive buffers, the writes and reads a loop makes, and a
 * count of the times the socket failed. Only the loop's thread uses it once the endpoint is handed over.
 */
public final class EndpointSocket implements AutoCloseable {
    /** The largest datagram an endpoint sends or reads, before its own headroom. */
    public static final int MTU = 1500;

    private final DatagramChannel channel;
    private final byte[] sendBuf;
    private final ByteBuffer sendBuffer;
    private final byte[] receiveBuf = new byte[MTU + 100];
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(receiveBuf);
    private long errors;

    /** @param sendHeadroom bytes the send buffer holds beyond {@link #MTU} (SRTP tags, a ChannelData header) */
    public EndpointSocket(DatagramChannel channel, int sendHeadroom) {
        this.channel = channel;
        this.sendBuf = new byte[MTU + sendHeadroom];
        this.sendBuffer = ByteBuffer.wrap(sendBuf);
    }

    /** A UDP socket on {@code bind} (port 0: an ephemeral one), with 1 MiB buffers like a browser's. */
    public static DatagramChannel open(InetSocketAddress bind) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(bind);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        return ch;
    }

    public DatagramChannel channel() {
        return channel;
    }

    /** Where streams build the packet to send (written with {@link #write}). */
    public byte[] sendBuf() {
        return sendBuf;
    }

    /** Where {@link #readAll} puts each datagram, from index 0. */
    public byte[] receiveBuf() {
        return receiveBuf;
    }

    /** Writes the first {@code len} bytes of {@code buf}; false, and counted, when the socket failed. */
    public boolean write(byte[] buf, int len) {
        ByteBuffer b = buf == sendBuf ? sendBuffer : ByteBuffer.wrap(buf);
        b.clear().limit(len);
        try {
            return channel.write(b) > 0;
        } catch (IOException e) {
            errors++;
            return false;
        }
    }

    /**
     * Reads every datagram waiting on the (non-blocking) socket into {@link #receiveBuf()} and hands each one's
     * length to {@code received}; a failing socket is counted and ends the read.
     */
    public void readAll(IntConsumer received) {
        while (true) {
            receiveBuffer.clear();
            int n;
            try {
                n = channel.read(receiveBuffer);
            } catch (IOException e) {
                errors++;
                return;
            }
            if (n <= 0) return;
            received.accept(n);
        }
    }

    /** Counts a failure the endpoint met on this socket by other means (a blocking send). */
    public void failed() {
        errors++;
    }

    /** How many times the socket failed. */
    public long errors() {
        return errors;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a UDP socket does not fail in a way that matters here
        }
    }
}
