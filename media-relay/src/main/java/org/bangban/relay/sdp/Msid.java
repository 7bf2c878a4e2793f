package org.bangban.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830): the MediaStream the m-line's track belongs to ({@code -} for
 * none) and the track id.
 */
public record Msid(String streamId, Optional<String> trackId) {
    public Msid {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
    }

    public static Msid of(String streamId, String trackId) {
        return new Msid(streamId, Optional.of(trackId));
    }

    String toSdpValue() {
        return streamId + trackId.map(t -> " " + t).orElse("");
    }
}
