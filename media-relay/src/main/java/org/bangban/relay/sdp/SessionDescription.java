package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole SDP offer or answer (unified plan). Session level: the origin, the session name, the other
 * non-attribute lines in order ({@code t=}, {@code c=}, {@code b=}, ...), {@code a=ice-lite}, the ICE/DTLS
 * attributes written at session level, the {@code a=group} lines, and every other session attribute kept as
 * written; then the m-lines. Build one with {@link SdpParser#parse} or the relay's answerer and offer builder;
 * {@link #toSdp()} writes it back.
 */
public record SessionDescription(Origin origin, String sessionName, List<SdpLine> lines, boolean iceLite,
                                 TransportAttributes transport, List<Group> groups, List<Attribute> attributes,
                                 List<MediaSection> media) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        lines = List.copyOf(lines);
        Objects.requireNonNull(transport, "transport");
        groups = List.copyOf(groups);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** Parses SDP text; never throws for bad input. Same as {@link SdpParser#parse}. */
    public static SdpParseResult parse(String sdp) {
        return SdpParser.parse(sdp);
    }

    /** The SDP text, CRLF line ends. Same as {@link SdpWriter#write}. */
    public String toSdp() {
        return SdpWriter.write(this);
    }

    public Optional<Group> bundleGroup() {
        for (Group g : groups) {
            if (g.isBundle()) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    public Optional<MediaSection> section(String mid) {
        for (MediaSection m : media) {
            if (m.mid().isPresent() && m.mid().get().equals(mid)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The ICE/DTLS attributes that apply to {@code section}: its own, else the session-level ones. */
    public TransportAttributes effectiveTransport(MediaSection section) {
        return section.transport().orElse(transport);
    }

    public SessionDescription withOrigin(Origin value) {
        return new SessionDescription(value, sessionName, lines, iceLite, transport, groups, attributes, media);
    }

    public SessionDescription withMedia(List<MediaSection> value) {
        return new SessionDescription(origin, sessionName, lines, iceLite, transport, groups, attributes, value);
    }
}
