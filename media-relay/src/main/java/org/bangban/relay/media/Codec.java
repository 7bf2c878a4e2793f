package org.bangban.relay.media;

import java.util.Locale;

/** The codecs the relay forwards. */
public enum Codec {
    OPUS, VP8, H264;

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
