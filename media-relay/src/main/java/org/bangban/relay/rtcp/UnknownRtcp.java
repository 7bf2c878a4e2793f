package org.bangban.relay.rtcp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An RTCP packet of a type or feedback format this codec does not decode (APP, XR, RPSI, ...),
 * kept as a copy of its bytes (header and padding included) so it can be passed on unchanged.
 */
public record UnknownRtcp(byte[] packet) implements RtcpPacket {

    public UnknownRtcp {
        Objects.requireNonNull(packet, "packet");
        if (packet.length < RtcpHeader.LENGTH || packet.length % 4 != 0) {
            throw new IllegalArgumentException("not a whole RTCP packet: " + packet.length + " bytes");
        }
        packet = packet.clone();
    }

    @Override
    public byte[] packet() {
        return packet.clone();
    }

    public int packetType() {
        return RtcpHeader.packetType(packet, 0);
    }

    /** Count or FMT field. */
    public int count() {
        return RtcpHeader.count(packet, 0);
    }

    @Override
    public int size() {
        return packet.length;
    }

    @Override
    public int write(byte[] dst, int off) {
        Objects.checkFromIndexSize(off, packet.length, dst.length);
        System.arraycopy(packet, 0, dst, off, packet.length);
        return packet.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownRtcp other && Arrays.equals(packet, other.packet);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(packet);
    }

    @Override
    public String toString() {
        return "UnknownRtcp[" + HexFormat.of().formatHex(packet) + "]";
    }
}
