package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the relay needs to route one accepted m-line: its mid and kind, the direction seen from the relay, the
 * codecs negotiated (payload types with RTX), the header-extension ids, and what the browser said about its own
 * sending: its msid stream/track ids, its SSRCs with their RTX SSRCs (simulcast layers in {@code SIM} order) and
 * its CNAME.
 */
public record NegotiatedMedia(String mid, MediaKind kind, Direction relayDirection, List<RtpCodec> codecs,
                              List<Extmap> headerExtensions, List<Msid> remoteMsids, List<RemoteSsrc> remoteSsrcs,
                              Optional<String> remoteCname) {

    public NegotiatedMedia {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(relayDirection, "relayDirection");
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
        remoteMsids = List.copyOf(remoteMsids);
        remoteSsrcs = List.copyOf(remoteSsrcs);
        Objects.requireNonNull(remoteCname, "remoteCname");
    }

    public boolean relaySends() {
        return relayDirection.sends();
    }

    public boolean relayReceives() {
        return relayDirection.receives();
    }

    /** The id negotiated for a header extension URI (see the constants in {@link Extmap}). */
    public OptionalInt extensionId(String uri) {
        for (Extmap e : headerExtensions) {
            if (e.uri().equals(uri)) {
                return OptionalInt.of(e.id());
            }
        }
        return OptionalInt.empty();
    }

    /** The codec whose main or RTX payload type is {@code pt}. */
    public Optional<RtpCodec> codecForPayloadType(int pt) {
        for (RtpCodec c : codecs) {
            if (c.payloadType() == pt || c.rtxPayloadType() == pt) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
