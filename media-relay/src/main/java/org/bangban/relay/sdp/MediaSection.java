package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One m-line of a session description with everything under it (unified plan: one track per m-line, named by
 * its {@code mid}). The m-line itself is {@code media port[/portCount] protocol formats}; for RTP sections
 * {@code payloadTypes} describes each numeric format in m-line order. {@code lines} keeps the non-attribute lines
 * ({@code c=}, {@code b=}, ...) in order and {@code attributes} every attribute the model does not interpret, so a
 * parse/write round trip is lossless. {@code portCount} is 0 when the m-line has no {@code /count}.
 */
public record MediaSection(
        String media,
        int port,
        int portCount,
        String protocol,
        List<String> formats,
        List<SdpLine> lines,
        Optional<String> mid,
        Optional<Direction> direction,
        TransportAttributes transport,
        List<Candidate> candidates,
        boolean endOfCandidates,
        List<Extmap> extmaps,
        List<Msid> msids,
        boolean rtcpMux,
        boolean rtcpRsize,
        List<PayloadType> payloadTypes,
        List<SsrcGroup> ssrcGroups,
        List<SsrcAttribute> ssrcAttributes,
        List<Attribute> attributes) {

    public MediaSection {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        formats = List.copyOf(formats);
        lines = List.copyOf(lines);
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(transport, "transport");
        candidates = List.copyOf(candidates);
        extmaps = List.copyOf(extmaps);
        msids = List.copyOf(msids);
        payloadTypes = List.copyOf(payloadTypes);
        ssrcGroups = List.copyOf(ssrcGroups);
        ssrcAttributes = List.copyOf(ssrcAttributes);
        attributes = List.copyOf(attributes);
    }

    public MediaKind kind() {
        return MediaKind.of(media);
    }

    /**
     * Port 0 without {@code a=bundle-only}: the m-line is rejected (in an answer) or stopped (in an offer). An
     * offered {@code bundle-only} m-line (port 0, RFC 8843 6; Firefox does this for extra m-lines) is live.
     */
    public boolean isRejected() {
        return port == 0 && !isBundleOnly();
    }

    public boolean isBundleOnly() {
        return attribute("bundle-only").isPresent();
    }

    /** Whether the protocol carries RTP ({@code UDP/TLS/RTP/SAVPF}, {@code RTP/AVP}, ...). */
    public boolean isRtp() {
        return isRtpProtocol(protocol);
    }

    static boolean isRtpProtocol(String protocol) {
        return protocol.toUpperCase(Locale.ROOT).contains("RTP/");
    }

    /** The direction written, or {@code sendrecv} (the default) when none is. */
    public Direction effectiveDirection() {
        return direction.orElse(Direction.SENDRECV);
    }

    public Optional<PayloadType> payloadType(int number) {
        for (PayloadType pt : payloadTypes) {
            if (pt.number() == number) {
                return Optional.of(pt);
            }
        }
        return Optional.empty();
    }

    /** The first uninterpreted attribute with this name. */
    public Optional<Attribute> attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String media, int port, String protocol) {
        return new Builder(media, port, protocol);
    }

    /** Mutable helper to make or change a {@link MediaSection}. */
    public static final class Builder {
        private final String media;
        private int port;
        private int portCount;
        private final String protocol;
        private List<String> formats = new ArrayList<>();
        private List<SdpLine> lines = new ArrayList<>();
        private Optional<String> mid = Optional.empty();
        private Optional<Direction> direction = Optional.empty();
        private TransportAttributes transport = TransportAttributes.NONE;
        private List<Candidate> candidates = new ArrayList<>();
        private boolean endOfCandidates;
        private List<Extmap> extmaps = new ArrayList<>();
        private List<Msid> msids = new ArrayList<>();
        private boolean rtcpMux;
        private boolean rtcpRsize;
        private List<PayloadType> payloadTypes = new ArrayList<>();
        private List<SsrcGroup> ssrcGroups = new ArrayList<>();
        private List<SsrcAttribute> ssrcAttributes = new ArrayList<>();
        private List<Attribute> attributes = new ArrayList<>();

        private Builder(String media, int port, String protocol) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
        }

        private Builder(MediaSection s) {
            this(s.media, s.port, s.protocol);
            portCount = s.portCount;
            formats = new ArrayList<>(s.formats);
            lines = new ArrayList<>(s.lines);
            mid = s.mid;
            direction = s.direction;
            transport = s.transport;
            candidates = new ArrayList<>(s.candidates);
            endOfCandidates = s.endOfCandidates;
            extmaps = new ArrayList<>(s.extmaps);
            msids = new ArrayList<>(s.msids);
            rtcpMux = s.rtcpMux;
            rtcpRsize = s.rtcpRsize;
            payloadTypes = new ArrayList<>(s.payloadTypes);
            ssrcGroups = new ArrayList<>(s.ssrcGroups);
            ssrcAttributes = new ArrayList<>(s.ssrcAttributes);
            attributes = new ArrayList<>(s.attributes);
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder portCount(int value) {
            portCount = value;
            return this;
        }

        public Builder formats(List<String> value) {
            formats = new ArrayList<>(value);
            return this;
        }

        public Builder lines(List<SdpLine> value) {
            lines = new ArrayList<>(value);
            return this;
        }

        public Builder line(char type, String value) {
            lines.add(new SdpLine(type, value));
            return this;
        }

        public Builder mid(String value) {
            mid = Optional.ofNullable(value);
            return this;
        }

        public Builder direction(Direction value) {
            direction = Optional.ofNullable(value);
            return this;
        }

        public Builder transport(TransportAttributes value) {
            transport = value;
            return this;
        }

        public Builder candidates(List<Candidate> value) {
            candidates = new ArrayList<>(value);
            return this;
        }

        public Builder endOfCandidates(boolean value) {
            endOfCandidates = value;
            return this;
        }

        public Builder extmaps(List<Extmap> value) {
            extmaps = new ArrayList<>(value);
            return this;
        }

        public Builder msids(List<Msid> value) {
            msids = new ArrayList<>(value);
            return this;
        }

        public Builder rtcpMux(boolean value) {
            rtcpMux = value;
            return this;
        }

        public Builder rtcpRsize(boolean value) {
            rtcpRsize = value;
            return this;
        }

        /** Sets the payload types and, for this section's m-line, the formats to their numbers in order. */
        public Builder payloadTypes(List<PayloadType> value) {
            payloadTypes = new ArrayList<>(value);
            formats = new ArrayList<>();
            for (PayloadType pt : value) {
                formats.add(Integer.toString(pt.number()));
            }
            return this;
        }

        public Builder ssrcGroups(List<SsrcGroup> value) {
            ssrcGroups = new ArrayList<>(value);
            return this;
        }

        public Builder ssrcAttributes(List<SsrcAttribute> value) {
            ssrcAttributes = new ArrayList<>(value);
            return this;
        }

        public Builder attributes(List<Attribute> value) {
            attributes = new ArrayList<>(value);
            return this;
        }

        public Builder attribute(Attribute value) {
            attributes.add(value);
            return this;
        }

        public MediaSection build() {
            return new MediaSection(media, port, portCount, protocol, formats, lines, mid, direction, transport,
                    candidates, endOfCandidates, extmaps, msids, rtcpMux, rtcpRsize, payloadTypes, ssrcGroups,
                    ssrcAttributes, attributes);
        }
    }
}
