package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;

/** Picture loss indication, PSFB FMT 1 (RFC 4585 section 6.3.1): please send a key frame. */
public record Pli(int senderSsrc, int mediaSsrc) implements RtcpPacket {

    static Pli parse(byte[] b, int off) {
        return new Pli(i32(b, off + 4), i32(b, off + 8));
    }

    @Override
    public int size() {
        return RtcpHeader.FEEDBACK_HEADER_LENGTH;
    }

    @Override
    public int write(byte[] dst, int off) {
        return RtcpHeader.startFeedback(dst, off, size(), RtcpHeader.FMT_PLI, RtcpHeader.PSFB, senderSsrc, mediaSsrc);
    }
}
