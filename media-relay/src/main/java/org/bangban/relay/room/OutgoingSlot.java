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

    /**
     * The msid stream id the receiver's browser groups this track under: its source endpoint, made an
     * SDP token (RFC 8830: token characters, at most 64), e.g. {@code staff:helper1} → {@code staff.helper1}.
     */
    public String streamId() {
        return token(sourceEndpoint, 64);
    }

    /** The msid track id: source endpoint and track, stable across restarts ({@code staff.helper1-camera}). */
    public String trackId() {
        return token(sourceEndpoint, 64 - 1 - source.wireName().length()) + "-" + source.wireName();
    }

    /** {@code id} with every character outside the SDP token set replaced by '.', cut to {@code max}. */
    static String token(String id, int max) {
        StringBuilder sb = new StringBuilder(Math.min(id.length(), max));
        for (int i = 0; i < id.length() && sb.length() < max; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`{|}~".indexOf(c) >= 0;
            sb.append(ok ? c : '.');
        }
        return sb.toString();
    }
}
