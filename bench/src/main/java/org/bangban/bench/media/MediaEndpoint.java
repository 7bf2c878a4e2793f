package org.bangban.bench.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What a {@link MediaLoop} drives: one UDP socket that sends paced {@link OutboundStream}s and measures what
 * arrives in {@link StreamMeter}s. A {@link WebRtcPeer} (ICE, DTLS, SRTP) is one; the peers' scenarios have others
 * (a TURN client and its plain-UDP peer, for coturn). Once handed to a loop, only the loop's thread calls it.
 */
public interface MediaEndpoint extends AutoCloseable {
    /** The socket, non-blocking, for the loop's selector. */
    DatagramChannel channel();

    /** Sends what is due at {@code now}. */
    void tick(long now);

    /** Reads and handles every datagram waiting on the socket. */
    void readAll();

    List<OutboundStream> sending();

    List<StreamMeter> meters();

    /** What it saw that was not a measured probe, for the report. */
    WebRtcPeer.Counters counters();

    @Override
    void close();

    /**
     * Reads every datagram waiting on a non-blocking {@code channel} into {@code buffer} and hands each one's length
     * to {@code received} (the bytes are at the start of the buffer's array); false when the socket failed.
     */
    static boolean readAll(DatagramChannel channel, ByteBuffer buffer, IntConsumer received) {
        while (true) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                return false;
            }
            if (n <= 0) return true;
            received.accept(n);
        }
    }
}
