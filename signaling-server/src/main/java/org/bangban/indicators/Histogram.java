package org.bangban.indicators;

import java.util.Arrays;

/**
 * Counts of non-negative durations in milliseconds, in log-linear buckets: values below {@value #EXACT_BELOW} ms
 * have a bucket each (exact); above, each power of two is cut into 512 buckets, so a bucket's width is at most
 * 1/512 of its lower bound. A percentile is the midpoint of the bucket that holds the nearest-rank value, so it is
 * within {@value #RELATIVE_ERROR} (0.1 %) of the exact nearest-rank value: 30 s is reported within ±30 ms. Histograms
 * merge by adding counts, which is what lets the indicators keep one per day and group and add them up for any
 * range. A histogram with few distinct buckets (one helper's day) keeps them in a small sorted list; past
 * {@value #SPARSE_MAX} it switches to an array indexed by bucket, grown to the largest bucket used, which adds up
 * fast. Pure, not thread-safe.
 */
public final class Histogram {
    /** Values below this are counted exactly (their own bucket). */
    public static final int EXACT_BELOW = 1024;
    /** The largest relative difference between a reported percentile and the exact one: 1/1024. */
    public static final double RELATIVE_ERROR = 1.0 / 1024;
    private static final int SUB_BITS = 9; // 512 buckets per power of two above EXACT_BELOW

    static final int SPARSE_MAX = 64;
    /** Sparse form: the distinct buckets in ascending order and their counts; null once dense. */
    private int[] keys = new int[4];
    private long[] values = new long[4];
    private int size;
    /** Dense form: counts indexed by bucket; null while sparse. */
    private long[] counts;
    private long total;

    /** Counts one value; negative values (clock skew between nodes) count as 0. */
    public void add(long valueMs) {
        add(bucketOf(Math.max(0, valueMs)), 1);
    }

    void add(int bucket, long count) {
        if (count <= 0) return;
        total += count;
        if (counts == null) {
            int at = Arrays.binarySearch(keys, 0, size, bucket);
            if (at >= 0) {
                values[at] += count;
                return;
            }
            if (size < SPARSE_MAX) {
                int insert = -at - 1;
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                System.arraycopy(keys, insert, keys, insert + 1, size - insert);
                System.arraycopy(values, insert, values, insert + 1, size - insert);
                keys[insert] = bucket;
                values[insert] = count;
                size++;
                return;
            }
            counts = new long[Math.max(bucket, keys[size - 1]) + 1];
            for (int i = 0; i < size; i++) counts[keys[i]] = values[i];
            keys = null;
            values = null;
        }
        if (bucket >= counts.length) counts = Arrays.copyOf(counts, Math.max(bucket + 1, Math.min(2 * counts.length, 16_384)));
        counts[bucket] += count;
    }

    public void addAll(Histogram other) {
        if (other.counts == null) {
            for (int i = other.size - 1; i >= 0; i--) add(other.keys[i], other.values[i]);
        } else {
            for (int b = other.counts.length - 1; b >= 0; b--) add(b, other.counts[b]);
        }
    }

    /** Calls the action for each bucket with a count, in ascending order of bucket. */
    private void forEach(BucketAction action) {
        if (counts == null) {
            for (int i = 0; i < size; i++) if (action.accept(keys[i], values[i])) return;
        } else {
            for (int b = 0; b < counts.length; b++) if (counts[b] != 0 && action.accept(b, counts[b])) return;
        }
    }

    @FunctionalInterface
    private interface BucketAction {
        /** @return true to stop */
        boolean accept(int bucket, long count);
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
        long[] seen = {0, -1};
        forEach((b, c) -> {
            seen[0] += c;
            if (seen[0] < rank) return false;
            seen[1] = representative(b);
            return true;
        });
        if (seen[1] < 0) throw new IllegalStateException("rank " + rank + " beyond " + total);
        return seen[1];
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
        forEach((b, c) -> {
            if (sb.length() > 0) sb.append(',');
            sb.append(b).append(':').append(c);
            return false;
        });
        return sb.toString();
    }

    /** Adds the counts of an {@link #encode()}d histogram. */
    void addEncoded(String text) {
        addEncoded(text, 0, text.length());
    }

    /** Adds the counts of an {@link #encode()}d histogram found at text[from, to). */
    void addEncoded(String text, int from, int to) {
        int i = from;
        while (i < to) {
            int bucket = 0;
            char ch;
            while ((ch = text.charAt(i++)) != ':') bucket = bucket * 10 + digit(ch, text);
            long count = 0;
            while (i < to && (ch = text.charAt(i)) != ',') {
                count = count * 10 + digit(ch, text);
                i++;
            }
            i++;
            add(bucket, count);
        }
    }

    private static int digit(char ch, String text) {
        if (ch < '0' || ch > '9') throw new IllegalArgumentException("not an encoded histogram: " + text);
        return ch - '0';
    }
}
