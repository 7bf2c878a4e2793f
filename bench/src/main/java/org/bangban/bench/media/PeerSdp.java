package org.bangban.bench.media;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bangban.relay.dtls.Fingerprint;
import org.bangban.relay.dtls.FingerprintParseResult;
import org.bangban.relay.sdp.Candidate;
import org.bangban.relay.sdp.Direction;
import org.bangban.relay.sdp.MediaSection;
import org.bangban.relay.sdp.PayloadType;
import org.bangban.relay.sdp.SdpParseResult;
import org.bangban.relay.sdp.SdpParser;
import org.bangban.relay.sdp.SessionDescription;
import org.bangban.relay.sdp.TransportAttributes;

/**
 * The session descriptions a {@link WebRtcPeer} writes, shaped like Chrome's (BUNDLE, rtcp-mux, one host UDP
 * candidate, {@code a=setup:active} so the peer is the DTLS client, Opus on 111 and VP8 on 96), and what it reads
 * from the remote side's. Pure text work, no sockets.
 */
public final class PeerSdp {
    private PeerSdp() {
    }

    /** This side of the transport: ICE credentials, certificate fingerprint, candidate address. */
    public record Local(String ufrag, String pwd, String fingerprint, InetSocketAddress address, String cname,
                        long sessionId) {
    }

    /**
     * One m-line of an offer: {@code kind} audio or video, its mid, the SSRC this side sends on it (0 when it sends
     * nothing) and its direction ({@code sendonly} to publish, {@code sendrecv} for an echo, {@code recvonly}).
     */
    public record Track(String kind, String mid, int ssrc, Direction direction) {
    }

    /**
     * What the remote description says about the transport: ICE credentials, DTLS fingerprint and role, its UDP
     * IPv4 candidates (highest priority first) and each live m-line's mid and kind.
     */
    public record Remote(String ufrag, String pwd, Fingerprint fingerprint, Optional<String> setup,
                         List<InetSocketAddress> candidates, List<String> mids, boolean iceLite) {
    }

    /** An offer with the given m-lines, all in one BUNDLE group. */
    public static String offer(Local local, List<Track> tracks) {
        StringBuilder s = header(local, tracks.stream().map(Track::mid).toList());
        for (Track t : tracks) {
            media(s, local, t.kind(), t.mid(), t.direction(), t.kind().equals("audio") ? 111 : 96, t.ssrc());
        }
        return s.toString();
    }

    /**
     * The answer to a remote offer: every live audio m-line accepted with its Opus payload type, every video one with
     * its VP8 one, in {@code direction} (reversed to what the offer allows: an offered {@code sendonly} m-line is
     * answered {@code recvonly}, an {@code inactive} one {@code inactive}); anything else is rejected (port 0). This
     * side sends on none of them.
     */
    public static String answer(Local local, SessionDescription offer, Direction direction) {
        List<String> mids = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            if (!m.isRejected() && codecOf(m) >= 0) mids.add(m.mid().orElse(""));
        }
        StringBuilder s = header(local, mids);
        for (MediaSection m : offer.media()) {
            String mid = m.mid().orElse("");
            int pt = m.isRejected() ? -1 : codecOf(m);
            if (pt < 0) {
                s.append("m=").append(m.media()).append(" 0 ").append(m.protocol()).append(' ')
                        .append(m.formats().isEmpty() ? "0" : m.formats().get(0)).append("\r\n")
                        .append("c=IN IP4 0.0.0.0\r\n");
                m.mid().ifPresent(x -> s.append("a=mid:").append(x).append("\r\n"));
                continue;
            }
            Direction offered = m.effectiveDirection();
            Direction d = Direction.of(direction.sends() && offered.receives(), direction.receives() && offered.sends());
            media(s, local, m.media(), mid, d, pt, 0);
        }
        return s.toString();
    }

    /** Parses a remote description, or throws naming what is wrong with it. */
    public static SessionDescription parse(String sdp) {
        SdpParseResult r = SdpParser.parse(sdp);
        if (r instanceof SdpParseResult.Invalid invalid) {
            throw new IllegalArgumentException("unreadable remote SDP: " + invalid.message());
        }
        return ((SdpParseResult.Parsed) r).description();
    }

    /** The transport the remote description offers or answers with (its first live m-line's, as BUNDLE has it). */
    public static Remote remote(SessionDescription d) {
        MediaSection first = null;
        List<String> mids = new ArrayList<>();
        for (MediaSection m : d.media()) {
            if (m.isRejected()) continue;
            if (first == null) first = m;
            mids.add(m.mid().orElse(""));
        }
        if (first == null) throw new IllegalArgumentException("the remote SDP has no live m-line");
        TransportAttributes t = d.effectiveTransport(first);
        String ufrag = t.iceUfrag().orElseThrow(() -> new IllegalArgumentException("the remote SDP has no a=ice-ufrag"));
        String pwd = t.icePwd().orElseThrow(() -> new IllegalArgumentException("the remote SDP has no a=ice-pwd"));
        org.bangban.relay.sdp.Fingerprint f = t.fingerprints().stream().filter(x -> x.algorithm().equalsIgnoreCase("sha-256"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the remote SDP has no sha-256 a=fingerprint"));
        FingerprintParseResult parsed = Fingerprint.parse(f.algorithm() + " " + f.value());
        if (!(parsed instanceof FingerprintParseResult.Parsed ok)) {
            throw new IllegalArgumentException("the remote SDP's a=fingerprint is unusable: " + parsed);
        }
        List<Candidate> udp = new ArrayList<>();
        for (Candidate c : first.candidates()) {
            if (c.transport().equalsIgnoreCase("udp") && c.component() == 1 && c.address().matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                udp.add(c);
            }
        }
        udp.sort((a, b) -> Long.compare(b.priority(), a.priority()));
        List<InetSocketAddress> candidates = new ArrayList<>();
        for (Candidate c : udp) candidates.add(new InetSocketAddress(c.address(), c.port()));
        if (candidates.isEmpty()) throw new IllegalArgumentException("the remote SDP has no UDP IPv4 candidate");
        return new Remote(ufrag, pwd, ok.fingerprint(), t.setup().map(x -> x.token()), candidates, mids, d.iceLite());
    }

    /** The payload type of Opus (audio) or VP8 (video) on an m-line, or -1. */
    static int codecOf(MediaSection m) {
        String want = switch (m.media().toLowerCase(Locale.ROOT)) {
            case "audio" -> "opus";
            case "video" -> "VP8";
            default -> null;
        };
        if (want == null) return -1;
        for (PayloadType pt : m.payloadTypes()) {
            if (pt.encodingName().equalsIgnoreCase(want)) return pt.number();
        }
        return -1;
    }

    private static StringBuilder header(Local local, List<String> mids) {
        StringBuilder s = new StringBuilder(2048);
        s.append("v=0\r\n")
                .append("o=- ").append(local.sessionId()).append(" 2 IN IP4 127.0.0.1\r\n")
                .append("s=-\r\n")
                .append("t=0 0\r\n")
                .append("a=group:BUNDLE ").append(String.join(" ", mids)).append("\r\n")
                .append("a=msid-semantic: WMS ").append(local.cname()).append("\r\n");
        return s;
    }

    private static void media(StringBuilder s, Local local, String kind, String mid, Direction direction, int pt,
                              int ssrc) {
        String ip = local.address().getAddress().getHostAddress();
        s.append("m=").append(kind).append(' ').append(local.address().getPort()).append(" UDP/TLS/RTP/SAVPF ")
                .append(pt).append("\r\n")
                .append("c=IN IP4 ").append(ip).append("\r\n")
                .append("a=rtcp:9 IN IP4 0.0.0.0\r\n")
                .append("a=candidate:1 1 udp 2122260223 ").append(ip).append(' ').append(local.address().getPort())
                .append(" typ host generation 0\r\n")
                .append("a=ice-ufrag:").append(local.ufrag()).append("\r\n")
                .append("a=ice-pwd:").append(local.pwd()).append("\r\n")
                .append("a=fingerprint:").append(local.fingerprint()).append("\r\n")
                .append("a=setup:active\r\n")
                .append("a=mid:").append(mid).append("\r\n")
                .append("a=").append(direction.token()).append("\r\n");
        String msid = local.cname() + " " + kind + "-" + mid;
        if (ssrc != 0) s.append("a=msid:").append(msid).append("\r\n");
        s.append("a=rtcp-mux\r\n");
        if (pt == 111) {
            s.append("a=rtpmap:111 opus/48000/2\r\n")
                    .append("a=fmtp:111 minptime=10;useinbandfec=1\r\n");
        } else {
            s.append("a=rtpmap:").append(pt).append(" VP8/90000\r\n")
                    .append("a=rtcp-fb:").append(pt).append(" nack\r\n")
                    .append("a=rtcp-fb:").append(pt).append(" nack pli\r\n")
                    .append("a=rtcp-fb:").append(pt).append(" ccm fir\r\n");
        }
        if (ssrc != 0) {
            long u = ssrc & 0xFFFF_FFFFL;
            s.append("a=ssrc:").append(u).append(" cname:").append(local.cname()).append("\r\n")
                    .append("a=ssrc:").append(u).append(" msid:").append(msid).append("\r\n");
        }
    }
}
