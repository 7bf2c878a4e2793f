package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;

import java.util.List;
import java.util.Objects;

/**
 * RTCP receiver report, PT 201 (RFC 3550 section 6.4.2): up to 31 reception report blocks from a
 * participant that is not sending. Profile-specific extensions are ignored when parsing.
 */
public record ReceiverReport(int ssrc, List<ReportBlock> reportBlocks) implements RtcpPacket {

    static final int FIXED_LENGTH = 8;

    public ReceiverReport {
        reportBlocks = List.copyOf(Objects.requireNonNull(reportBlocks, "reportBlocks"));
        if (reportBlocks.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks");
        }
    }

    /** Parses the RR at {@code off} with {@code len} content bytes; null when malformed. */
    static ReceiverReport parse(byte[] b, int off, int len) {
        int count = RtcpHeader.count(b, off);
        if (len < FIXED_LENGTH + count * ReportBlock.LENGTH) {
            return null;
        }
        return new ReceiverReport(i32(b, off + 4), ReportBlock.readAll(b, off + FIXED_LENGTH, count));
    }

    @Override
    public int size() {
        return FIXED_LENGTH + reportBlocks.size() * ReportBlock.LENGTH;
    }

    @Override
    public int write(byte[] dst, int off) {
        RtcpHeader.start(dst, off, size(), reportBlocks.size(), RtcpHeader.RR, ssrc);
        ReportBlock.writeAll(reportBlocks, dst, off + FIXED_LENGTH);
        return size();
    }
}
