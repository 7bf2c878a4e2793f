package org.bangban.bench.media;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one machine-readable line a scenario prints last: {@code BENCH <name> key=value key=value …}, keys in the
 * order added. Numbers with a fraction get up to 3 decimals; NaN prints as {@code NaN}. Values must not hold spaces.
 *
 * <pre>
 * new SummaryLine("media").put("peer", "bangban").put("sessions", 150).put("loss_pct", 0.01).toString()
 *   → "BENCH media peer=bangban sessions=150 loss_pct=0.01"
 * </pre>
 */
public final class SummaryLine {
    private final String name;
    private final Map<String, String> values = new LinkedHashMap<>();

    public SummaryLine(String name) {
        this.name = name;
    }

    public SummaryLine put(String key, String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("summary value of " + key + " must be one word: '" + value + "'");
        }
        values.put(key, value);
        return this;
    }

    public SummaryLine put(String key, long value) {
        return put(key, Long.toString(value));
    }

    public SummaryLine put(String key, double value) {
        return put(key, format(value));
    }

    /** The value put under {@code key}, or null. */
    public String get(String key) {
        return values.get(key);
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BENCH ").append(name);
        values.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }
}
