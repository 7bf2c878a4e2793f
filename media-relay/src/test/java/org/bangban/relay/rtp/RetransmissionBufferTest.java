package org.bangban.relay.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetransmissionBufferTest {

    private static final long MS = 1_000_000L;

    /** A 20-byte packet whose payload repeats the low byte of its sequence number. */
    private static byte[] packet(int seq) {
        byte[] b = new byte[20];
        RtpPacket.writeFixedHeader(b, 0, false, 96, seq, seq * 10, 0x1234);
        Arrays.fill(b, 12, 20, (byte) seq);
        return b;
    }

    private static void addAll(RetransmissionBuffer rb, int fromSeq, int count, long now) {
        for (int i = 0; i < count; i++) {
            byte[] p = packet((fromSeq + i) & 0xFFFF);
            assertThat(rb.add(p, 0, p.length, now)).isTrue();
        }
    }

    @Test
    void returnsStoredPacketsAndCountsHitsAndMisses() {
        RetransmissionBuffer rb = new RetransmissionBuffer(8, 100, 1000 * MS);
        addAll(rb, 100, 5, 0);
        byte[] dst = new byte[50];
        assertThat(rb.get(102, 0, dst, 3)).isEqualTo(20);
        assertThat(Arrays.copyOfRange(dst, 3, 23)).isEqualTo(packet(102));
        assertThat(rb.get(105, 0, dst, 0)).isEqualTo(RetransmissionBuffer.MISSING); // not sent yet
        assertThat(rb.get(99, 0, dst, 0)).isEqualTo(RetransmissionBuffer.MISSING); // in window, never stored
        assertThat(rb.get(102, 0, new byte[19], 0)).isEqualTo(RetransmissionBuffer.NO_ROOM);
        assertThat(rb.hits()).isEqualTo(2);
        assertThat(rb.misses()).isEqualTo(2);
        assertThat(rb.tooOld()).isZero();
    }

    @Test
    void evictsByCountAndByAge() {
        RetransmissionBuffer rb = new RetransmissionBuffer(8, 100, 1000 * MS);
        addAll(rb, 0, 8, 0);
        addAll(rb, 8, 2, 500 * MS); // 0 and 1 overwritten
        assertThat(rb.lookup(0, 600 * MS)).isEqualTo(RetransmissionBuffer.TOO_OLD);
        assertThat(rb.lookup(1, 600 * MS)).isEqualTo(RetransmissionBuffer.TOO_OLD);
        assertThat(rb.lookup(2, 600 * MS)).isGreaterThanOrEqualTo(0);
        // 1 s after they were stored, 2..7 are too old but 8 and 9 are not
        assertThat(rb.lookup(2, 1001 * MS)).isEqualTo(RetransmissionBuffer.TOO_OLD);
        assertThat(rb.lookup(9, 1001 * MS)).isGreaterThanOrEqualTo(0);
        assertThat(rb.tooOld()).isEqualTo(3);
        // a packet older than the window is not stored
        byte[] old = packet(1);
        assertThat(rb.add(old, 0, old.length, 0)).isFalse();
        assertThat(rb.rejected()).isEqualTo(1);
    }

    @Test
    void handlesSequenceWrapAround() {
        RetransmissionBuffer rb = new RetransmissionBuffer(16, 100, 1000 * MS);
        addAll(rb, 65530, 12, 0); // 65530..65535, 0..5
        for (int seq : new int[] {65530, 65535, 0, 5}) {
            int slot = rb.lookup(seq, 0);
            assertThat(slot).isGreaterThanOrEqualTo(0);
            assertThat(RtpPacket.sequenceNumber(rb.slotData(), rb.slotOffset(slot))).isEqualTo(seq);
            assertThat(rb.slotLength(slot)).isEqualTo(20);
        }
        assertThat(rb.lookup(6, 0)).isEqualTo(RetransmissionBuffer.MISSING);
        assertThat(rb.lookup(65529, 0)).isEqualTo(RetransmissionBuffer.MISSING);
        addAll(rb, 6, 10, 0); // now 65530 is 22 behind the newest (15): evicted
        assertThat(rb.lookup(65530, 0)).isEqualTo(RetransmissionBuffer.TOO_OLD);
        assertThat(rb.lookup(0, 0)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void reorderedAddsAndJumpsAhead() {
        RetransmissionBuffer rb = new RetransmissionBuffer(8, 100, 1000 * MS);
        addAll(rb, 10, 1, 0);
        addAll(rb, 8, 1, 0); // late packet within the window
        assertThat(rb.lookup(8, 0)).isGreaterThanOrEqualTo(0);
        addAll(rb, 100, 1, 0); // jump ahead: everything before is outside the window
        assertThat(rb.lookup(10, 0)).isEqualTo(RetransmissionBuffer.TOO_OLD);
        assertThat(rb.lookup(96, 0)).isEqualTo(RetransmissionBuffer.MISSING); // same slot as 8, other number
        assertThat(rb.lookup(100, 0)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aSenderRestartFarBehindStartsOver() {
        RetransmissionBuffer rb = new RetransmissionBuffer(8, 100, 1000 * MS);
        addAll(rb, 40000, 8, 0);
        addAll(rb, 1000, 2, 0);
        assertThat(rb.lookup(1001, 0)).isGreaterThanOrEqualTo(0);
        assertThat(rb.lookup(1000, 0)).isGreaterThanOrEqualTo(0);
        assertThat(rb.lookup(40007, 0)).isEqualTo(RetransmissionBuffer.TOO_OLD); // the old numbering is gone
    }

    @Test
    void answersANackThroughTheSink() {
        RetransmissionBuffer rb = new RetransmissionBuffer(512, 1500, 1000 * MS);
        addAll(rb, 65000, 600, 0);
        List<Integer> sent = new ArrayList<>();
        // 65000..65535 then 0..63 were added: the window is the last 512, 65088..63
        int[] nack = {65500, 65535, 0, 63, 64, 70, 65000, 65087, 1};
        int found = rb.resend(nack, 8, 10 * MS, (buf, off, len) -> sent.add(RtpPacket.sequenceNumber(buf, off)));
        assertThat(found).isEqualTo(4);
        assertThat(sent).containsExactly(65500, 65535, 0, 63);
        assertThat(rb.misses()).isEqualTo(2); // 64 and 70 were never sent
        assertThat(rb.tooOld()).isEqualTo(2); // 65000 and 65087 were evicted; 1 is beyond count
        assertThat(rb.capacity()).isEqualTo(512);
    }

    @Test
    void refusesOversizedAndMalformedPackets() {
        RetransmissionBuffer rb = new RetransmissionBuffer(4, 20, 1000 * MS);
        assertThat(rb.add(new byte[21], 0, 21, 0)).isFalse();
        assertThat(rb.add(new byte[11], 0, 11, 0)).isFalse();
        assertThat(rb.add(null, 0, 12, 0)).isFalse();
        assertThat(rb.add(new byte[12], 4, 12, 0)).isFalse();
        assertThat(rb.rejected()).isEqualTo(4);
        assertThat(rb.lookup(0, 0)).isEqualTo(RetransmissionBuffer.MISSING);
        assertThatThrownBy(() -> new RetransmissionBuffer(500, 1500, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetransmissionBuffer(512, 1500, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
