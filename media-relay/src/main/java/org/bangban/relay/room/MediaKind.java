package org.bangban.relay.room;

/** RTP media kind of an SDP m-line. */
public enum MediaKind {
    AUDIO, VIDEO;

    public String sdpName() {
        return this == AUDIO ? "audio" : "video";
    }
}
