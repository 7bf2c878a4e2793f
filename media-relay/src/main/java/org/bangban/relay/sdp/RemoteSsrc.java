package org.bangban.relay.sdp;

/**
 * An SSRC the browser announced it sends on an m-line and the RTX SSRC paired with it by an {@code FID} group
 * ({@link SendStream#NO_SSRC} for none).
 */
public record RemoteSsrc(long ssrc, long rtxSsrc) {
    public boolean hasRtx() {
        return rtxSsrc != SendStream.NO_SSRC;
    }
}
