package org.bangban.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {
    /** Nearest rank over the exact values: the value at rank ceil(q·n). */
    static long exact(long[] sorted, double q) {
        int rank = (int) Math.max(1, Math.ceil(q * sorted.length));
        return sorted[rank - 1];
    }

    @Test
    void valuesBelow1024MsAreExact() {
        Histogram h = new Histogram();
        for (long v = 0; v < Histogram.EXACT_BELOW; v++) h.add(v);
        assertThat(h.count()).isEqualTo(1024);
        assertThat(h.quantile(0.5)).isEqualTo(511); // rank 512
        assertThat(h.quantile(0.9)).isEqualTo(921); // rank ceil(921.6) = 922
        assertThat(h.quantile(1.0)).isEqualTo(1023);
    }

    @Test
    void bucketsAreContiguousAndTheirMidpointIsWithinTheBound() {
        int previous = Histogram.bucketOf(1023);
        for (long v = 1024; v < 5_000_000; v++) {
            int b = Histogram.bucketOf(v);
            assertThat(b).isBetween(previous, previous + 1);
            previous = b;
            long rep = Histogram.representative(b);
            assertThat(Math.abs(rep - v) / (double) v).isLessThanOrEqualTo(Histogram.RELATIVE_ERROR);
            assertThat(Histogram.bucketOf(rep)).isEqualTo(b);
        }
        // the largest durations still land in a bucket of their own power of two
        long big = 40L * 24 * 3600 * 1000;
        assertThat(Math.abs(Histogram.representative(Histogram.bucketOf(big)) - big) / (double) big)
                .isLessThanOrEqualTo(Histogram.RELATIVE_ERROR);
    }

    @Test
    void percentilesOfRandomDurationsAreWithinTheStatedErrorOfTheExactOnes() {
        Random r = new Random(7);
        long[] values = new long[100_000];
        Histogram h = new Histogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(r.nextDouble() * 15); // 1 ms to ~55 min, log-uniform
            h.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
            long want = exact(values, q);
            long got = h.quantile(q);
            assertThat(Math.abs(got - want)).as("q=%s exact %s got %s", q, want, got)
                    .isLessThanOrEqualTo((long) Math.floor(want * Histogram.RELATIVE_ERROR));
        }
    }

    @Test
    void mergedAndDecodedHistogramsGiveTheSameAnswers() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        Histogram both = new Histogram();
        Random r = new Random(3);
        for (int i = 0; i < 5000; i++) {
            long v = r.nextInt(3_000_000);
            (i % 2 == 0 ? a : b).add(v);
            both.add(v);
        }
        Histogram merged = new Histogram();
        merged.addAll(a);
        merged.addEncoded(b.encode());
        assertThat(merged.encode()).isEqualTo(both.encode());
        for (double q : new double[] {0.5, 0.9, 0.99}) assertThat(merged.quantile(q)).isEqualTo(both.quantile(q));
    }

    @Test
    void emptyNegativeAndBadQuantiles() {
        Histogram h = new Histogram();
        assertThat(h.quantile(0.5)).isNull();
        assertThat(h.encode()).isEmpty();
        h.add(-5); // a clock that went backwards between two nodes
        assertThat(h.quantile(0.5)).isZero();
        assertThatThrownBy(() -> h.quantile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
