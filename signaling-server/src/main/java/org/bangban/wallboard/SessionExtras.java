package org.bangban.wallboard;

import java.util.List;

/**
 * What the record store knows of a live session: the media used so far ({@code case_session.media}: audio, video,
 * screen) and the supervisors monitoring it now (from the case's SUPERVISOR_ACTION events, so on any node); and
 * its media quality as the relay measures it.
 */
public record SessionExtras(List<String> media, List<String> monitoring, MediaQuality quality) {
    public static final SessionExtras NONE = new SessionExtras(List.of(), List.of());

    public SessionExtras {
        media = List.copyOf(media);
        monitoring = List.copyOf(monitoring);
        quality = quality == null ? MediaQuality.NONE : quality;
    }

    public SessionExtras(List<String> media, List<String> monitoring) {
        this(media, monitoring, MediaQuality.NONE);
    }

    public SessionExtras withQuality(MediaQuality q) {
        return new SessionExtras(media, monitoring, q);
    }
}
