package org.bangban.relay.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.rtcp.RtcpTest.hex;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bangban.relay.rtp.StreamRewriter;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated compounds through the RTCP parser and cursor: nothing may throw, and whatever
 * parses must write back to bytes that parse to the same packets.
 */
class RtcpFuzzTest {

    private static final List<byte[]> SEEDS = List.of(
            hex("81c8000c 11223344 e1234567 89abcdef 00bc614e 00000064 00004e20"
                    + "55667788 40000010 00011234 00000022 45678901 00018000"
                    + "81ca0006 11223344 0110 757365724065 78616d706c652e636f6d 0000"),
            hex("82c9000d 11223344 55667788 40000010 00011234 00000022 45678901 00018000"
                    + "99aabbcc 00ffffff ffffffff 00000000 00000000 00000000"),
            hex("82ca0005 00000001 0102 6162 0601 78 00 00000002 00000000 81cb0003 11223344 07 6c656176696e67"),
            hex("81cd0003 11223344 55667788 00640005 81ce0002 11223344 55667788"),
            hex("84ce0006 11223344 00000000 55667788 07000000 99aabbcc ff000000"),
            hex("8fce0005 11223344 00000000 52454d42 01 0bd090 55667788"),
            hex("afcd0006 11223344 55667788 0100 0004 000010 07 d840 04 fffc 08 0002"),
            hex("8fcd0006 00000001 00000002 0010 000e 000001 00 ac01 01020304 0000"),
            hex("8fcd0006 00000001 00000002 0000 2329 000000 01 1fff 0329 4001 0400"),
            hex("81cc0003 11223344 54455354 01020304"));

    private final Random rnd = new Random(42);

    private byte[] mutate(byte[] seed) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 1 -> b = Arrays.copyOf(b, b.length + 4 * (1 + rnd.nextInt(3)));
            case 2 -> { // concatenate with another seed
                byte[] other = SEEDS.get(rnd.nextInt(SEEDS.size()));
                b = Arrays.copyOf(b, b.length + other.length);
                System.arraycopy(other, 0, b, seed.length, other.length);
            }
            default -> { }
        }
        int flips = 1 + rnd.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int at = rnd.nextInt(b.length);
            b[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (b[at] ^ (1 << rnd.nextInt(8)));
        }
        return b;
    }

    private byte[] garbage() {
        byte[] b = new byte[4 * rnd.nextInt(30) + (rnd.nextInt(8) == 0 ? rnd.nextInt(4) : 0)];
        rnd.nextBytes(b);
        for (int p = 0; p + 4 <= b.length; p += 4 * (1 + rnd.nextInt(4))) {
            b[p] = (byte) (0x80 | (b[p] & 0x3F)); // version 2 at some word boundaries
            b[p + 1] = (byte) (200 + rnd.nextInt(8));
            b[p + 2] = 0;
            b[p + 3] = (byte) rnd.nextInt(8);
        }
        return b;
    }

    @Test
    void parsingNeverThrowsAndWhatParsesRoundTrips() {
        RtcpCompound cursor = new RtcpCompound();
        StreamRewriter rewriter = new StreamRewriter(7, 90_000);
        byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44};
        rewriter.rewrite(rtp, 0, rtp.length, 0);
        int[] lost = new int[64];
        int parsed = 0;
        for (int i = 0; i < 40_000; i++) {
            byte[] b = i % 4 == 0 ? garbage() : mutate(SEEDS.get(rnd.nextInt(SEEDS.size())));
            int off = 0;
            int len = b.length;
            if (i % 50 == 0) {
                off = rnd.nextInt(5) - 2;
                len = rnd.nextInt(b.length + 5) - 2;
            }
            RtcpParseResult result = Rtcp.parse(b, off, len);
            RtcpValidity framing = RtcpCompound.validate(b, off, len);
            cursor.reset(b, off, len);
            while (cursor.next()) {
                assertThat(cursor.offset() + cursor.length()).isLessThanOrEqualTo(off + len);
                assertThat(cursor.contentLength()).isBetween(4, cursor.length());
                if (cursor.packetType() == RtcpHeader.RTPFB && cursor.count() == RtcpHeader.FMT_NACK) {
                    GenericNack.lostSequenceNumbers(b, cursor.offset(), cursor.contentLength(), lost);
                }
                if (cursor.packetType() == RtcpHeader.SR) {
                    rewriter.rewriteSenderReport(b.clone(), cursor.offset(), cursor.contentLength());
                }
            }
            assertThat(cursor.error()).isEqualTo(framing);
            if (result instanceof RtcpParseResult.Parsed p) {
                parsed++;
                assertThat(framing).isEqualTo(RtcpValidity.VALID);
                byte[] out = new byte[Rtcp.size(p.packets())];
                Rtcp.write(p.packets(), out, 0);
                assertThat(Rtcp.parse(out, 0, out.length)).isEqualTo(result);
            }
        }
        assertThat(parsed).as("the mutations must reach the decoders").isGreaterThan(5_000);
    }
}
