package org.bangban.relay.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.rtp.RtpPacketTest.hex;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated bytes through every RTP entry point: nothing may throw, and what validates
 * must be self-consistent.
 */
class RtpFuzzTest {

    private static final List<byte[]> SEEDS = List.of(
            hex("80 e0 1234 deadbeef 11223344 010203"),
            hex("b2 6f 0001 00000010 cafebabe 00000001 00000002 bede0001 10ff0000 aabb 000003"),
            hex("90 6f 0102 00000100 11223344 bede0003 10d5 22123456 310a0b 4031 00 deadbeef"),
            hex("91 6f 0102 00000100 11223344 99999999 10000002 03020102 05017f00 c0ffee"),
            hex("90 e1 0900 00000100 55667788 bede0001 22123456 0102 aabbccdd"),
            hex("a0 61 0001 00000001 00000002 0000000000000008"));

    private final Random rnd = new Random(20240611);

    private byte[] mutate(byte[] seed) {
        byte[] b = Arrays.copyOf(seed, Math.max(0, seed.length + rnd.nextInt(9) - 6));
        int flips = 1 + rnd.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int at = rnd.nextInt(Math.min(b.length, 24));
            b[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (b[at] ^ (1 << rnd.nextInt(8)));
        }
        return b;
    }

    private byte[] garbage() {
        byte[] b = new byte[rnd.nextInt(80)];
        rnd.nextBytes(b);
        if (b.length > 0 && rnd.nextBoolean()) {
            b[0] = (byte) (0x80 | (b[0] & 0x3F)); // version 2, to get past the first check
        }
        return b;
    }

    @Test
    void noEntryPointThrowsOnArbitraryBytes() {
        StreamRewriter rewriter = new StreamRewriter(0x0A0A0A0A, 90_000);
        RetransmissionBuffer buffer = new RetransmissionBuffer(64, 200, 1_000_000_000L);
        byte[] out = new byte[300];
        int valid = 0;
        for (int i = 0; i < 40_000; i++) {
            byte[] b = i % 3 == 0 ? garbage() : mutate(SEEDS.get(rnd.nextInt(SEEDS.size())));
            int off = 0;
            int len = b.length;
            if (i % 50 == 0) { // bad bounds now and then
                off = rnd.nextInt(5) - 2;
                len = rnd.nextInt(b.length + 5) - 2;
            }
            if (exercise(b, off, len, rewriter, buffer, out, i)) {
                valid++;
            }
        }
        assertThat(valid).as("the mutations must reach the valid paths too").isGreaterThan(5_000);
    }

    private static boolean exercise(byte[] b, int off, int len, StreamRewriter rewriter, RetransmissionBuffer buffer,
                                    byte[] out, long now) {
        RtpValidity v = RtpPacket.validate(b, off, len);
        for (int id : new int[] {0, 1, 2, 3, 4, 5, 14, 15, 16, 255, 256}) {
            long f = RtpHeaderExtensions.find(b, off, len, id);
            if (f != RtpHeaderExtensions.NOT_FOUND) {
                assertThat(v).isEqualTo(RtpValidity.VALID);
                assertThat(RtpHeaderExtensions.dataOffset(f)).isGreaterThanOrEqualTo(off + 16);
                assertThat(RtpHeaderExtensions.dataOffset(f) + RtpHeaderExtensions.dataLength(f))
                        .isLessThanOrEqualTo(RtpPacket.payloadOffset(b, off));
            }
            RtpHeaderExtensions.audioLevelByte(b, off, len, id);
            RtpHeaderExtensions.mid(b, off, len, id);
            RtpHeaderExtensions.midEquals(b, off, len, id, new byte[] {0x31});
            RtpHeaderExtensions.absSendTime(b, off, len, id);
            RtpHeaderExtensions.readUnsigned(b, off, len, id, 1 + id % 4);
        }
        Rtx.originalSequenceNumber(b, off, len);
        Rtx.wrappedLength(b, off, len);
        Rtx.wrap(b, off, len, out, 1, 5, 97, 9);
        if (b != null && Bytes.inBounds(b, off, len)) {
            byte[] copy = b.clone();
            RtpHeaderExtensions.setTransportSequenceNumber(copy, off, len, 3, 77);
            RtpHeaderExtensions.writeUnsigned(copy, off, len, 2, 4, 77);
            int n = Rtx.unwrap(copy, off, len, 1, 96);
            assertThat(n).isLessThan(len);
            rewriter.rewrite(b.clone(), off, len, now * 1_000_000L);
            buffer.add(b, off, len, now);
        }
        if (v != RtpValidity.VALID) {
            return false;
        }
        int header = RtpPacket.headerLength(b, off);
        assertThat(header).isBetween(12, len);
        assertThat(RtpPacket.payloadLength(b, off, len)).isGreaterThanOrEqualTo(0);
        assertThat(RtpPacket.payloadOffset(b, off) + RtpPacket.payloadLength(b, off, len)).isLessThanOrEqualTo(off + len);
        buffer.get(RtpPacket.sequenceNumber(b, off), now, out, 0);
        return true;
    }
}
