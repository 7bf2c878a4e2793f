package org.bangban.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * An RTP header extension mapping {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285): the local
 * id the extension has in RTP packets of this m-line.
 */
public record Extmap(int id, Optional<Direction> direction, String uri, Optional<String> attributes) {

    public static final String SDES_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String SSRC_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    public Extmap {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static Extmap of(int id, String uri) {
        return new Extmap(id, Optional.empty(), uri, Optional.empty());
    }
}
