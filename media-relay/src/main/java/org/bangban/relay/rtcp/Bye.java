package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put32;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * RTCP BYE, PT 203 (RFC 3550 section 6.6): up to 31 sources leaving, with an optional reason
 * ({@code ""} for none; at most 255 UTF-8 bytes).
 */
public record Bye(List<Integer> ssrcs, String reason) implements RtcpPacket {

    public Bye {
        ssrcs = List.copyOf(Objects.requireNonNull(ssrcs, "ssrcs"));
        Objects.requireNonNull(reason, "reason");
        if (ssrcs.size() > 31) {
            throw new IllegalArgumentException("at most 31 SSRCs");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("reason longer than 255 bytes");
        }
    }

    /** Parses the BYE at {@code off} with {@code len} content bytes; null when malformed. */
    static Bye parse(byte[] b, int off, int len) {
        int count = RtcpHeader.count(b, off);
        int p = off + RtcpHeader.LENGTH;
        int end = off + len;
        if (p + 4 * count > end) {
            return null;
        }
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++, p += 4) {
            ssrcs.add(i32(b, p));
        }
        String reason = "";
        if (p < end) {
            int length = b[p] & 0xFF;
            if (p + 1 + length > end) {
                return null;
            }
            reason = SourceDescription.text(b, p + 1, length);
        }
        return new Bye(ssrcs, reason);
    }

    private int reasonBytes() {
        return reason.isEmpty() ? 0 : (1 + reason.getBytes(StandardCharsets.UTF_8).length + 3) & ~3;
    }

    @Override
    public int size() {
        return RtcpHeader.LENGTH + 4 * ssrcs.size() + reasonBytes();
    }

    @Override
    public int write(byte[] dst, int off) {
        int size = size();
        Objects.checkFromIndexSize(off, size, dst.length);
        RtcpHeader.write(dst, off, false, ssrcs.size(), RtcpHeader.BYE, size);
        int p = off + RtcpHeader.LENGTH;
        for (int ssrc : ssrcs) {
            put32(dst, p, ssrc);
            p += 4;
        }
        if (!reason.isEmpty()) {
            p += SourceDescription.writeText(dst, p, reason);
            Arrays.fill(dst, p, off + size, (byte) 0);
        }
        return size;
    }
}
