package org.bangban.bench.media;

/**
 * A fixed-bucket histogram of non-negative longs (nanoseconds here), log-linear like HdrHistogram with 64 sub-buckets
 * per power of two: values below 128 are exact, larger ones fall in a bucket whose width is at most 1/64 of its lower
 * bound, so a percentile is within 1.6 % of the true value. Recording is one array increment (no allocation); one
 * histogram belongs to one thread, and {@link #add} merges them at the end. Percentiles are nearest-rank and
 * report the upper bound of the bucket (never below the true value); the maximum is exact.
 */
public final class Histogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS; // 64
    /** Buckets for every long: 2 * SUB exact values, then SUB per further power of two. */
    private static final int BUCKETS = SUB * (64 - SUB_BITS);

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;
    private long min = Long.MAX_VALUE;
    private double sum;

    /** Records one value; a negative one counts as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        total++;
        sum += v;
        if (v > max) max = v;
        if (v < min) min = v;
    }

    /** Adds every value of {@code other} to this one. */
    public void add(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
        total += other.total;
        sum += other.sum;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    public long count() {
        return total;
    }

    /** The largest value recorded (exact), 0 when empty. */
    public long max() {
        return max;
    }

    /** The smallest value recorded (exact), 0 when empty. */
    public long min() {
        return total == 0 ? 0 : min;
    }

    public double mean() {
        return total == 0 ? Double.NaN : sum / total;
    }

    /**
     * The q-quantile (0 < q <= 1), nearest rank: the upper bound of the bucket holding the value of rank
     * ceil(q * count), capped by the exact maximum; 0 when empty.
     */
    public long percentile(double q) {
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(max, upperBound(i));
        }
        return max;
    }

    static int index(long v) {
        if (v < 2 * SUB) return (int) v;
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // v >>> shift is in [64, 128)
        return SUB * shift + (int) (v >>> shift);
    }

    static long upperBound(int index) {
        if (index < 2 * SUB) return index;
        int shift = index / SUB - 1;
        long sub = index - (long) SUB * shift;
        return ((sub + 1) << shift) - 1;
    }
}
