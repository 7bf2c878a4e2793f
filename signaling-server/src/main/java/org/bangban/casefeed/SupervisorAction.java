package org.bangban.casefeed;

import org.bangban.media.MonitorMode;

/** What a supervisor 监督人员 did in a live session; each is a SUPERVISOR_ACTION event of the session's case. */
public enum SupervisorAction {
    /** Joined as a silent observer ({@code monitor.start}). */
    MONITOR_START,
    /** Back to listening only. */
    SILENT,
    /** Speaks to the helper only (coaching). */
    WHISPER,
    /** Speaks to both: barge-in. */
    BARGE,
    /** Left ({@code monitor.stop}). */
    MONITOR_STOP,
    /** Ended the session ({@code session.end} by a supervisor). */
    FORCE_END;

    /** The action of switching to a monitoring mode. */
    public static SupervisorAction of(MonitorMode mode) {
        return switch (mode) {
            case SILENT -> SILENT;
            case WHISPER -> WHISPER;
            case BARGE -> BARGE;
        };
    }

    /** Whether the supervisor is still monitoring after this action. */
    public boolean monitoring() {
        return this != MONITOR_STOP && this != FORCE_END;
    }
}
