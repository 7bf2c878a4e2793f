package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks and extractions shared by the answerer and by applying a browser's answer. */
final class NegotiationChecks {

    private NegotiationChecks() {
    }

    /** Every m-line has a mid and carries at most one track. Null when fine. */
    static Refusal unifiedPlan(SessionDescription d) {
        for (int i = 0; i < d.media().size(); i++) {
            MediaSection m = d.media().get(i);
            if (m.mid().isEmpty()) {
                return new Refusal(Refusal.Reason.NO_MID,
                        "m-line " + (i + 1) + " (" + m.media() + ") has no a=mid: only unified plan is supported");
            }
            Set<String> tracks = trackIds(m);
            if (tracks.size() > 1) {
                return new Refusal(Refusal.Reason.PLAN_B, "m-line mid " + m.mid().get() + " carries " + tracks.size()
                        + " tracks " + tracks + ": plan B is not supported, one track per m-line");
            }
        }
        return null;
    }

    private static Set<String> trackIds(MediaSection m) {
        Set<String> tracks = new LinkedHashSet<>();
        for (Msid msid : m.msids()) {
            msid.trackId().ifPresent(tracks::add);
        }
        for (SsrcAttribute a : m.ssrcAttributes()) {
            if (a.name().equals("msid") && a.value().isPresent()) {
                String[] t = SdpParser.tokens(a.value().get());
                if (t.length == 2) {
                    tracks.add(t[1]);
                }
            } else if (a.name().equals("label") && a.value().isPresent()) {
                tracks.add(a.value().get());
            }
        }
        return tracks;
    }

    /** DTLS fingerprint, ICE credentials and rtcp-mux on every live m-line. Null when fine. */
    static Refusal security(SessionDescription d, List<MediaSection> live) {
        for (MediaSection m : live) {
            String mid = m.mid().orElse("?");
            TransportAttributes t = d.effectiveTransport(m);
            if (t.fingerprints().isEmpty()) {
                boolean sdes = m.attribute("crypto").isPresent();
                return sdes
                        ? new Refusal(Refusal.Reason.SDES_ONLY, "m-line mid " + mid
                                + " offers SDES keys (a=crypto) without a DTLS fingerprint: only DTLS-SRTP is supported")
                        : new Refusal(Refusal.Reason.NO_FINGERPRINT, "m-line mid " + mid + " has no a=fingerprint");
            }
            if (t.fingerprints().stream().noneMatch(Fingerprint::isSupported)) {
                return new Refusal(Refusal.Reason.UNSUPPORTED_FINGERPRINT, "m-line mid " + mid
                        + " has fingerprints only with unsupported hash functions: " + t.fingerprints());
            }
            if (t.iceUfrag().isEmpty() || t.icePwd().isEmpty()) {
                return new Refusal(Refusal.Reason.NO_ICE_CREDENTIALS,
                        "m-line mid " + mid + " has no a=ice-ufrag/a=ice-pwd");
            }
            if (m.isRtp() && !m.rtcpMux()) {
                return new Refusal(Refusal.Reason.NO_RTCP_MUX,
                        "m-line mid " + mid + " has no a=rtcp-mux: RTP and RTCP must share one port");
            }
        }
        return null;
    }

    /** With more than one live m-line, one BUNDLE group must hold them all. Null when fine. */
    static Refusal bundle(SessionDescription d, List<MediaSection> live) {
        if (live.size() < 2) {
            return null;
        }
        Optional<Group> bundle = d.bundleGroup();
        List<String> missing = new ArrayList<>();
        for (MediaSection m : live) {
            String mid = m.mid().orElse("?");
            if (bundle.isEmpty() || !bundle.get().mids().contains(mid)) {
                missing.add(mid);
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return new Refusal(Refusal.Reason.NO_BUNDLE, bundle.isEmpty()
                ? live.size() + " m-lines but no a=group:BUNDLE: all media must share one transport"
                : "mids " + missing + " are outside the a=group:BUNDLE: all media must share one transport");
    }

    static List<MediaSection> live(SessionDescription d) {
        List<MediaSection> out = new ArrayList<>();
        for (MediaSection m : d.media()) {
            if (!m.isRejected()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The tagged m-line: the first live mid of the BUNDLE group, else the first live m-line. */
    static MediaSection tag(SessionDescription d, List<MediaSection> live) {
        Optional<Group> bundle = d.bundleGroup();
        if (bundle.isPresent()) {
            for (String mid : bundle.get().mids()) {
                for (MediaSection m : live) {
                    if (m.mid().isPresent() && m.mid().get().equals(mid)) {
                        return m;
                    }
                }
            }
        }
        return live.get(0);
    }

    /** After {@link #security} passed. An absent a=setup counts as active (RFC 4145 default). */
    static RemoteTransport remoteTransport(SessionDescription d, MediaSection tag) {
        TransportAttributes t = d.effectiveTransport(tag);
        return new RemoteTransport(t.iceUfrag().orElseThrow(), t.icePwd().orElseThrow(), t.fingerprints(),
                t.setup().orElse(Setup.ACTIVE), tag.candidates());
    }

    /** The browser's media SSRCs with their FID (RTX) partners; SIM layers first, in group order. */
    static List<RemoteSsrc> remoteSsrcs(MediaSection m) {
        Map<Long, Long> fid = new HashMap<>();
        Set<Long> secondaries = new HashSet<>();
        Set<Long> mains = new LinkedHashSet<>();
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals(SsrcGroup.SIM)) {
                mains.addAll(g.ssrcs());
            } else if (g.ssrcs().size() >= 2) {
                if (g.semantics().equals(SsrcGroup.FID)) {
                    fid.putIfAbsent(g.ssrcs().get(0), g.ssrcs().get(1));
                }
                secondaries.addAll(g.ssrcs().subList(1, g.ssrcs().size()));
            }
        }
        for (SsrcAttribute a : m.ssrcAttributes()) {
            mains.add(a.ssrc());
        }
        for (SsrcGroup g : m.ssrcGroups()) {
            mains.addAll(g.ssrcs());
        }
        List<RemoteSsrc> out = new ArrayList<>();
        for (long s : mains) {
            if (!secondaries.contains(s)) {
                out.add(new RemoteSsrc(s, fid.getOrDefault(s, SendStream.NO_SSRC)));
            }
        }
        return out;
    }

    /** a=msid lines, or the msid of a=ssrc lines when there are none. */
    static List<Msid> remoteMsids(MediaSection m) {
        if (!m.msids().isEmpty()) {
            return m.msids();
        }
        Set<Msid> out = new LinkedHashSet<>();
        for (SsrcAttribute a : m.ssrcAttributes()) {
            if (a.name().equals("msid") && a.value().isPresent()) {
                String[] t = SdpParser.tokens(a.value().get());
                if (t.length == 1 || t.length == 2) {
                    out.add(new Msid(t[0], t.length == 2 ? Optional.of(t[1]) : Optional.empty()));
                }
            }
        }
        return List.copyOf(out);
    }

    static Optional<String> remoteCname(MediaSection m) {
        for (SsrcAttribute a : m.ssrcAttributes()) {
            if (a.name().equals("cname") && a.value().isPresent()) {
                return a.value();
            }
        }
        return Optional.empty();
    }
}
