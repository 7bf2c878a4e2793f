package org.bangban.indicators;

/**
 * A duration's distribution in milliseconds: how many, the exact mean, and the 50th, 90th and 99th percentiles by
 * nearest rank within {@link Histogram#RELATIVE_ERROR} (exact below {@value Histogram#EXACT_BELOW} ms). Every
 * figure but the count is null when the count is 0.
 */
public record Distribution(long count, Double meanMs, Long p50Ms, Long p90Ms, Long p99Ms) {
    static Distribution of(Histogram h, long sumMs) {
        long n = h.count();
        if (n == 0) return new Distribution(0, null, null, null, null);
        return new Distribution(n, (double) sumMs / n, h.quantile(0.50), h.quantile(0.90), h.quantile(0.99));
    }
}
