package org.bangban.indicators;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts of non-negative durations in milliseconds, in log-linear buckets: values below {@value #EXACT_BELOW} ms
 * have a bucket each (exact); above, each power of two is cut into 512 buckets, so a bucket's width is at most
 * 1/512 of its lower bound. A percentile is the midpoint of the bucket that holds the nearest-rank value, so it is
 * within {@value #RELATIVE_ERROR} (0.1 %) of the exact nearest-rank value: 30 s is reported within ±30 ms. Histograms
 * merge by adding counts, which is what lets the indicators keep one per day and group and add them up for any
 * range. Pure, not thread-safe.
 */
public final class Histogram {
    /** Values below this are counted exactly (their own bucket). */
    public static final int EXACT_BELOW = 1024;
    /** The largest relative difference between a reported percentile and the exact one: 1/1024. */
    public static final double RELATIVE_ERROR = 1.0 / 1024;
    private static final int SUB_BITS = 9; // 512 buckets per power of two above EXACT_BELOW

    private final Map<Integer, Long> counts = new HashMap<>();
    private long total;

    /** Counts one value; negative values (clock skew between nodes) count as 0. */
    public void add(long valueMs) {
        add(bucketOf(Math.max(0, valueMs)), 1);
    }

    void add(int bucket, long count) {
        if (count <= 0) return;
        counts.merge(bucket, count, Long::sum);
        total += count;
    }

    public void addAll(Histogram other) {
        other.counts.forEach(this::add);
    }

    public long count() {
        return total;
    }

    /**
     * The q-quantile by nearest rank (the value at rank ceil(q·n) in ascending order), as its bucket's midpoint;
     * null when empty.
     *
     * @param q in (0, 1]
     */
    public Long quantile(double q) {
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("a quantile is in (0, 1], was " + q);
        if (total == 0) return null;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        int[] buckets = sortedBuckets();
        long seen = 0;
        for (int b : buckets) {
            seen += counts.get(b);
            if (seen >= rank) return representative(b);
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total);
    }

    private int[] sortedBuckets() {
        int[] keys = new int[counts.size()];
        int i = 0;
        for (int k : counts.keySet()) keys[i++] = k;
        Arrays.sort(keys);
        return keys;
    }

    /** The bucket of a value: the value itself below {@value #EXACT_BELOW}, then 512 per power of two. */
    static int bucketOf(long v) {
        if (v < EXACT_BELOW) return (int) v;
        int shift = 64 - Long.numberOfLeadingZeros(v) - (SUB_BITS + 1); // v >> shift is in [512, 1024)
        return EXACT_BELOW + (shift - 1) * (1 << SUB_BITS) + (int) ((v >> shift) - (1 << SUB_BITS));
    }

    /** The value a bucket reports: the value itself below {@value #EXACT_BELOW}, else the bucket's midpoint. */
    static long representative(int bucket) {
        if (bucket < EXACT_BELOW) return bucket;
        int k = bucket - EXACT_BELOW;
        int shift = k / (1 << SUB_BITS) + 1;
        long mantissa = (k % (1 << SUB_BITS)) + (1 << SUB_BITS);
        return (mantissa << shift) + (1L << (shift - 1));
    }

    /** As text: {@code bucket:count} pairs, ascending, comma-separated (empty when empty). */
    String encode() {
        StringBuilder sb = new StringBuilder();
        for (int b : sortedBuckets()) {
            if (sb.length() > 0) sb.append(',');
            sb.append(b).append(':').append(counts.get(b));
        }
        return sb.toString();
    }

    /** Adds the counts of an {@link #encode()}d histogram. */
    void addEncoded(String text) {
        if (text.isEmpty()) return;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int colon = text.indexOf(':', i);
            int comma = text.indexOf(',', colon);
            if (comma < 0) comma = n;
            add(Integer.parseInt(text, i, colon, 10), Long.parseLong(text, colon + 1, comma, 10));
            i = comma + 1;
        }
    }
}
