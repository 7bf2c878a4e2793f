package org.bangban.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/** One {@code a=ssrc:<ssrc> <name>[:<value>]} line (RFC 5576), e.g. {@code a=ssrc:1234 cname:abcd}. */
public record SsrcAttribute(long ssrc, String name, Optional<String> value) {
    public SsrcAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static SsrcAttribute of(long ssrc, String name, String value) {
        return new SsrcAttribute(ssrc, name, Optional.of(value));
    }
}
