package org.bangban.bench.media;

import java.nio.channels.DatagramChannel;
import java.util.List;

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
}
