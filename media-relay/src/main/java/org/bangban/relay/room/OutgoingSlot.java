package org.bangban.relay.room;

/**
 * One stream the relay sends a receiver: an m-line (by mid) of the receiver's subscribe
 * transport, fed by one source endpoint's track. The SSRCs are the relay's own, fixed for the
 * slot's life, so the receiver sees one continuous stream even when the source track stops and
 * restarts with new SSRCs. A slot is never removed (unified plan keeps m-lines); it goes
 * inactive when its source stops or is routed away, and comes back when it returns.
 */
public record OutgoingSlot(String mid, String sourceEndpoint, TrackSource source,
                           long ssrc, long rtxSsrc, boolean active) {

    public MediaKind kind() {
        return source.kind();
    }

    public boolean feeds(String endpoint, TrackSource track) {
        return sourceEndpoint.equals(endpoint) && source == track;
    }

    OutgoingSlot withActive(boolean nowActive) {
        return nowActive == active ? this : new OutgoingSlot(mid, sourceEndpoint, source, ssrc, rtxSsrc, nowActive);
    }

    /** The msid stream id the receiver's browser groups this track under: its source endpoint. */
    public String streamId() {
        return sourceEndpoint;
    }

    /** The msid track id: source endpoint and track, stable across restarts. */
    public String trackId() {
        return sourceEndpoint + "-" + source.wireName();
    }
}
