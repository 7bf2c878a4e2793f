package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put32;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Full intra request, PSFB FMT 4 (RFC 5104 section 4.3.1): each entry asks the media sender
 * {@code ssrc} for a decoder refresh, with a command sequence number that the requester increments
 * for each new request (repeats of the same request keep it). The media source SSRC field of the
 * common header is 0.
 */
public record Fir(int senderSsrc, List<Entry> entries) implements RtcpPacket {

    static final int ENTRY_LENGTH = 8;

    /** One FCI entry: target SSRC and command sequence number 0..255. */
    public record Entry(int ssrc, int sequenceNumber) {
        public Entry {
            if (sequenceNumber < 0 || sequenceNumber > 255) {
                throw new IllegalArgumentException("FIR sequence number out of range: " + sequenceNumber);
            }
        }
    }

    public Fir {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    /** Parses the FIR at {@code off} with {@code len} content bytes; null when malformed. */
    static Fir parse(byte[] b, int off, int len) {
        int fci = len - RtcpHeader.FEEDBACK_HEADER_LENGTH;
        if (fci < ENTRY_LENGTH || fci % ENTRY_LENGTH != 0) {
            return null;
        }
        List<Entry> entries = new ArrayList<>(fci / ENTRY_LENGTH);
        for (int p = off + RtcpHeader.FEEDBACK_HEADER_LENGTH; p < off + len; p += ENTRY_LENGTH) {
            entries.add(new Entry(i32(b, p), b[p + 4] & 0xFF));
        }
        return new Fir(i32(b, off + 4), entries);
    }

    @Override
    public int size() {
        return RtcpHeader.FEEDBACK_HEADER_LENGTH + ENTRY_LENGTH * entries.size();
    }

    @Override
    public int write(byte[] dst, int off) {
        int size = RtcpHeader.startFeedback(dst, off, size(), RtcpHeader.FMT_FIR, RtcpHeader.PSFB, senderSsrc, 0);
        int p = off + RtcpHeader.FEEDBACK_HEADER_LENGTH;
        for (Entry e : entries) {
            put32(dst, p, e.ssrc());
            put32(dst, p + 4, e.sequenceNumber() << 24);
            p += ENTRY_LENGTH;
        }
        return size;
    }
}
