package org.bangban.relay.sdp;

import java.util.Objects;

/**
 * A non-attribute SDP line kept verbatim, e.g. {@code t=0 0}, {@code c=IN IP4 0.0.0.0} or {@code b=AS:30}:
 * its type letter and everything after the {@code =}.
 */
public record SdpLine(char type, String value) {
    public SdpLine {
        Objects.requireNonNull(value, "value");
    }
}
