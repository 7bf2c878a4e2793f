package org.bangban.relay.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bangban.relay.rtcp.TransportCc.PacketResult;
import org.junit.jupiter.api.Test;

/** Every packet type against bytes laid out by hand from the RFCs, both directions. */
class RtcpTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static List<RtcpPacket> parsed(byte[] b) {
        RtcpParseResult r = Rtcp.parse(b, 0, b.length);
        assertThat(r).isInstanceOf(RtcpParseResult.Parsed.class);
        return ((RtcpParseResult.Parsed) r).packets();
    }

    static RtcpValidity rejection(byte[] b) {
        RtcpParseResult r = Rtcp.parse(b, 0, b.length);
        assertThat(r).isInstanceOf(RtcpParseResult.Invalid.class);
        return ((RtcpParseResult.Invalid) r).reason();
    }

    /** Parses {@code wire} to exactly {@code expected}, and writes {@code expected} to exactly {@code wire}. */
    private static void bothWays(String wire, RtcpPacket expected) {
        byte[] bytes = hex(wire);
        assertThat(parsed(bytes)).containsExactly(expected);
        assertThat(expected.size()).isEqualTo(bytes.length);
        byte[] out = new byte[bytes.length + 3];
        assertThat(expected.write(out, 3)).isEqualTo(bytes.length);
        assertThat(Arrays.copyOfRange(out, 3, out.length)).isEqualTo(bytes);
    }

    // RFC 3550 6.4.1: V=2 P=0 RC=1 PT=200 length=12; SSRC; NTP msw, lsw; RTP ts; packet count; octet count;
    // report block: SSRC_1, fraction lost 0x40, cumulative lost 16, ext. highest seq 0x00011234,
    // jitter 0x22, LSR, DLSR (1.5 s = 0x00018000)
    private static final String SR = "81 c8 000c 11223344 e1234567 89abcdef 00bc614e 00000064 00004e20"
            + "55667788 40 000010 00011234 00000022 45678901 00018000";
    private static final ReportBlock SR_BLOCK =
            new ReportBlock(0x55667788, 0x40, 16, 0x11234, 0x22, 0x45678901, 0x00018000);

    @Test
    void senderReport() {
        bothWays(SR, new SenderReport(0x11223344, 0xE123456789ABCDEFL, 0x00BC614E, 100, 20000, List.of(SR_BLOCK)));
    }

    @Test
    void receiverReportWithNegativeCumulativeLoss() {
        // RFC 3550 6.4.2: RC=2 PT=201 length=13; second block: cumulative lost -1 (duplicates), fraction 0
        bothWays("82 c9 000d 11223344"
                        + "55667788 40 000010 00011234 00000022 45678901 00018000"
                        + "99aabbcc 00 ffffff ffffffff 00000000 00000000 00000000",
                new ReceiverReport(0x11223344, List.of(SR_BLOCK,
                        new ReportBlock(0x99AABBCC, 0, -1, 0xFFFFFFFFL, 0, 0, 0))));
    }

    @Test
    void emptyReceiverReportOfAReducedSizeSender() {
        bothWays("80 c9 0001 11223344", new ReceiverReport(0x11223344, List.of()));
    }

    @Test
    void sourceDescriptionWithCname() {
        // RFC 3550 6.5: SC=1 PT=202 length=6; SSRC; CNAME=1, length 16, "user@example.com"; null + 1 pad
        bothWays("81 ca 0006 11223344 01 10 757365724065786d706c652e636f6d00 0000".replace(
                "757365724065786d706c652e636f6d00", HexFormat.of().formatHex("user@example.com".getBytes())),
                SourceDescription.cname(0x11223344, "user@example.com"));
    }

    @Test
    void sourceDescriptionWithTwoChunksAndSeveralItems() {
        // chunk 1: CNAME "ab" and TOOL "x" -> 4 + 4 + 3 + null = 12; chunk 2: no items -> 4 + null + 3 pad = 8
        String wire = "82 ca 0005 00000001 0102 6162 0601 78 00" + "00000002 00000000";
        SourceDescription sdes = new SourceDescription(List.of(
                new SourceDescription.Chunk(1, List.of(new SourceDescription.Item(SourceDescription.CNAME, "ab"),
                        new SourceDescription.Item(SourceDescription.TOOL, "x"))),
                new SourceDescription.Chunk(2, List.of())));
        bothWays(wire, sdes);
        assertThat(sdes.chunks().get(0).cname()).contains("ab");
        assertThat(sdes.chunks().get(1).cname()).isEmpty();
    }

    @Test
    void byeWithAndWithoutReason() {
        // RFC 3550 6.6: SC=1 PT=203 length=3; SSRC; length 7, "leaving"
        bothWays("81 cb 0003 11223344 07 6c656176696e67", new Bye(List.of(0x11223344), "leaving"));
        bothWays("82 cb 0002 11223344 55667788", new Bye(List.of(0x11223344, 0x55667788), ""));
        // "bye" + length byte = 4, no padding needed
        bothWays("80 cb 0001 03 627965", new Bye(List.of(), "bye"));
    }

    @Test
    void genericNack() {
        // RFC 4585 6.2.1: FMT=1 PT=205 length=3; sender; media; PID=100, BLP=0b101 -> 100, 101, 103
        bothWays("81 cd 0003 11223344 55667788 0064 0005", new GenericNack(0x11223344, 0x55667788, List.of(100, 101, 103)));
    }

    @Test
    void pictureLossIndication() {
        // RFC 4585 6.3.1: FMT=1 PT=206 length=2, no FCI
        bothWays("81 ce 0002 11223344 55667788", new Pli(0x11223344, 0x55667788));
    }

    @Test
    void fullIntraRequest() {
        // RFC 5104 4.3.1: FMT=4 PT=206; media source 0; FCI: SSRC, seq nr, 3 reserved bytes
        bothWays("84 ce 0006 11223344 00000000 55667788 07000000 99aabbcc ff000000",
                new Fir(0x11223344, List.of(new Fir.Entry(0x55667788, 7), new Fir.Entry(0x99AABBCC, 255))));
    }

    @Test
    void receiverEstimatedMaximumBitrate() {
        // draft-alvestrand-rmcat-remb 2.2: FMT=15 PT=206 length=5; media 0; "REMB"; num SSRC=1;
        // 1,000,000 bps = 250000 << 2: exp 2, mantissa 0x3D090 -> 0b000010 11 + 0xD090
        Remb remb = new Remb(0x11223344, 1_000_000, List.of(0x55667788));
        bothWays("8f ce 0005 11223344 00000000 52454d42 01 0bd090 55667788", remb);
        assertThat(remb.bitrateBps()).isEqualTo(1_000_000);
    }

    @Test
    void rembKeepsWhatTheMantissaCanCarry() {
        // 2^18 + 1 needs 19 bits: exponent 1, the low bit is lost
        assertThat(new Remb(1, (1 << 18) + 1, List.of()).bitrateBps()).isEqualTo(1 << 18);
        assertThat(new Remb(1, 0x3FFFF, List.of()).bitrateBps()).isEqualTo(0x3FFFF);
        // exponent 63 and a full mantissa overflow a long: saturate at the largest value REMB can carry
        byte[] huge = hex("8f ce 0004 11223344 00000000 52454d42 00 ffffff");
        assertThat(((Remb) parsed(huge).get(0)).bitrateBps()).isEqualTo(0x3FFFFL << 45);
        // the same value written canonically and parsed again is unchanged
        Remb max = new Remb(1, Long.MAX_VALUE, List.of(2, 3));
        byte[] out = new byte[max.size()];
        max.write(out, 0);
        assertThat(parsed(out)).containsExactly(max);
    }

    @Test
    void transportCcWithTwoBitVectorNegativeDeltaAndPadding() {
        // draft-holmer-rmcat-transport-wide-cc-extensions-01 3.1: P=1 FMT=15 PT=205 length=6;
        // base seq 0x0100, status count 4, reference time 16 (x 64 ms), fb pkt count 7;
        // two-bit status vector chunk 1 1 | small, large, not received, small, 3 unused symbols;
        // deltas: 0x04 (1 ms), 0xfffc (-1 ms), 0x08 (2 ms); 2 bytes of RTCP padding
        TransportCc tcc = new TransportCc(0x11223344, 0x55667788, 0x0100, 16, 7, List.of(
                PacketResult.receivedAfter(4), PacketResult.receivedAfter(-4), PacketResult.lost(),
                PacketResult.receivedAfter(8)));
        bothWays("af cd 0006 11223344 55667788 0100 0004 000010 07 d840 04 fffc 08 0002", tcc);
        assertThat(tcc.packetStatusCount()).isEqualTo(4);
        assertThat(tcc.sequenceNumber(3)).isEqualTo(0x0103);
        assertThat(tcc.referenceTimeMicros()).isEqualTo(1_024_000);
        assertThat(tcc.packets().get(1).deltaMicros()).isEqualTo(-1000);
    }

    @Test
    void transportCcWithRunLengthAndOneBitChunks() {
        // 20 received with small deltas: run-length chunk 0 | 01 | 0000000010100 = 0x2014, 20 deltas;
        // 20 + 2 + 20 = 42 -> 2 bytes of padding
        List<PacketResult> twenty = new ArrayList<>();
        StringBuilder deltas = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            twenty.add(PacketResult.receivedAfter(i));
            deltas.append(String.format("%02x", i));
        }
        bothWays("af cd 000a 00000001 00000002 fffe 0014 fffff0 ff 2014 " + deltas + " 0002",
                new TransportCc(1, 2, 0xFFFE, -16, 255, twenty));

        // 14 mixed received/lost: one-bit vector 1 0 | 10110000000001, deltas 01 02 03 04;
        // 20 + 2 + 4 = 26 -> 2 bytes padding
        List<PacketResult> mixed = new ArrayList<>();
        int[] bits = {1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        int d = 1;
        for (int bit : bits) {
            mixed.add(bit == 1 ? PacketResult.receivedAfter(d++) : PacketResult.lost());
        }
        bothWays("af cd 0006 00000001 00000002 0010 000e 000001 00 ac01 01020304 0002",
                new TransportCc(1, 2, 0x10, 1, 0, mixed));
    }

    @Test
    void transportCcWithLongRunsOfLoss() {
        // 9000 lost then one received with a large delta: run chunks of 8191 and 809 lost, then 0x4001
        // (run of 1 large delta), delta 0x0400; 20 + 6 + 2 = 28, no padding
        List<PacketResult> packets = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            packets.add(PacketResult.lost());
        }
        packets.add(PacketResult.receivedAfter(1024));
        bothWays("8f cd 0006 00000001 00000002 0000 2329 000000 01 1fff 0329 4001 0400",
                new TransportCc(1, 2, 0, 0, 1, packets));
    }

    @Test
    void unknownTypesPassThroughUnchanged() {
        // APP (RFC 3550 6.7): subtype 1, SSRC, name "TEST", 4 bytes of data
        String app = "81 cc 0003 11223344 54455354 01020304";
        RtcpPacket p = parsed(hex(app)).get(0);
        assertThat(p).isInstanceOf(UnknownRtcp.class);
        assertThat(((UnknownRtcp) p).packetType()).isEqualTo(RtcpHeader.APP);
        assertThat(((UnknownRtcp) p).count()).isEqualTo(1);
        bothWays(app, new UnknownRtcp(hex(app)));
        // AFB without the REMB identifier, and an RTPFB format we do not decode (TMMBR, FMT 3)
        assertThat(parsed(hex("8f ce 0003 11223344 00000000 41424344"))).singleElement().isInstanceOf(UnknownRtcp.class);
        assertThat(parsed(hex("83 cd 0004 11223344 00000000 55667788 04000000")))
                .singleElement().isInstanceOf(UnknownRtcp.class);
    }

    @Test
    void compoundsAreIteratedInOrderWithoutRequiringSrFirst() {
        String compound = SR + "81 ca 0006 11223344 01 10 " + HexFormat.of().formatHex("user@example.com".getBytes())
                + "0000" + "8f ce 0005 11223344 00000000 52454d42 01 0bd090 55667788";
        List<RtcpPacket> packets = parsed(hex(compound));
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0)).isInstanceOf(SenderReport.class);
        assertThat(packets.get(1)).isInstanceOf(SourceDescription.class);
        assertThat(packets.get(2)).isInstanceOf(Remb.class);
        byte[] written = new byte[Rtcp.size(packets)];
        assertThat(Rtcp.write(packets, written, 0)).isEqualTo(written.length);
        assertThat(written).isEqualTo(hex(compound));

        // reduced-size (RFC 5506): a PLI and a NACK on their own, read with the allocation-free cursor
        byte[] rsize = hex("ff" + "81 ce 0002 11223344 55667788" + "81 cd 0003 11223344 99aabbcc fffe 0003" + "ff");
        RtcpCompound c = new RtcpCompound().reset(rsize, 1, rsize.length - 2);
        assertThat(c.next()).isTrue();
        assertThat(c.packetType()).isEqualTo(RtcpHeader.PSFB);
        assertThat(c.count()).isEqualTo(RtcpHeader.FMT_PLI);
        assertThat(RtcpHeader.mediaSsrc(rsize, c.offset())).isEqualTo(0x55667788);
        assertThat(c.next()).isTrue();
        assertThat(c.offset()).isEqualTo(13);
        int[] lost = new int[8];
        assertThat(GenericNack.lostSequenceNumbers(rsize, c.offset(), c.contentLength(), lost)).isEqualTo(3);
        assertThat(Arrays.copyOf(lost, 3)).containsExactly(0xFFFE, 0xFFFF, 0);
        RtcpHeader.setMediaSsrc(rsize, c.offset(), 7);
        assertThat(RtcpHeader.mediaSsrc(rsize, c.offset())).isEqualTo(7);
        assertThat(c.next()).isFalse();
        assertThat(c.error()).isEqualTo(RtcpValidity.VALID);
        assertThat(RtcpHeader.looksLikeRtcp(rsize, 1, 12)).isTrue();
        assertThat(RtcpHeader.looksLikeRtcp(hex("80 60 0001"), 0, 3)).isFalse();
        assertThat(RtcpHeader.looksLikeRtcp(hex("80 60 0001 00000000"), 0, 8)).isFalse();
    }

    @Test
    void framingErrorsAreRejectedWithAReason() {
        assertThat(Rtcp.parse(null, 0, 0)).isEqualTo(new RtcpParseResult.Invalid(RtcpValidity.NULL_BUFFER));
        assertThat(Rtcp.parse(new byte[4], 2, 4)).isEqualTo(new RtcpParseResult.Invalid(RtcpValidity.BAD_BOUNDS));
        assertThat(rejection(new byte[0])).isEqualTo(RtcpValidity.TOO_SHORT);
        assertThat(rejection(hex("81 ce 0002 11223344 55667788 80"))).isEqualTo(RtcpValidity.TOO_SHORT);
        assertThat(rejection(hex("41 ce 0002 11223344 55667788"))).isEqualTo(RtcpValidity.BAD_VERSION);
        assertThat(rejection(hex("81 ce 0003 11223344 55667788"))).isEqualTo(RtcpValidity.LENGTH_BEYOND_BUFFER);
        assertThat(rejection(hex("a1 ce 0002 11223344 55667700"))).isEqualTo(RtcpValidity.BAD_PADDING);
        assertThat(rejection(hex("a1 ce 0002 11223344 556677ff"))).isEqualTo(RtcpValidity.BAD_PADDING);
        assertThat(RtcpCompound.validate(hex("81 ce 0002 11223344 55667788"), 0, 12)).isEqualTo(RtcpValidity.VALID);
        assertThat(RtcpCompound.validate(hex("81 ce 0002 11223344 55667788 00"), 0, 13)).isEqualTo(RtcpValidity.TOO_SHORT);
    }

    @Test
    void malformedBodiesAreRejectedWithTheirType() {
        assertThat(rejection(hex("82 c8 000c" + SR.substring(10)))).isEqualTo(RtcpValidity.BAD_SENDER_REPORT);
        assertThat(rejection(hex("81 c9 0001 11223344"))).isEqualTo(RtcpValidity.BAD_RECEIVER_REPORT);
        assertThat(rejection(hex("81 ca 0002 11223344 01056162"))).isEqualTo(RtcpValidity.BAD_SDES);
        assertThat(rejection(hex("82 ca 0002 11223344 00000000"))).isEqualTo(RtcpValidity.BAD_SDES);
        assertThat(rejection(hex("82 cb 0001 11223344"))).isEqualTo(RtcpValidity.BAD_BYE);
        assertThat(rejection(hex("80 cb 0001 09616263"))).isEqualTo(RtcpValidity.BAD_BYE);
        assertThat(rejection(hex("81 cd 0001 11223344"))).isEqualTo(RtcpValidity.BAD_FEEDBACK);
        assertThat(rejection(hex("81 ce 0001 11223344"))).isEqualTo(RtcpValidity.BAD_FEEDBACK);
        assertThat(rejection(hex("8f cd 0003 00000001 00000002 0000 0001"))).isEqualTo(RtcpValidity.BAD_TRANSPORT_CC);
        // status says "received, small delta" but the delta byte is missing (the rest is RTCP padding)
        assertThat(rejection(hex("af cd 0005 00000001 00000002 0000 0001 000000 00 2001 0002")))
                .isEqualTo(RtcpValidity.BAD_TRANSPORT_CC);
        assertThat(parsed(hex("8f cd 0005 00000001 00000002 0000 0001 000000 00 2001 0000"))).singleElement()
                .isEqualTo(new TransportCc(1, 2, 0, 0, 0, List.of(PacketResult.receivedAfter(0))));
        // reserved symbol 11 in a two-bit vector
        assertThat(rejection(hex("8f cd 0005 00000001 00000002 0000 0001 000000 00 f000 0000")))
                .isEqualTo(RtcpValidity.BAD_TRANSPORT_CC);
        assertThat(rejection(hex("84 ce 0003 11223344 00000000 55667788"))).isEqualTo(RtcpValidity.BAD_FIR);
        assertThat(rejection(hex("84 ce 0002 11223344 00000000"))).isEqualTo(RtcpValidity.BAD_FIR);
        assertThat(rejection(hex("8f ce 0004 11223344 00000000 52454d42 02 0bd090"))).isEqualTo(RtcpValidity.BAD_REMB);
        assertThat(rejection(hex("8f ce 0003 11223344 00000000 52454d42"))).isEqualTo(RtcpValidity.BAD_REMB);
    }

    @Test
    void writingIntoATooSmallBufferThrowsAndWritesNothing() {
        List<RtcpPacket> packets = List.of(new Pli(1, 2), new Pli(3, 4));
        byte[] small = new byte[23];
        assertThatThrownBy(() -> Rtcp.write(packets, small, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(small).containsOnly(0);
        assertThatThrownBy(() -> new Pli(1, 2).write(new byte[12], 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 0x800000, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
