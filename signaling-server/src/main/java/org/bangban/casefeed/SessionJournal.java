package org.bangban.casefeed;

import java.util.Collection;
import org.bangban.identity.Role;
import org.bangban.live.LiveSession;
import org.bangban.relay.room.TrackSource;

/**
 * What the pairing and media code tell the case log 办件 about assistance sessions, as they happen. The callers do
 * no I/O of their own for it: they call these hooks after a live-state change has been made (never inside a
 * live-state lock) and go on with whatever the hook returns. An implementation must not throw: a recording that
 * fails is its own business to report (see {@link CaseFeed}); pairing goes on.
 *
 * <p>{@link #NONE} records nothing; it is the default of {@code PairingService} and {@code MediaService}.
 */
public interface SessionJournal {
    /** Records nothing and knows no case numbers. */
    SessionJournal NONE = new SessionJournal() { };

    /**
     * A helper accepted a request: the session is live.
     *
     * @param waitedMillis how long the request waited (arrival to accept)
     * @return the case number the session belongs to, or null when it could not be recorded
     */
    default String sessionStarted(LiveSession session, long waitedMillis) {
        return null;
    }

    /** The case number of a session (e.g. for a resumed {@code session.started}), or null when unknown. */
    default String caseNumberOf(String sessionId) {
        return null;
    }

    /**
     * A session ended: by a party, by a supervisor, lost, or handed on (then {@link SessionEnd#successor()} is the
     * request that continues it, and belongs to the same case).
     *
     * @return the session's case number, or null when it could not be recorded
     */
    default String sessionEnded(SessionEnd end) {
        return null;
    }

    /**
     * A helper's wrap-up ended, early ({@code wrapup.end}) or when its time ran out; {@code at} is when. Must return
     * at once (it is called from the pairing loop).
     */
    default void wrapUpEnded(String helperId, long at, boolean early) {
    }

    /** A participant (applicant, helper, monitoring supervisor) publishes these sources in a live session. */
    default void mediaUsed(LiveSession session, String principalId, Role role, Collection<TrackSource> sources) {
    }

    /** A supervisor started or stopped monitoring, changed the mode (whisper, barge-in) or ended the session. */
    default void supervisorAction(LiveSession session, String supervisorId, SupervisorAction action) {
    }
}
