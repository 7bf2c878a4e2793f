package org.bangban.relay.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.rtp.RtpPacketTest.hex;

import java.lang.management.ManagementFactory;
import org.bangban.relay.rtcp.ReceptionStatistics;
import org.junit.jupiter.api.Test;

/** The per-packet path allocates nothing: measured with the JVM's per-thread allocation counter. */
class HotPathAllocationTest {

    private static final byte[] TEMPLATE = hex("90 6f 0102 00000100 11223344 bede0003 10d5 22123456 310a0b 4031 00"
            + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    private final byte[] packet = TEMPLATE.clone();
    private final byte[] rtx = new byte[1500];
    private final StreamRewriter rewriter = new StreamRewriter(7, 90_000);
    private final RetransmissionBuffer buffer = new RetransmissionBuffer(512, 1500, 1_000_000_000L);
    private final ReceptionStatistics stats = new ReceptionStatistics(0x11223344, 90_000);
    private long sink;

    private void onePacket(int i) {
        System.arraycopy(TEMPLATE, 0, packet, 0, TEMPLATE.length);
        RtpPacket.setSequenceNumber(packet, 0, i & 0xFFFF);
        RtpPacket.setTimestamp(packet, 0, i * 3000);
        int len = packet.length;
        long now = i * 1_000_000L;
        if (RtpPacket.validate(packet, 0, len) != RtpValidity.VALID) {
            throw new AssertionError("template must be valid");
        }
        stats.packetReceived(RtpPacket.sequenceNumber(packet, 0), RtpPacket.timestamp(packet, 0), now);
        sink += RtpHeaderExtensions.audioLevelByte(packet, 0, len, 1);
        RtpHeaderExtensions.setAbsSendTime(packet, 0, len, 2, RtpHeaderExtensions.absSendTimeFromNanos(now));
        RtpHeaderExtensions.setTransportSequenceNumber(packet, 0, len, 3, i & 0xFFFF);
        sink += RtpHeaderExtensions.midEquals(packet, 0, len, 4, MID) ? 1 : 0;
        if (rewriter.rewrite(packet, 0, len, now) == StreamRewriter.Verdict.FORWARD) {
            buffer.add(packet, 0, len, now);
        }
        int n = buffer.get((i - 5) & 0xFFFF, now, rtx, 0);
        if (n > 0) {
            sink += Rtx.wrap(rtx, 0, n, rtx, 0, 9, 97, i & 0xFFFF);
        }
        sink += rewriter.toSourceSequence(i & 0xFFFF);
    }

    private static final byte[] MID = {0x31};

    @Test
    void forwardingAPacketAllocatesNothing() {
        for (int i = 0; i < 50_000; i++) {
            onePacket(i);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 50_000; i < 250_000; i++) {
            onePacket(i);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated for 200,000 packets").isLessThan(4096);
        assertThat(sink).isNotZero();
        assertThat(buffer.hits()).isGreaterThan(100_000);
    }
}
