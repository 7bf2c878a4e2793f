package org.bangban.relay.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {

    private static final long MS = 1_000_000L;

    @Test
    void countsLossAndFractionLostPerInterval() {
        ReceptionStatistics s = new ReceptionStatistics(0x1234, 90_000);
        // 0..9 with 3 and 7 missing
        for (int seq = 0; seq < 10; seq++) {
            if (seq != 3 && seq != 7) {
                s.packetReceived(seq, seq * 3000, seq * 33 * MS);
            }
        }
        assertThat(s.extendedHighestSequence()).isEqualTo(9);
        assertThat(s.packetsExpected()).isEqualTo(10);
        assertThat(s.cumulativeLost()).isEqualTo(2);
        ReportBlock first = s.reportBlock(400 * MS);
        assertThat(first.ssrc()).isEqualTo(0x1234);
        assertThat(first.fractionLost()).isEqualTo(2 * 256 / 10); // 51
        assertThat(first.cumulativeLost()).isEqualTo(2);
        assertThat(first.extendedHighestSequence()).isEqualTo(9);
        assertThat(first.lastSenderReport()).isZero();
        assertThat(first.delaySinceLastSenderReport()).isZero();

        // late arrival of 3 and nothing new: the interval has negative loss, reported as 0
        s.packetReceived(3, 9000, 500 * MS);
        ReportBlock second = s.reportBlock(600 * MS);
        assertThat(second.fractionLost()).isZero();
        assertThat(second.cumulativeLost()).isEqualTo(1);

        // 10..19, all received: no loss in this interval
        for (int seq = 10; seq < 20; seq++) {
            s.packetReceived(seq, seq * 3000, seq * 33 * MS);
        }
        assertThat(s.reportBlock(700 * MS).fractionLost()).isZero();
    }

    @Test
    void extendsTheSequenceAcrossWrapAndIgnoresReordering() {
        ReceptionStatistics s = new ReceptionStatistics(1, 48_000);
        int[] seqs = {65530, 65531, 65533, 65532, 65534, 65535, 0, 2, 1, 3};
        for (int seq : seqs) {
            s.packetReceived(seq, 0, 0);
        }
        assertThat(s.extendedHighestSequence()).isEqualTo(65536 + 3);
        assertThat(s.packetsExpected()).isEqualTo(10);
        assertThat(s.cumulativeLost()).isZero();
        assertThat(s.reportBlock(0).extendedHighestSequence()).isEqualTo(0x10003);
        // a duplicate makes the cumulative loss negative, as RFC 3550 allows
        s.packetReceived(3, 0, 0);
        assertThat(s.cumulativeLost()).isEqualTo(-1);
        assertThat(s.reportBlock(0).cumulativeLost()).isEqualTo(-1);
    }

    @Test
    void aJumpIsConfirmedByTheNextPacketAndRestartsTheCounts() {
        ReceptionStatistics s = new ReceptionStatistics(1, 90_000);
        for (int seq = 100; seq < 110; seq++) {
            assertThat(s.packetReceived(seq, 0, 0)).isTrue();
        }
        assertThat(s.packetReceived(40000, 0, 0)).isFalse();
        assertThat(s.packetsReceived()).isEqualTo(10);
        assertThat(s.packetReceived(40001, 0, 0)).isTrue();
        assertThat(s.extendedHighestSequence()).isEqualTo(40001);
        assertThat(s.packetsReceived()).isEqualTo(1);
        assertThat(s.cumulativeLost()).isZero();
    }

    /**
     * RFC 3550 A.8 worked by hand: 20 ms packets (1800 ticks at 90 kHz), every other one arriving
     * 1 ms (90 ticks) late, so every transit difference |D| is 90. With J += (|D| - J) / 16 from
     * J = 0, after n differences J = 90 * (1 - (15/16)^n).
     */
    @Test
    void jitterFollowsTheRfcEstimator() {
        ReceptionStatistics s = new ReceptionStatistics(1, 90_000);
        for (int i = 0; i <= 40; i++) {
            long arrival = i * 20 * MS + (i % 2 == 1 ? MS : 0);
            s.packetReceived(i, 1000 + i * 1800, arrival);
            if (i == 1) {
                assertThat(s.jitter()).isEqualTo(5); // 90 / 16 = 5.6
            }
            if (i == 10) {
                assertThat((double) s.jitter()).isCloseTo(90 * (1 - Math.pow(15.0 / 16, 10)), within(1.0)); // 43.5
            }
        }
        assertThat((double) s.jitter()).isCloseTo(90 * (1 - Math.pow(15.0 / 16, 40)), within(1.0)); // 83.2
        assertThat(s.reportBlock(0).jitter()).isEqualTo(s.jitter());
    }

    @Test
    void jitterIsZeroForPerfectPacingAndIgnoresLatePackets() {
        ReceptionStatistics s = new ReceptionStatistics(1, 48_000);
        for (int i = 0; i < 50; i++) {
            s.packetReceived(i, 960 * i, 20 * MS * i); // Opus 20 ms = 960 ticks at 48 kHz
        }
        assertThat(s.jitter()).isZero();
        s.packetReceived(10, 9600, 2000 * MS); // a retransmission, very late
        assertThat(s.jitter()).isZero();
    }

    /**
     * RFC 3550 6.4.1 example: A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
     * DLSR = 0x0005:4000 (5.250 s), round trip 0x0006:2000 (6.125 s).
     */
    @Test
    void roundTripTimeFromTheRfcExample() {
        ReportBlock rb = new ReportBlock(1, 0, 0, 0, 0, 0xB7052000, 0x00054000);
        assertThat(rb.rttNanos(0xB7108000)).isEqualTo(6_125_000_000L);
        assertThat(new ReportBlock(1, 0, 0, 0, 0, 0, 0x00054000).rttNanos(0xB7108000)).isEqualTo(-1);
        assertThat(rb.rttNanos(0xB7052000)).isZero(); // negative: clock rounding
    }

    @Test
    void lsrAndDlsrComeFromTheLastSenderReport() {
        ReceptionStatistics s = new ReceptionStatistics(1, 90_000);
        s.packetReceived(1, 0, 0);
        long ntp = 0xE1234567_89ABCDEFL;
        s.senderReportReceived(ntp, 1000 * MS);
        ReportBlock rb = s.reportBlock(2500 * MS);
        assertThat(rb.lastSenderReport()).isEqualTo(0x456789AB);
        assertThat(rb.delaySinceLastSenderReport()).isEqualTo(0x00018000); // 1.5 s in 1/65536 s
        // the sender's side: our SR went out at NTP t, the RR arrives 1.5 s + 80 ms later
        long arrival = ntp + ((long) 0x00018000 << 16) + (80L << 32) / 1000;
        assertThat(rb.rttNanos(NtpTime.compact(arrival))).isCloseTo(80 * MS, within(20_000L));
    }

    @Test
    void ntpTimeConversions() {
        assertThat(NtpTime.fromUnixNanos(0)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.fromUnixMillis(1500)).isEqualTo((2_208_988_801L << 32) | 0x80000000L);
        assertThat(NtpTime.toUnixNanos(NtpTime.fromUnixNanos(1_700_000_000_123_456_789L)))
                .isCloseTo(1_700_000_000_123_456_789L, within(1L));
        assertThat(NtpTime.compact(0x1234_5678_9ABC_DEF0L)).isEqualTo(0x56789ABC);
        assertThat(NtpTime.compactToNanos(0x00018000)).isEqualTo(1_500_000_000L);
        assertThat(NtpTime.nanosToCompact(1_500_000_000L)).isEqualTo(0x00018000);
        assertThat(NtpTime.nanosToCompact(-5)).isZero();
        assertThat(NtpTime.nanosToCompact(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
