package org.bangban.relay.rtcp;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of {@link Rtcp#parse}: every packet of a compound datagram, or why it was rejected.
 * Parsing never throws for malformed input.
 */
public sealed interface RtcpParseResult permits RtcpParseResult.Parsed, RtcpParseResult.Invalid {

    /** The packets of a well-formed compound, in order. */
    record Parsed(List<RtcpPacket> packets) implements RtcpParseResult {
        public Parsed {
            packets = List.copyOf(packets);
        }
    }

    /** A rejected datagram; {@code reason} is never {@link RtcpValidity#VALID}. */
    record Invalid(RtcpValidity reason) implements RtcpParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            if (reason == RtcpValidity.VALID) {
                throw new IllegalArgumentException("an invalid result needs a reason");
            }
        }
    }
}
