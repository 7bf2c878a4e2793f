package org.bangban.bench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProbeAndHistogramTest {

    @Test
    void aProbeRoundTripsAtAnyOffsetAndIsRecognised() {
        byte[] buf = new byte[64];
        long sent = 0x7123_4567_89AB_CDEFL;
        Probe.write(buf, 12, 0x0102_0304, -5, sent);
        assertThat(Probe.isProbe(buf, 12, 40)).isTrue();
        assertThat(Probe.streamId(buf, 12)).isEqualTo(0x0102_0304);
        assertThat(Probe.sequence(buf, 12)).isEqualTo(-5);
        assertThat(Probe.sentNanos(buf, 12)).isEqualTo(sent);
        assertThat(Probe.isProbe(buf, 12, Probe.LENGTH - 1)).as("too short").isFalse();
        assertThat(Probe.isProbe(buf, 13, 40)).as("not at a probe").isFalse();
        Probe.write(buf, 0, 1, 2, -1L);
        assertThat(Probe.sentNanos(buf, 0)).isEqualTo(-1L);
    }

    @Test
    void smallValuesAreExactAndLargeOnesWithinOnePointSixPercent() {
        Histogram h = new Histogram();
        for (int v = 0; v < 128; v++) h.record(v);
        assertThat(h.percentile(0.5)).isEqualTo(63);
        assertThat(h.percentile(1.0)).isEqualTo(127);
        assertThat(h.min()).isZero();
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long v = (long) Math.exp(random.nextDouble() * 30);
            int index = Histogram.index(v);
            long upper = Histogram.upperBound(index);
            assertThat(upper).isGreaterThanOrEqualTo(v);
            assertThat((double) (upper - v)).isLessThanOrEqualTo(v / 64.0 + 1);
            if (index > 0) assertThat(Histogram.upperBound(index - 1)).isLessThan(v);
        }
        assertThat(Histogram.index(Long.MAX_VALUE)).isLessThan(64 * 58);
    }

    @Test
    void percentilesAreNearestRankAndMergeAcrossHistograms() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        for (int i = 1; i <= 990; i++) a.record(1_000_000); // 1 ms
        for (int i = 1; i <= 10; i++) b.record(50_000_000); // 50 ms
        b.record(-3);
        a.add(b);
        assertThat(a.count()).isEqualTo(1001);
        assertThat(a.percentile(0.5) / 1e6).isCloseTo(1.0, within(0.016));
        assertThat(a.percentile(0.99) / 1e6).isCloseTo(1.0, within(0.016));
        assertThat(a.percentile(0.999)).isEqualTo(50_000_000);
        assertThat(a.max()).isEqualTo(50_000_000);
        assertThat(a.min()).isZero();
        assertThat(new Histogram().percentile(0.99)).isZero();
    }
}
