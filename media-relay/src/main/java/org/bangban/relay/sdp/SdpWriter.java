package org.bangban.relay.sdp;

import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link SessionDescription} as SDP text with CRLF line ends. Known attributes come in a fixed order
 * (transport, mid, direction, extmap, msid, rtcp-mux, payload types, ssrc groups, ssrcs, others, candidates);
 * uninterpreted attributes and lines keep their relative order, so {@code parse(write(d))} equals {@code d} for
 * any parsed {@code d}.
 */
public final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription d) {
        StringBuilder sb = new StringBuilder(4096);
        line(sb, "v=0");
        Origin o = d.origin();
        line(sb, "o=" + o.username() + " " + o.sessionId() + " " + o.sessionVersion() + " " + o.netType() + " "
                + o.addressType() + " " + o.address());
        line(sb, "s=" + d.sessionName());
        lines(sb, d.lines());
        if (d.iceLite()) {
            line(sb, "a=ice-lite");
        }
        transport(sb, d.transport());
        for (Group g : d.groups()) {
            StringBuilder v = new StringBuilder("a=group:").append(g.semantics());
            for (String mid : g.mids()) {
                v.append(' ').append(mid);
            }
            line(sb, v.toString());
        }
        attributes(sb, d.attributes());
        for (MediaSection m : d.media()) {
            media(sb, m);
        }
        return sb.toString();
    }

    private static void media(StringBuilder sb, MediaSection m) {
        StringBuilder ml = new StringBuilder("m=").append(m.media()).append(' ').append(m.port());
        if (m.portCount() > 0) {
            ml.append('/').append(m.portCount());
        }
        ml.append(' ').append(m.protocol());
        for (String f : m.formats()) {
            ml.append(' ').append(f);
        }
        line(sb, ml.toString());
        lines(sb, m.lines());
        transport(sb, m.transport());
        m.mid().ifPresent(mid -> line(sb, "a=mid:" + mid));
        m.direction().ifPresent(dir -> line(sb, "a=" + dir.token()));
        for (Extmap e : m.extmaps()) {
            line(sb, "a=extmap:" + e.id() + e.direction().map(dir -> "/" + dir.token()).orElse("") + " " + e.uri()
                    + e.attributes().map(a -> " " + a).orElse(""));
        }
        for (Msid msid : m.msids()) {
            line(sb, "a=msid:" + msid.toSdpValue());
        }
        if (m.rtcpMux()) {
            line(sb, "a=rtcp-mux");
        }
        if (m.rtcpRsize()) {
            line(sb, "a=rtcp-rsize");
        }
        for (PayloadType pt : m.payloadTypes()) {
            pt.rtpmap().ifPresent(r -> line(sb, "a=rtpmap:" + pt.number() + " " + r.toSdpValue()));
            for (String fb : pt.rtcpFeedback()) {
                line(sb, "a=rtcp-fb:" + pt.number() + " " + fb);
            }
            pt.fmtp().ifPresent(f -> line(sb, "a=fmtp:" + pt.number() + " " + f));
        }
        for (SsrcGroup g : m.ssrcGroups()) {
            StringBuilder v = new StringBuilder("a=ssrc-group:").append(g.semantics());
            for (long ssrc : g.ssrcs()) {
                v.append(' ').append(ssrc);
            }
            line(sb, v.toString());
        }
        for (SsrcAttribute s : m.ssrcAttributes()) {
            line(sb, "a=ssrc:" + s.ssrc() + " " + s.name() + s.value().map(v -> ":" + v).orElse(""));
        }
        attributes(sb, m.attributes());
        for (Candidate c : m.candidates()) {
            line(sb, "a=candidate:" + c.toSdpValue());
        }
        if (m.endOfCandidates()) {
            line(sb, "a=end-of-candidates");
        }
    }

    private static void transport(StringBuilder sb, TransportAttributes t) {
        t.iceUfrag().ifPresent(u -> line(sb, "a=ice-ufrag:" + u));
        t.icePwd().ifPresent(p -> line(sb, "a=ice-pwd:" + p));
        if (!t.iceOptions().isEmpty()) {
            line(sb, "a=ice-options:" + String.join(" ", t.iceOptions()));
        }
        for (Fingerprint f : t.fingerprints()) {
            line(sb, "a=fingerprint:" + f.algorithm() + " " + f.value());
        }
        t.setup().ifPresent(s -> line(sb, "a=setup:" + s.token()));
    }

    private static void lines(StringBuilder sb, List<SdpLine> lines) {
        for (SdpLine l : lines) {
            sb.append(l.type()).append('=').append(l.value()).append(CRLF);
        }
    }

    private static void attributes(StringBuilder sb, List<Attribute> attributes) {
        for (Attribute a : attributes) {
            Optional<String> v = a.value();
            line(sb, "a=" + a.name() + v.map(x -> ":" + x).orElse(""));
        }
    }

    private static void line(StringBuilder sb, String line) {
        sb.append(line).append(CRLF);
    }
}
