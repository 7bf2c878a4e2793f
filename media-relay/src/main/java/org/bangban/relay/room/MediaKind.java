package org.bangban.relay.room;

/** RTP media kind of an SDP m-line. */
public enum MediaKind {
    AUDIO, VIDEO;

    /** The RTP clock rate the relay's codecs use: 48 kHz (Opus) for audio, 90 kHz for video. */
    public int clockRate() {
        return this == AUDIO ? 48000 : 90000;
    }

    public String sdpName() {
        return this == AUDIO ? "audio" : "video";
    }
}
