package org.bangban.relay.rtcp;

import static org.bangban.relay.rtp.Bytes.i32;
import static org.bangban.relay.rtp.Bytes.put16;
import static org.bangban.relay.rtp.Bytes.put24;
import static org.bangban.relay.rtp.Bytes.u16;
import static org.bangban.relay.rtp.Bytes.u24;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Transport-wide congestion control feedback, RTPFB FMT 15
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1): for each transport-wide
 * sequence number from {@code baseSequenceNumber} on, whether the packet arrived and, if so, its
 * arrival delta in 250 µs ticks (the first relative to {@code referenceTime}, each next one
 * relative to the previous received packet).
 *
 * <p>Status chunks and deltas are fully decoded; {@link #packetStatusCount()} is the number of
 * packets covered. Writing chooses run-length, one-bit or two-bit chunks and pads the packet to a
 * 32-bit boundary with RTCP padding (P bit), as libwebrtc does.
 *
 * @param referenceTime       signed 24-bit, in multiples of 64 ms
 * @param feedbackPacketCount 0..255, incremented by the sender of each feedback
 */
public record TransportCc(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
                          int feedbackPacketCount, List<PacketResult> packets) implements RtcpPacket {

    static final int FIXED_LENGTH = 20;
    private static final int NOT_RECEIVED = 0;
    private static final int SMALL_DELTA = 1;
    private static final int LARGE_DELTA = 2;
    private static final int MAX_RUN = 0x1FFF;

    /** One packet's fate: lost, or received with a delta in 250 µs ticks (-32768..32767). */
    public record PacketResult(boolean received, int deltaTicks) {
        private static final PacketResult LOST = new PacketResult(false, 0);

        public PacketResult {
            if (!received && deltaTicks != 0) {
                throw new IllegalArgumentException("a lost packet has no delta");
            }
            if (deltaTicks < Short.MIN_VALUE || deltaTicks > Short.MAX_VALUE) {
                throw new IllegalArgumentException("delta out of range: " + deltaTicks);
            }
        }

        public static PacketResult lost() {
            return LOST;
        }

        public static PacketResult receivedAfter(int deltaTicks) {
            return new PacketResult(true, deltaTicks);
        }

        public long deltaMicros() {
            return deltaTicks * 250L;
        }

        int symbol() {
            if (!received) {
                return NOT_RECEIVED;
            }
            return deltaTicks >= 0 && deltaTicks <= 255 ? SMALL_DELTA : LARGE_DELTA;
        }
    }

    public TransportCc {
        packets = List.copyOf(Objects.requireNonNull(packets, "packets"));
        if (baseSequenceNumber < 0 || baseSequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("base sequence number out of range");
        }
        if (referenceTime < -0x800000 || referenceTime > 0x7FFFFF) {
            throw new IllegalArgumentException("reference time is signed 24-bit");
        }
        if (feedbackPacketCount < 0 || feedbackPacketCount > 255) {
            throw new IllegalArgumentException("feedback packet count out of range");
        }
        if (packets.size() > 0xFFFF) {
            throw new IllegalArgumentException("too many packets");
        }
    }

    public int packetStatusCount() {
        return packets.size();
    }

    /** Transport-wide sequence number of {@code packets().get(index)}. */
    public int sequenceNumber(int index) {
        return (baseSequenceNumber + index) & 0xFFFF;
    }

    public long referenceTimeMicros() {
        return referenceTime * 64_000L;
    }

    /** Parses the feedback at {@code off} with {@code len} content bytes; null when malformed. */
    static TransportCc parse(byte[] b, int off, int len) {
        if (len < FIXED_LENGTH) {
            return null;
        }
        int end = off + len;
        int count = u16(b, off + 14);
        int[] symbols = new int[count];
        int p = off + FIXED_LENGTH;
        int n = 0;
        while (n < count) {
            if (p + 2 > end) {
                return null;
            }
            int chunk = u16(b, p);
            p += 2;
            if ((chunk & 0x8000) == 0) { // run length: symbol (2 bits), length (13 bits)
                int symbol = (chunk >>> 13) & 3;
                int run = Math.min(chunk & MAX_RUN, count - n);
                Arrays.fill(symbols, n, n + run, symbol);
                n += run;
            } else if ((chunk & 0x4000) == 0) { // status vector, 14 one-bit symbols
                for (int k = 0; k < 14 && n < count; k++) {
                    symbols[n++] = (chunk >>> (13 - k)) & 1;
                }
            } else { // status vector, 7 two-bit symbols
                for (int k = 0; k < 7 && n < count; k++) {
                    symbols[n++] = (chunk >>> (12 - 2 * k)) & 3;
                }
            }
        }
        List<PacketResult> packets = new ArrayList<>(count);
        for (int symbol : symbols) {
            if (symbol == NOT_RECEIVED) {
                packets.add(PacketResult.lost());
            } else if (symbol == SMALL_DELTA) {
                if (p + 1 > end) {
                    return null;
                }
                packets.add(PacketResult.receivedAfter(b[p++] & 0xFF));
            } else if (symbol == LARGE_DELTA) {
                if (p + 2 > end) {
                    return null;
                }
                packets.add(PacketResult.receivedAfter((short) u16(b, p)));
                p += 2;
            } else {
                return null; // reserved symbol
            }
        }
        return new TransportCc(i32(b, off + 4), i32(b, off + 8), u16(b, off + 12),
                (u24(b, off + 16) << 8) >> 8, b[off + 19] & 0xFF, packets);
    }

    private int[] symbols() {
        int[] symbols = new int[packets.size()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = packets.get(i).symbol();
        }
        return symbols;
    }

    /** Encodes the status chunks at {@code dst[off]} (only counts them when {@code dst} is null). */
    private static int writeChunks(int[] symbols, byte[] dst, int off) {
        int chunks = 0;
        int i = 0;
        int n = symbols.length;
        while (i < n) {
            int run = 1;
            while (i + run < n && symbols[i + run] == symbols[i] && run < MAX_RUN) {
                run++;
            }
            int chunk;
            int taken;
            if (run >= 14 || i + run == n || (run >= 7 && containsLarge(symbols, i, 14))) {
                chunk = (symbols[i] << 13) | run;
                taken = run;
            } else if (!containsLarge(symbols, i, 14)) {
                chunk = 0x8000;
                taken = Math.min(14, n - i);
                for (int k = 0; k < taken; k++) {
                    chunk |= symbols[i + k] << (13 - k);
                }
            } else {
                chunk = 0xC000;
                taken = Math.min(7, n - i);
                for (int k = 0; k < taken; k++) {
                    chunk |= symbols[i + k] << (12 - 2 * k);
                }
            }
            if (dst != null) {
                put16(dst, off + 2 * chunks, chunk);
            }
            chunks++;
            i += taken;
        }
        return chunks;
    }

    private static boolean containsLarge(int[] symbols, int from, int count) {
        for (int i = from, end = Math.min(symbols.length, from + count); i < end; i++) {
            if (symbols[i] == LARGE_DELTA) {
                return true;
            }
        }
        return false;
    }

    /** Length without padding. */
    private int unpaddedSize(int[] symbols) {
        int n = FIXED_LENGTH + 2 * writeChunks(symbols, null, 0);
        for (int symbol : symbols) {
            n += symbol == SMALL_DELTA ? 1 : symbol == LARGE_DELTA ? 2 : 0;
        }
        return n;
    }

    @Override
    public int size() {
        return (unpaddedSize(symbols()) + 3) & ~3;
    }

    @Override
    public int write(byte[] dst, int off) {
        int[] symbols = symbols();
        int unpadded = unpaddedSize(symbols);
        int size = (unpadded + 3) & ~3;
        int padding = size - unpadded;
        RtcpHeader.startFeedback(dst, off, size, RtcpHeader.FMT_TRANSPORT_CC, RtcpHeader.RTPFB, senderSsrc, mediaSsrc);
        RtcpHeader.write(dst, off, padding > 0, RtcpHeader.FMT_TRANSPORT_CC, RtcpHeader.RTPFB, size); // P bit
        put16(dst, off + 12, baseSequenceNumber);
        put16(dst, off + 14, packets.size());
        put24(dst, off + 16, referenceTime);
        dst[off + 19] = (byte) feedbackPacketCount;
        int p = off + FIXED_LENGTH;
        p += 2 * writeChunks(symbols, dst, p);
        for (PacketResult r : packets) {
            int symbol = r.symbol();
            if (symbol == SMALL_DELTA) {
                dst[p++] = (byte) r.deltaTicks();
            } else if (symbol == LARGE_DELTA) {
                put16(dst, p, r.deltaTicks());
                p += 2;
            }
        }
        if (padding > 0) {
            Arrays.fill(dst, p, off + size - 1, (byte) 0);
            dst[off + size - 1] = (byte) padding;
        }
        return size;
    }
}
