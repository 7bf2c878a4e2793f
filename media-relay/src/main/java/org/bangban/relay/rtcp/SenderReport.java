package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.i64;
import static org.bangban.relay.rtp.Bytes.put32;
import static org.bangban.relay.rtp.Bytes.put64;
import static org.bangban.relay.rtp.Bytes.u32;

import java.util.List;
import java.util.Objects;

/**
 * RTCP sender report, PT 200 (RFC 3550 section 6.4.1): the sender's NTP and RTP clocks at one
 * instant, what it has sent, and up to 31 reception report blocks. Profile-specific extensions
 * after the blocks are ignored when parsing.
 *
 * @param packetCount unsigned 32-bit sender's packet count
 * @param octetCount  unsigned 32-bit sender's payload octet count
 */
public record SenderReport(int ssrc, long ntpTimestamp, int rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reportBlocks) implements RtcpPacket {

    static final int FIXED_LENGTH = 28;

    public SenderReport {
        reportBlocks = List.copyOf(Objects.requireNonNull(reportBlocks, "reportBlocks"));
        if (reportBlocks.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks");
        }
        if ((packetCount >>> 32) != 0 || (octetCount >>> 32) != 0) {
            throw new IllegalArgumentException("counts are unsigned 32-bit");
        }
    }

    /** Parses the SR at {@code off} with {@code len} content bytes; null when malformed. */
    static SenderReport parse(byte[] b, int off, int len) {
        int count = RtcpHeader.count(b, off);
        if (len < FIXED_LENGTH + count * ReportBlock.LENGTH) {
            return null;
        }
        return new SenderReport(i32(b, off + 4), i64(b, off + 8), i32(b, off + 16), u32(b, off + 20),
                u32(b, off + 24), ReportBlock.readAll(b, off + FIXED_LENGTH, count));
    }

    @Override
    public int size() {
        return FIXED_LENGTH + reportBlocks.size() * ReportBlock.LENGTH;
    }

    @Override
    public int write(byte[] dst, int off) {
        int size = RtcpHeader.start(dst, off, size(), reportBlocks.size(), RtcpHeader.SR, ssrc);
        put64(dst, off + 8, ntpTimestamp);
        put32(dst, off + 16, rtpTimestamp);
        put32(dst, off + 20, (int) packetCount);
        put32(dst, off + 24, (int) octetCount);
        ReportBlock.writeAll(reportBlocks, dst, off + FIXED_LENGTH);
        return size;
    }
}
