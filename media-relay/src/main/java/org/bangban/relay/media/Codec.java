package org.bangban.relay.media;

import org.bangban.relay.room.MediaKind;

import java.util.Locale;

/** The codecs the relay forwards. */
public enum Codec {
    OPUS(MediaKind.AUDIO, 48000),
    VP8(MediaKind.VIDEO, 90000),
    H264(MediaKind.VIDEO, 90000);

    private final MediaKind kind;
    private final int clockRate;

    Codec(MediaKind kind, int clockRate) {
        this.kind = kind;
        this.clockRate = clockRate;
    }

    public MediaKind kind() {
        return kind;
    }

    public int clockRate() {
        return clockRate;
    }

    /** The codec an SDP rtpmap encoding name stands for, or null. */
    public static Codec ofEncoding(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "opus" -> OPUS;
            case "vp8" -> VP8;
            case "h264" -> H264;
            default -> null;
        };
    }
}
