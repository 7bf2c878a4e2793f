package org.bangban.wallboard;

import java.util.List;

/**
 * What the record store knows of a live session: the media used so far ({@code case_session.media}: audio, video,
 * screen) and the supervisors monitoring it now (from the case's SUPERVISOR_ACTION events, so on any node).
 */
public record SessionExtras(List<String> media, List<String> monitoring) {
    public static final SessionExtras NONE = new SessionExtras(List.of(), List.of());

    public SessionExtras {
        media = List.copyOf(media);
        monitoring = List.copyOf(monitoring);
    }
}
