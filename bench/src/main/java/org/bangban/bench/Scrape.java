package org.bangban.bench;

import java.util.Map;
import java.util.TreeMap;

/** A parsed Prometheus text scrape of the node's /metrics: sums over label sets, histogram buckets. */
final class Scrape {
    private final String text;

    Scrape(String text) {
        this.text = text == null ? "" : text;
    }

    static final Scrape EMPTY = new Scrape("");

    /** Sum of every series of the metric (all label sets); 0 when absent. */
    double sum(String metric) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) continue;
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) total += value(line);
        }
        return total;
    }

    /** Sum of the series of the metric whose labels contain {@code label} (e.g. {@code area="heap"}). */
    double sumWhere(String metric, String label) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") && line.substring(0, line.lastIndexOf('}') + 1).contains(label)) {
                total += value(line);
            }
        }
        return total;
    }

    /** Cumulative bucket counts of a histogram by upper bound (seconds), summed over label sets. */
    TreeMap<Double, Double> buckets(String histogram) {
        TreeMap<Double, Double> b = new TreeMap<>();
        String prefix = histogram + "_bucket{";
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) continue;
            int le = line.indexOf("le=\"");
            if (le < 0) continue;
            String bound = line.substring(le + 4, line.indexOf('"', le + 4));
            double upper = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            b.merge(upper, value(line), Double::sum);
        }
        return b;
    }

    /**
     * The upper bound (ms) of the bucket holding the q-quantile of what was recorded between two scrapes;
     * NaN when nothing was.
     */
    static double quantileMs(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double q) {
        double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue()
                - (before.lastEntry() == null ? 0 : before.lastEntry().getValue());
        if (total <= 0) return Double.NaN;
        for (Map.Entry<Double, Double> e : after.entrySet()) {
            double n = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (n >= q * total) return e.getKey() * 1000;
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double value(String line) {
        // name{labels} value [timestamp]; label values may hold spaces (id="G1 Eden Space")
        int brace = line.lastIndexOf('}');
        String rest = brace >= 0 ? line.substring(brace + 1).trim() : line.substring(line.indexOf(' ') + 1).trim();
        String[] parts = rest.split("\\s+");
        try {
            return Double.parseDouble(parts[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
