package org.bangban.relay.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.rtp.RtpPacketTest.hex;

import java.util.Arrays;
import org.bangban.relay.rtp.StreamRewriter.Verdict;
import org.junit.jupiter.api.Test;

class StreamRewriterTest {

    private static final int OUT = 0x0A0A0A0A;
    private static final int A = 0x11111111;
    private static final int B = 0x22222222;
    private static final long MS = 1_000_000L;
    private static final int FRAME = 3000; // 90 kHz, 30 fps

    private final StreamRewriter rw = new StreamRewriter(OUT, 90_000);
    private byte[] last;

    /** Rewrites a 22-byte packet (10 payload bytes) and keeps it in {@link #last}. */
    private Verdict send(int ssrc, int seq, int ts, long atNanos) {
        last = new byte[22];
        RtpPacket.writeFixedHeader(last, 0, false, 96, seq, ts, ssrc);
        return rw.rewrite(last, 0, last.length, atNanos);
    }

    private int outSeq() {
        return RtpPacket.sequenceNumber(last, 0);
    }

    private int outTs() {
        return RtpPacket.timestamp(last, 0);
    }

    /** Source A: seq 1000..1009, one frame every 33 ms from t=0; last out ts 1000 + 9 * 3000. */
    private void tenPacketsOfA() {
        for (int i = 0; i < 10; i++) {
            assertThat(send(A, 1000 + i, 1000 + FRAME * i, 33 * MS * i)).isEqualTo(Verdict.FORWARD);
        }
    }

    @Test
    void theFirstSourcePassesThroughWithTheOutgoingSsrc() {
        assertThat(send(A, 65535, 0xFFFFFFF0, 0)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(65535);
        assertThat(outTs()).isEqualTo(0xFFFFFFF0);
        assertThat(RtpPacket.ssrc(last, 0)).isEqualTo(OUT);
        assertThat(send(A, 0, 0xFFFFFFF0 + FRAME, 33 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isZero();
        assertThat(outTs()).isEqualTo(0xFFFFFFF0 + FRAME);
        assertThat(rw.packetsForwarded()).isEqualTo(2);
        assertThat(rw.octetsForwarded()).isEqualTo(20);
        assertThat(rw.switches()).isZero();
    }

    @Test
    void aNewSsrcContinuesSequenceAndTimestampByElapsedTime() {
        tenPacketsOfA(); // last: out seq 1009, ts 28000, at 297 ms
        // screen share off for 2 s, then on again with a new SSRC and unrelated numbers
        assertThat(send(B, 50000, 777, 2297 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1010);
        assertThat(outTs()).isEqualTo(28000 + 2 * 90_000);
        assertThat(RtpPacket.ssrc(last, 0)).isEqualTo(OUT);
        assertThat(send(B, 50001, 777 + FRAME, 2330 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1011);
        assertThat(outTs()).isEqualTo(28000 + 2 * 90_000 + FRAME);
        assertThat(rw.sourceSsrc()).isEqualTo(B);
        assertThat(rw.switches()).isEqualTo(1);

        // a late packet of A does not switch back; one of B older than the switch is dropped
        assertThat(send(A, 1010, 31000, 2331 * MS)).isEqualTo(Verdict.DROP_STALE_SOURCE);
        assertThat(send(B, 49999, 777 - FRAME, 2332 * MS)).isEqualTo(Verdict.DROP_OLD);
        assertThat(RtpPacket.ssrc(last, 0)).isEqualTo(B); // dropped packets are left untouched
        assertThat(outSeq()).isEqualTo(49999);

        // A coming back much later is a switch like any other
        assertThat(send(A, 2000, 99, 3330 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1012);
        assertThat(outTs()).isEqualTo(28000 + 2 * 90_000 + FRAME + 90_000);
        assertThat(rw.switches()).isEqualTo(2);
    }

    @Test
    void reorderedPacketsKeepTheirPlaceAndDuplicatesAreDropped() {
        tenPacketsOfA();
        assertThat(send(B, 10, 0, 400 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1010);
        int base = outTs();
        assertThat(send(B, 12, FRAME, 433 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1012);
        assertThat(send(B, 11, 0, 434 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1011);
        assertThat(outTs()).isEqualTo(base);
        assertThat(send(B, 12, FRAME, 435 * MS)).isEqualTo(Verdict.DROP_DUPLICATE);
        assertThat(send(B, 11, 0, 436 * MS)).isEqualTo(Verdict.DROP_DUPLICATE);
        assertThat(send(B, 13, FRAME, 437 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1013);
        assertThat(outTs()).isEqualTo(base + FRAME);
        assertThat(rw.toSourceSequence(1011)).isEqualTo(11);
        assertThat(rw.toSourceSequence(1009)).isEqualTo(-1); // sent for A
        assertThat(rw.toSourceSequence(1014)).isEqualTo(-1); // not sent yet
    }

    @Test
    void sequenceWrapWithinASourceStaysContinuous() {
        tenPacketsOfA();
        int[] seqs = {65534, 65535, 0, 1};
        for (int i = 0; i < seqs.length; i++) {
            assertThat(send(B, seqs[i], FRAME * i, (400 + 33 * i) * MS)).isEqualTo(Verdict.FORWARD);
            assertThat(outSeq()).isEqualTo(1010 + i);
        }
        assertThat(send(B, 65535, FRAME, 600 * MS)).isEqualTo(Verdict.DROP_DUPLICATE);
        assertThat(rw.toSourceSequence(1012)).isZero();
        assertThat(rw.toSourceSequence(1011)).isEqualTo(65535);
    }

    @Test
    void aConfirmedSequenceJumpOnTheSameSsrcIsASwitch() {
        tenPacketsOfA(); // out 1000..1009, ts 28000 at 297 ms
        assertThat(send(A, 30000, 5_000_000, 1297 * MS)).isEqualTo(Verdict.DROP_UNCONFIRMED_JUMP);
        assertThat(send(A, 30001, 5_000_000, 1298 * MS)).isEqualTo(Verdict.FORWARD);
        // one number left for the dropped first packet of the new run
        assertThat(outSeq()).isEqualTo(1011);
        assertThat(outTs()).isEqualTo(28000 + 90_000 + 90);
        assertThat(send(A, 30000, 5_000_000, 1300 * MS)).isEqualTo(Verdict.FORWARD); // its retransmission
        assertThat(outSeq()).isEqualTo(1010);
        assertThat(rw.toSourceSequence(1010)).isEqualTo(30000);
        assertThat(rw.toSourceSequence(1009)).isEqualTo(-1);
        // a straggler from before the jump is itself an unconfirmed jump now
        assertThat(send(A, 1005, 16000, 1301 * MS)).isEqualTo(Verdict.DROP_UNCONFIRMED_JUMP);
        assertThat(send(A, 30002, 5_000_000 + FRAME, 1331 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1012);
    }

    @Test
    void aPauseKeepsTheSourceTimestampsButARandomTimestampJumpIsReanchored() {
        tenPacketsOfA(); // ts 28000 at 297 ms
        // 10 s pause with timestamps that follow the wall clock: passed through as is
        assertThat(send(A, 1010, 1000 + FRAME * 9 + 900_000, 10_297 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outTs()).isEqualTo(28000 + 900_000);
        // a new encoder on the same SSRC and numbering but with an unrelated timestamp
        assertThat(send(A, 1011, 0x70000000, 10_330 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outSeq()).isEqualTo(1011);
        assertThat(outTs()).isEqualTo(28000 + 900_000 + 33 * 90);
        assertThat(send(A, 1012, 0x70000000 + FRAME, 10_363 * MS)).isEqualTo(Verdict.FORWARD);
        assertThat(outTs()).isEqualTo(28000 + 900_000 + 33 * 90 + FRAME);
        // packets from before the re-anchoring would get wrong timestamps: dropped
        assertThat(send(A, 1008, 25000, 10_364 * MS)).isEqualTo(Verdict.DROP_OLD);
        assertThat(rw.switches()).isEqualTo(1);
    }

    @Test
    void packetsBeyondTheDuplicateHistoryAndGarbageAreDropped() {
        for (int i = 0; i <= StreamRewriter.HISTORY; i++) {
            assertThat(send(A, i, i, i * MS)).isEqualTo(Verdict.FORWARD);
        }
        assertThat(send(A, 0, 0, 3000 * MS)).isEqualTo(Verdict.DROP_OLD);
        assertThat(send(A, 1, 1, 3000 * MS)).isEqualTo(Verdict.DROP_DUPLICATE);
        byte[] garbage = {(byte) 0x80, 0x60, 0, 1};
        assertThat(rw.rewrite(garbage, 0, garbage.length, 0)).isEqualTo(Verdict.DROP_INVALID);
        assertThat(rw.rewrite(null, 0, 0, 0)).isEqualTo(Verdict.DROP_INVALID);
        assertThat(garbage).containsExactly((byte) 0x80, 0x60, 0, 1);
    }

    @Test
    void rewritesTheSourcesSenderReportForTheReceiver() {
        tenPacketsOfA();
        send(B, 50000, 777, 2297 * MS); // out ts = 777 + (208000 - 777)
        send(B, 50001, 777 + FRAME, 2330 * MS);
        // SR of B (RFC 3550 6.4.1) with one report block that must not reach the receiver
        byte[] sr = hex("81c8000c 22222222 e1234567 89abcdef 00001000 000003e7 0001869f"
                + "33333333 01000002 00001234 00000010 00000000 00000000" + "ffff");
        int n = rw.rewriteSenderReport(sr, 0, 52);
        assertThat(n).isEqualTo(28);
        int expectedTs = 0x1000 - 777 + 28000 + 2 * 90_000;
        assertThat(Arrays.copyOf(sr, 28)).isEqualTo(hex("80c80006 0a0a0a0a e1234567 89abcdef"
                + String.format("%08x", expectedTs) + "0000000c 00000078"));
        // 12 packets of 10 payload bytes forwarded

        byte[] srOfA = hex("80c80006 11111111 e1234567 89abcdef 00001000 000003e7 0001869f");
        assertThat(rw.rewriteSenderReport(srOfA, 0, 28)).isEqualTo(-1);
        assertThat(rw.rewriteSenderReport(sr, 0, 27)).isEqualTo(-1);
        assertThat(rw.rewriteSenderReport(null, 0, 28)).isEqualTo(-1);
    }
}
