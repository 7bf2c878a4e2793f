package org.bangban.relay.sdp;

import java.util.Objects;

/**
 * The {@code o=} line: who made the description and which version of it this is. {@code sessionVersion} must grow
 * with every new description of the same session (renegotiation).
 */
public record Origin(String username, String sessionId, long sessionVersion, String netType, String addressType,
                     String address) {
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }

    /** The origin the relay writes: {@code o=- <id> <version> IN IP4 127.0.0.1}. */
    public static Origin relay(long sessionId, long sessionVersion) {
        return new Origin("-", Long.toString(sessionId), sessionVersion, "IN", "IP4", "127.0.0.1");
    }

    public Origin withVersion(long version) {
        return new Origin(username, sessionId, version, netType, addressType, address);
    }
}
