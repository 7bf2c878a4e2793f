package org.bangban.indicators;

import java.util.Locale;

/** How a report groups its rows ({@code by=} of the API); {@link #ALL} is the total, one row per day in the rollup. */
public enum Dimension {
    ALL, DAY, HELPER, DEPARTMENT, ITEM;

    /** The dimension of a {@code by} parameter: helper, department, item or day. */
    public static Dimension ofParameter(String by) {
        if (by != null) {
            switch (by.trim().toLowerCase(Locale.ROOT)) {
                case "helper": return HELPER;
                case "department": return DEPARTMENT;
                case "item": return ITEM;
                case "day": return DAY;
                default: break;
            }
        }
        throw new IllegalArgumentException("'by' is one of helper, department, item, day; was '" + by + "'");
    }

    /** The rollup rows this dimension reads: DAY and ALL read the per-day totals. */
    Dimension stored() {
        return this == DAY ? ALL : this;
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
