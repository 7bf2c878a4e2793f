package org.bangban.media;

import java.util.Locale;

/**
 * How a supervisor takes part in a live session: silent (sees and hears both sides, nobody hears
 * the supervisor), whisper (only the helper hears the supervisor), barge-in (both hear it).
 */
public enum MonitorMode {
    SILENT, WHISPER, BARGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MonitorMode parse(String s) {
        if (s != null) {
            for (MonitorMode m : values()) {
                if (m.wireName().equals(s)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("mode must be silent, whisper or barge");
    }
}
