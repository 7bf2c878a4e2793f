package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a browser's offer as the relay: ICE-lite, DTLS server ({@code a=setup:passive}), one BUNDLE transport,
 * rtcp-mux, all candidates followed by {@code a=end-of-candidates}. Codecs, feedback and header extensions follow
 * {@link CodecPolicy} (Opus; VP8 and constrained-baseline H264 with RTX). The data channel and m-lines without a
 * usable codec are rejected one by one (port 0, with an {@link AnswerWarning}); offers the relay cannot serve at
 * all give a {@link Refusal}. Pure: no I/O, no clock, no randomness.
 */
public final class SdpAnswerer {

    private static final Set<String> PROTOCOLS = Set.of("UDP/TLS/RTP/SAVPF", "TCP/DTLS/RTP/SAVPF", "RTP/SAVPF");

    private SdpAnswerer() {
    }

    /** Parses {@code offerSdp} first; unparsable text is refused with {@link Refusal.Reason#UNPARSABLE}. */
    public static AnswerResult answer(String offerSdp, LocalParameters local, Map<String, SendStream> relaySends,
                                      long sessionVersion) {
        SdpParseResult parsed = SdpParser.parse(offerSdp);
        if (parsed instanceof SdpParseResult.Invalid invalid) {
            return new Refusal(Refusal.Reason.UNPARSABLE, invalid.message());
        }
        return answer(((SdpParseResult.Parsed) parsed).description(), local, relaySends, sessionVersion);
    }

    /**
     * @param offer          the browser's offer
     * @param local          the relay's ICE/DTLS parameters for this endpoint
     * @param relaySends     per mid, the track the relay sends on that m-line; a mid absent here means the relay
     *                       has nothing to send on it (yet). The relay sends only where the browser receives.
     * @param sessionVersion the {@code o=} version of this answer; must grow with each new local description
     */
    public static AnswerResult answer(SessionDescription offer, LocalParameters local,
                                      Map<String, SendStream> relaySends, long sessionVersion) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(relaySends, "relaySends");
        if (offer.iceLite()) {
            return new Refusal(Refusal.Reason.BOTH_ICE_LITE, "the offer is ICE-lite and so is the relay");
        }
        Refusal refusal = NegotiationChecks.unifiedPlan(offer);
        if (refusal != null) {
            return refusal;
        }
        List<MediaSection> live = NegotiationChecks.live(offer);
        if (live.isEmpty()) {
            return new Refusal(Refusal.Reason.NO_USABLE_MEDIA, "every m-line of the offer has port 0");
        }
        refusal = NegotiationChecks.security(offer, live);
        if (refusal == null) {
            refusal = setup(offer, live);
        }
        if (refusal == null) {
            refusal = NegotiationChecks.bundle(offer, live);
        }
        if (refusal != null) {
            return refusal;
        }

        List<MediaSection> sections = new ArrayList<>();
        List<NegotiatedMedia> media = new ArrayList<>();
        List<AnswerWarning> warnings = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            String mid = m.mid().orElseThrow();
            if (m.isRejected()) {
                sections.add(rejected(m));
                continue;
            }
            AnswerWarning warning = unsupported(m);
            List<RtpCodec> codecs = warning == null ? CodecPolicy.select(m) : List.of();
            if (warning == null && codecs.isEmpty()) {
                warning = new AnswerWarning(mid, AnswerWarning.Reason.NO_COMMON_CODEC, "no common codec for "
                        + m.media() + " mid " + mid + "; offered: " + CodecPolicy.offeredCodecs(m)
                        + "; the relay takes " + (m.kind() == MediaKind.AUDIO ? "opus/48000/2"
                        : "VP8/90000 or H264/90000 packetization-mode=1 constrained baseline"));
            }
            if (warning != null) {
                warnings.add(warning);
                sections.add(rejected(m));
                continue;
            }
            Direction offered = m.effectiveDirection();
            SendStream stream = relaySends.get(mid);
            boolean send = stream != null && offered.receives();
            Direction direction = Direction.of(send, offered.sends());
            List<Extmap> extensions = CodecPolicy.extensions(m);
            MediaSection.Builder b = MediaSection.builder(m.media(), local.defaultPort(), m.protocol())
                    .line(local.connectionLine().type(), local.connectionLine().value())
                    .transport(local.transport(Setup.PASSIVE))
                    .mid(mid)
                    .direction(direction)
                    .extmaps(extensions)
                    .rtcpMux(true)
                    .rtcpRsize(m.rtcpRsize())
                    .payloadTypes(RtpCodec.toPayloadTypes(codecs))
                    .candidates(local.candidates())
                    .endOfCandidates(true);
            if (send) {
                stream.describeIn(b, codecs.stream().anyMatch(RtpCodec::hasRtx));
            }
            sections.add(b.build());
            accepted.add(mid);
            media.add(new NegotiatedMedia(mid, m.kind(), direction, codecs, extensions,
                    NegotiationChecks.remoteMsids(m), NegotiationChecks.remoteSsrcs(m),
                    NegotiationChecks.remoteCname(m)));
        }
        if (media.isEmpty()) {
            List<String> why = new ArrayList<>();
            for (AnswerWarning w : warnings) {
                why.add(w.detail());
            }
            return new Refusal(Refusal.Reason.NO_USABLE_MEDIA, "no m-line could be accepted: " + why);
        }

        List<Group> groups = new ArrayList<>();
        offer.bundleGroup().ifPresent(g -> {
            List<String> mids = new ArrayList<>();
            for (String mid : g.mids()) {
                if (accepted.contains(mid)) {
                    mids.add(mid);
                }
            }
            groups.add(new Group(Group.BUNDLE, mids));
        });
        SessionDescription answer = new SessionDescription(Origin.relay(local.sessionId(), sessionVersion), "-",
                List.of(new SdpLine('t', "0 0")), true, TransportAttributes.NONE, groups,
                List.of(Attribute.of("msid-semantic", " WMS *")), sections);
        RemoteTransport remote = NegotiationChecks.remoteTransport(offer, NegotiationChecks.tag(offer, live));
        return new AnswerResult.Answered(answer, remote, media, warnings);
    }

    /** The relay is always the DTLS server: the offerer must be able to be the client. */
    private static Refusal setup(SessionDescription offer, List<MediaSection> live) {
        for (MediaSection m : live) {
            Setup s = offer.effectiveTransport(m).setup().orElse(Setup.ACTIVE);
            if (s == Setup.PASSIVE || s == Setup.HOLDCONN) {
                return new Refusal(Refusal.Reason.SETUP_CONFLICT, "m-line mid " + m.mid().orElse("?")
                        + " has a=setup:" + s.token() + "; the relay is always the DTLS server (needs actpass or active)");
            }
        }
        return null;
    }

    private static AnswerWarning unsupported(MediaSection m) {
        String mid = m.mid().orElseThrow();
        if (m.kind() == MediaKind.APPLICATION) {
            return new AnswerWarning(mid, AnswerWarning.Reason.DATA_CHANNEL_REFUSED,
                    "data channel m-line mid " + mid + " (" + m.protocol() + ") rejected: the relay carries no data channels");
        }
        if (m.kind() == MediaKind.OTHER) {
            return new AnswerWarning(mid, AnswerWarning.Reason.UNSUPPORTED_MEDIA,
                    "m=" + m.media() + " mid " + mid + " rejected: only audio and video are relayed");
        }
        if (!PROTOCOLS.contains(m.protocol())) {
            return new AnswerWarning(mid, AnswerWarning.Reason.UNSUPPORTED_PROTOCOL,
                    m.media() + " mid " + mid + " uses " + m.protocol() + "; the relay needs UDP/TLS/RTP/SAVPF");
        }
        return null;
    }

    /** Port 0 with the offer's formats and mid: rejected without a transport. */
    static MediaSection rejected(MediaSection m) {
        List<PayloadType> bare = new ArrayList<>();
        for (PayloadType pt : m.payloadTypes()) {
            bare.add(new PayloadType(pt.number(), Optional.empty(), Optional.empty(), List.of()));
        }
        return MediaSection.builder(m.media(), 0, m.protocol())
                .payloadTypes(bare)
                .formats(m.formats())
                .line('c', "IN IP4 0.0.0.0")
                .mid(m.mid().orElse(null))
                .build();
    }
}
