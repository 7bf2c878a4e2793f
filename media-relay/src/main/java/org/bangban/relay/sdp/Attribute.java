package org.bangban.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code a=} line the model does not interpret ({@code a=msid-semantic: WMS}, {@code a=rtcp:9 IN IP4 0.0.0.0},
 * {@code a=sctp-port:5000}, ...), kept so that a parse/write round trip loses nothing. {@code value} is everything
 * after the first {@code :}, empty when the attribute is a flag without a colon.
 */
public record Attribute(String name, Optional<String> value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static Attribute flag(String name) {
        return new Attribute(name, Optional.empty());
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, Optional.of(value));
    }
}
