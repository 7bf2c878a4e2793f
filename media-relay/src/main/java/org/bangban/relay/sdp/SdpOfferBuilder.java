package org.bangban.relay.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Offers the relay makes itself: to a subscribe-only endpoint (a supervisor) and for renegotiation when tracks
 * appear or go, including adding sendonly m-lines to a session the browser started. The offer is ICE-lite,
 * {@code a=setup:actpass} (the browser must answer active: the relay stays DTLS server), one BUNDLE group,
 * rtcp-mux. m-lines are never removed: the previous description's m-lines keep their mids and order, new ones are
 * appended. Payload types and header-extension ids of the slots are kept where they are free in the session and
 * renumbered where the BUNDLE group already binds them to something else ({@link BundleNumbering}); the numbers
 * actually used are in the offer and in {@link #applyAnswer}'s {@link NegotiatedMedia}. {@link #applyAnswer} checks the browser's answer against the offer. Pure: no I/O.
 *
 * <p>The builder methods throw {@link IllegalArgumentException} for inconsistent slots (programming errors:
 * duplicate mids, a kind change, reviving a stopped mid, a new m-line without codecs).
 */
public final class SdpOfferBuilder {

    private static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";

    private SdpOfferBuilder() {
    }

    /** A first offer (session version 1) with one m-line per slot, in order. */
    public static SessionDescription initialOffer(LocalParameters local, List<TrackSlot> slots) {
        SessionDescription empty = new SessionDescription(Origin.relay(local.sessionId(), 0), "-",
                List.of(new SdpLine('t', "0 0")), true, TransportAttributes.NONE, List.of(), List.of(), List.of());
        return renegotiationOffer(empty, local, slots);
    }

    /**
     * The next offer after {@code previousLocal} (the relay's last local description: its previous offer, or the
     * answer it gave to the browser's offer). Every previous m-line stays at its place with its mid: one named by
     * a slot takes the slot's track (or none, or stops), the others are offered as they were negotiated (a
     * browser-published m-line stays {@code recvonly} from the relay's side). Slots with new mids are appended.
     * Session id kept, version + 1.
     */
    public static SessionDescription renegotiationOffer(SessionDescription previousLocal, LocalParameters local,
                                                        List<TrackSlot> slots) {
        Objects.requireNonNull(previousLocal, "previousLocal");
        Objects.requireNonNull(local, "local");
        Map<String, TrackSlot> byMid = new LinkedHashMap<>();
        for (TrackSlot s : slots) {
            if (byMid.put(s.mid(), s) != null) {
                throw new IllegalArgumentException("two slots with mid " + s.mid());
            }
        }
        BundleNumbering numbering = new BundleNumbering();
        for (MediaSection prev : previousLocal.media()) {
            if (!prev.isRejected()) {
                numbering.register(prev);
            }
        }
        List<MediaSection> sections = new ArrayList<>();
        for (MediaSection prev : previousLocal.media()) {
            String mid = prev.mid().orElseThrow(
                    () -> new IllegalArgumentException("previous description has an m-line without a=mid"));
            TrackSlot slot = byMid.remove(mid);
            if (prev.isRejected()) {
                if (slot != null && !slot.stopped()) {
                    throw new IllegalArgumentException("mid " + mid + " was stopped; a new track needs a new mid");
                }
                sections.add(prev);
            } else if (slot == null) {
                sections.add(carriedOver(prev, local));
            } else {
                if (prev.kind() != slot.kind()) {
                    throw new IllegalArgumentException("mid " + mid + " is " + prev.media() + ", the slot is " + slot.kind());
                }
                sections.add(fromSlot(slot, prev, local, numbering));
            }
        }
        for (TrackSlot slot : byMid.values()) {
            if (slot.codecs().isEmpty()) {
                throw new IllegalArgumentException("new mid " + slot.mid() + " has no codecs");
            }
            sections.add(fromSlot(slot, null, local, numbering));
        }
        List<String> bundled = new ArrayList<>();
        for (MediaSection m : sections) {
            if (!m.isRejected()) {
                bundled.add(m.mid().orElseThrow());
            }
        }
        Origin origin = previousLocal.origin().withVersion(previousLocal.origin().sessionVersion() + 1);
        return new SessionDescription(origin, "-", List.of(new SdpLine('t', "0 0")), true, TransportAttributes.NONE,
                bundled.isEmpty() ? List.of() : List.of(new Group(Group.BUNDLE, bundled)),
                List.of(Attribute.of("msid-semantic", " WMS *")), sections);
    }

    /** A previous live m-line offered again as negotiated, with the current transport and setup:actpass. */
    private static MediaSection carriedOver(MediaSection prev, LocalParameters local) {
        return withLocalTransport(prev.toBuilder(), local).build();
    }

    private static MediaSection.Builder withLocalTransport(MediaSection.Builder b, LocalParameters local) {
        SdpLine c = local.connectionLine();
        return b.port(local.defaultPort())
                .lines(List.of(c))
                .transport(local.transport(Setup.ACTPASS))
                .candidates(local.candidates())
                .endOfCandidates(true)
                .rtcpMux(true);
    }

    private static MediaSection fromSlot(TrackSlot slot, MediaSection prev, LocalParameters local,
                                         BundleNumbering numbering) {
        MediaSection.Builder b = prev != null
                ? prev.toBuilder()
                : MediaSection.builder(slot.kind().token(), 0, PROTOCOL).mid(slot.mid()).rtcpRsize(true);
        if (!slot.codecs().isEmpty()) {
            b.payloadTypes(RtpCodec.toPayloadTypes(numbering.assign(slot.codecs())));
        }
        if (!slot.headerExtensions().isEmpty() || prev == null) {
            b.extmaps(numbering.assignExtensions(slot.headerExtensions()));
        }
        if (slot.stopped()) {
            MediaSection shape = b.build();
            return MediaSection.builder(shape.media(), 0, shape.protocol())
                    .payloadTypes(shape.payloadTypes())
                    .formats(shape.formats())
                    .line('c', "IN IP4 0.0.0.0")
                    .mid(slot.mid())
                    .direction(Direction.INACTIVE)
                    .build();
        }
        boolean receives = prev != null && prev.effectiveDirection().receives();
        b.direction(Direction.of(slot.stream().isPresent(), receives));
        if (slot.stream().isPresent()) {
            boolean rtx = b.build().payloadTypes().stream().anyMatch(PayloadType::isRtx);
            slot.stream().get().describeIn(b, rtx);
        } else {
            b.msids(List.of()).ssrcGroups(List.of()).ssrcAttributes(List.of());
        }
        return withLocalTransport(b, local).build();
    }

    /** Parses the browser's answer first; unparsable text is refused with {@link Refusal.Reason#UNPARSABLE}. */
    public static AppliedAnswerResult applyAnswer(SessionDescription offer, String answerSdp) {
        SdpParseResult parsed = SdpParser.parse(answerSdp);
        if (parsed instanceof SdpParseResult.Invalid invalid) {
            return new Refusal(Refusal.Reason.UNPARSABLE, invalid.message());
        }
        return applyAnswer(offer, ((SdpParseResult.Parsed) parsed).description());
    }

    /**
     * Checks the browser's answer to {@code offer}: same m-lines and mids, every live m-line accepted, DTLS role
     * active, fingerprint, ICE credentials, rtcp-mux, BUNDLE, directions possible; then gives the browser's
     * transport parameters and per m-line the payload types it will receive (and send) with.
     */
    public static AppliedAnswerResult applyAnswer(SessionDescription offer, SessionDescription answer) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(answer, "answer");
        if (answer.iceLite()) {
            return new Refusal(Refusal.Reason.BOTH_ICE_LITE, "the answer is ICE-lite and so is the relay");
        }
        if (answer.media().size() != offer.media().size()) {
            return new Refusal(Refusal.Reason.M_LINE_MISMATCH, "the answer has " + answer.media().size()
                    + " m-lines, the offer " + offer.media().size());
        }
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection o = offer.media().get(i);
            MediaSection a = answer.media().get(i);
            if (!a.mid().equals(o.mid()) || !a.media().equals(o.media())) {
                return new Refusal(Refusal.Reason.M_LINE_MISMATCH, "m-line " + (i + 1) + " is " + o.media() + " mid "
                        + o.mid().orElse("?") + " in the offer but " + a.media() + " mid " + a.mid().orElse("?")
                        + " in the answer");
            }
        }
        Refusal refusal = NegotiationChecks.unifiedPlan(answer);
        if (refusal != null) {
            return refusal;
        }
        List<MediaSection> live = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection o = offer.media().get(i);
            MediaSection a = answer.media().get(i);
            if (o.isRejected()) {
                continue;
            }
            if (a.isRejected()) {
                return new Refusal(Refusal.Reason.M_LINE_REJECTED,
                        "the browser rejected " + o.media() + " mid " + o.mid().orElse("?"));
            }
            live.add(a);
        }
        if (live.isEmpty()) {
            return new Refusal(Refusal.Reason.NO_USABLE_MEDIA, "the offer has no live m-line");
        }
        refusal = NegotiationChecks.security(answer, live);
        if (refusal == null) {
            refusal = NegotiationChecks.bundle(answer, live);
        }
        if (refusal != null) {
            return refusal;
        }
        List<NegotiatedMedia> media = new ArrayList<>();
        for (MediaSection a : live) {
            String mid = a.mid().orElseThrow();
            Optional<Setup> setup = answer.effectiveTransport(a).setup();
            if (setup.isEmpty() || setup.get() != Setup.ACTIVE) {
                return new Refusal(Refusal.Reason.SETUP_CONFLICT, "m-line mid " + mid + " answers a=setup:"
                        + setup.map(Setup::token).orElse("(none)") + "; the relay is DTLS server, the answer must be active");
            }
            MediaSection o = offer.section(mid).orElseThrow();
            Direction od = o.effectiveDirection();
            Direction ad = a.effectiveDirection();
            if ((ad.sends() && !od.receives()) || (ad.receives() && !od.sends())) {
                return new Refusal(Refusal.Reason.DIRECTION_CONFLICT, "m-line mid " + mid + " answers "
                        + ad.token() + " to an offered " + od.token());
            }
            List<RtpCodec> codecs = acceptedCodecs(o, a);
            if (codecs.isEmpty()) {
                return new Refusal(Refusal.Reason.NO_COMMON_CODEC, "m-line mid " + mid
                        + " answers none of the offered payload types " + o.formats());
            }
            media.add(new NegotiatedMedia(mid, a.kind(), ad.reversed(), codecs, acceptedExtensions(o, a),
                    NegotiationChecks.remoteMsids(a), NegotiationChecks.remoteSsrcs(a),
                    NegotiationChecks.remoteCname(a)));
        }
        RemoteTransport remote = NegotiationChecks.remoteTransport(answer, NegotiationChecks.tag(answer, live));
        return new AppliedAnswerResult.Applied(remote, media);
    }

    /** Offered codecs the answer kept, in the answer's order, with RTX if kept too and feedback both list. */
    private static List<RtpCodec> acceptedCodecs(MediaSection offer, MediaSection answer) {
        List<RtpCodec> out = new ArrayList<>();
        for (PayloadType answered : answer.payloadTypes()) {
            Optional<PayloadType> offered = offer.payloadType(answered.number());
            if (offered.isEmpty() || offered.get().rtpmap().isEmpty() || offered.get().isRtx()
                    || !offered.get().encodingName().equalsIgnoreCase(answered.encodingName())) {
                continue;
            }
            PayloadType o = offered.get();
            int rtx = RtpCodec.NO_RTX;
            for (PayloadType candidate : offer.payloadTypes()) {
                if (candidate.isRtx()
                        && Integer.toString(o.number()).equals(candidate.fmtpParameter("apt").orElse(""))
                        && answer.payloadType(candidate.number()).isPresent()) {
                    rtx = candidate.number();
                }
            }
            List<String> feedback = new ArrayList<>(o.rtcpFeedback());
            feedback.retainAll(answered.rtcpFeedback());
            out.add(RtpCodec.of(o, feedback, rtx));
        }
        return out;
    }

    private static List<Extmap> acceptedExtensions(MediaSection offer, MediaSection answer) {
        List<Extmap> out = new ArrayList<>();
        for (Extmap a : answer.extmaps()) {
            for (Extmap o : offer.extmaps()) {
                if (o.id() == a.id() && o.uri().equals(a.uri())) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
