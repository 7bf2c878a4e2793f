package org.bangban.relay.room;

import java.util.Locale;

/** What a published track carries: the microphone, the camera, or a shared screen. */
public enum TrackSource {
    MICROPHONE(MediaKind.AUDIO),
    CAMERA(MediaKind.VIDEO),
    SCREEN(MediaKind.VIDEO);

    private final MediaKind kind;

    TrackSource(MediaKind kind) {
        this.kind = kind;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The lower-case wire name ("microphone", "camera", "screen"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TrackSource fromWireName(String name) {
        for (TrackSource s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown track source '" + name
                + "' (expected microphone, camera or screen)");
    }
}
