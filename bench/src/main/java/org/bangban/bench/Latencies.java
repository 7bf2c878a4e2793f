package org.bangban.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, kept whole (no histogram) and sorted for the percentiles. Thread-safe. */
final class Latencies {
    final String name;
    private long[] values = new long[1024];
    private int size;

    Latencies(String name) {
        this.name = name;
    }

    synchronized void record(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = Math.max(0, nanos);
    }

    synchronized Summary summary() {
        long[] v = Arrays.copyOf(values, size);
        Arrays.sort(v);
        return new Summary(name, v);
    }

    /** Percentiles of a sorted copy: nearest rank. */
    record Summary(String name, long[] sorted) {
        int count() {
            return sorted.length;
        }

        /** The q-quantile (0 < q <= 1) in milliseconds, or NaN when empty. */
        double ms(double q) {
            if (sorted.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1e6;
        }

        double maxMs() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        }

        double meanMs() {
            if (sorted.length == 0) return Double.NaN;
            double sum = 0;
            for (long x : sorted) sum += x;
            return sum / sorted.length / 1e6;
        }
    }
}
