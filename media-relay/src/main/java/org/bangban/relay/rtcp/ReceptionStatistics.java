package org.bangban.relay.rtcp;

/**
 * Reception statistics of one incoming RTP source, following RFC 3550 appendix A.1 (sequence
 * tracking with restart detection), A.3 (expected, lost, fraction lost) and A.8 (interarrival
 * jitter), from which the relay builds its report blocks.
 *
 * <p>Differences from the appendix: no probation (SRTP already authenticates the source, so the
 * first packet starts the statistics), and jitter is only updated by packets that advance the
 * highest sequence number, so late retransmissions do not inflate it.
 *
 * <p>Threading: one instance per incoming SSRC, used by one thread; allocation-free except for
 * {@link #reportBlock}.
 */
public final class ReceptionStatistics {

    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;
    private static final long NANOS = 1_000_000_000L;

    private final int ssrc;
    private final int clockRate;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private long arrivalBaseNanos;
    private int lastTransit;
    private long jitterQ4;

    private boolean haveSenderReport;
    private int lastSenderReport;
    private long lastSenderReportArrival;

    /**
     * @param ssrc      the source the statistics describe
     * @param clockRate its RTP clock rate in Hz
     */
    public ReceptionStatistics(int ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive: " + clockRate);
        }
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    /**
     * Accounts one received packet of this source; {@code arrivalNanos} is a monotonic clock.
     * Returns false when the packet was not counted (a sequence jump awaiting confirmation).
     */
    public boolean packetReceived(int seq, int rtpTimestamp, long arrivalNanos) {
        seq &= 0xFFFF;
        boolean advanced;
        if (!started) {
            started = true;
            arrivalBaseNanos = arrivalNanos;
            restart(seq);
            advanced = true;
        } else {
            int udelta = (seq - maxSeq) & 0xFFFF;
            if (udelta < MAX_DROPOUT) {
                if (seq < maxSeq) {
                    cycles += SEQ_MOD;
                }
                maxSeq = seq;
                advanced = udelta != 0;
            } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
                if (seq != badSeq) {
                    badSeq = (seq + 1) & 0xFFFF;
                    return false;
                }
                restart(seq); // two sequential packets: the source restarted
                advanced = true;
            } else {
                advanced = false; // duplicate or reordered
            }
        }
        received++;
        int transit = (int) arrivalTicks(arrivalNanos) - rtpTimestamp;
        if (advanced) {
            if (received > 1) {
                int d = Math.abs(transit - lastTransit);
                jitterQ4 += d - ((jitterQ4 + 8) >> 4);
            }
            lastTransit = transit;
        }
        return true;
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    private long arrivalTicks(long arrivalNanos) {
        long nanos = arrivalNanos - arrivalBaseNanos;
        return Math.floorDiv(nanos, NANOS) * clockRate + Math.floorMod(nanos, NANOS) * clockRate / NANOS;
    }

    /** Notes an SR from this source, for LSR and DLSR. */
    public void senderReportReceived(long ntpTimestamp, long arrivalNanos) {
        haveSenderReport = true;
        lastSenderReport = NtpTime.compact(ntpTimestamp);
        lastSenderReportArrival = arrivalNanos;
    }

    public int ssrc() {
        return ssrc;
    }

    /** Cycles << 16 | highest sequence number received. */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    public long packetsReceived() {
        return received;
    }

    public long packetsExpected() {
        return started ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    /** Expected minus received since the start (negative with duplicates). */
    public long cumulativeLost() {
        return packetsExpected() - received;
    }

    /** Interarrival jitter in RTP clock units. */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    /**
     * The report block for this source now: fraction lost since the previous call (A.3), cumulative
     * loss clamped to 24 bits, and LSR/DLSR from the last SR.
     */
    public ReportBlock reportBlock(long nowNanos) {
        long expected = packetsExpected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST, Math.min(ReportBlock.MAX_CUMULATIVE_LOST, cumulativeLost()));
        int dlsr = haveSenderReport ? NtpTime.nanosToCompact(nowNanos - lastSenderReportArrival) : 0;
        return new ReportBlock(ssrc, Math.min(fraction, 255), (int) lost, extendedHighestSequence() & 0xFFFF_FFFFL,
                Math.min(jitter(), 0xFFFF_FFFFL), haveSenderReport ? lastSenderReport : 0, dlsr);
    }
}
