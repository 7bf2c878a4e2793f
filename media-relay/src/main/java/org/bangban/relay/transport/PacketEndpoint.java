package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import org.bangban.relay.ice.IceLiteAgent;

/**
 * A browser-facing transport as the dispatcher sees it: found by its ICE ufrag for checks and
 * by the path ICE validated for everything else. Methods run on an I/O thread; the buffer is
 * valid only during the call.
 */
public interface PacketEndpoint {

    IceLiteAgent<PacketPath> ice();

    /** ICE selected (or switched to) this path: media goes out on it from now on. */
    void pathSelected(PacketPath path);

    /** A DTLS record (first byte 20..63) from a validated path. */
    void dtlsPacket(ByteBuf packet, PacketPath path);

    /** An SRTP or SRTCP packet (first byte 128..191) from a validated path. */
    void srtpPacket(ByteBuf packet, boolean rtcp, PacketPath path);

    /** A validated path went away (its TCP connection closed). */
    void pathClosed(PacketPath path);
}
