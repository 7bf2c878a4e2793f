package org.bangban.relay.media;

import org.bangban.relay.control.RelayException;
import org.bangban.relay.control.RoomInfo;
import org.bangban.relay.dtls.FingerprintParseResult;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.OutgoingSlot;
import org.bangban.relay.room.RoutingMatrix;
import org.bangban.relay.room.SlotPlanner;
import org.bangban.relay.room.TrackSource;
import org.bangban.relay.sdp.AnswerResult;
import org.bangban.relay.sdp.AppliedAnswerResult;
import org.bangban.relay.sdp.NegotiatedMedia;
import org.bangban.relay.sdp.Refusal;
import org.bangban.relay.sdp.RemoteSsrc;
import org.bangban.relay.sdp.RemoteTransport;
import org.bangban.relay.sdp.SdpAnswerer;
import org.bangban.relay.sdp.SdpOfferBuilder;
import org.bangban.relay.sdp.SdpParseResult;
import org.bangban.relay.sdp.SdpParser;
import org.bangban.relay.sdp.SendStream;
import org.bangban.relay.sdp.SessionDescription;
import org.bangban.relay.sdp.TrackSlot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One assistance session's media: its endpoints, the routing matrix, and the negotiation of
 * every endpoint's transports. Control operations take the room's lock; the packet path never
 * does (it reads the volatile arrays this class publishes).
 */
final class Room {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String id;
    private final RelayContext relay;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private RoutingMatrix routing = RoutingMatrix.empty();
    private volatile long emptySinceNanos = System.nanoTime();
    private boolean closed;

    Room(String id, RelayContext relay) {
        this.id = id;
        this.relay = relay;
    }

    synchronized RoomInfo info() {
        return new RoomInfo(id, new ArrayList<>(endpoints.keySet()));
    }

    synchronized List<Endpoint> endpoints() {
        return new ArrayList<>(endpoints.values());
    }

    synchronized Endpoint endpoint(String endpointId) {
        Endpoint e = endpoints.get(endpointId);
        if (e == null) {
            throw new RelayException(RelayException.Code.ENDPOINT_NOT_FOUND,
                    "room '" + id + "' has no endpoint '" + endpointId + "'");
        }
        return e;
    }

    long emptySinceNanos() {
        return emptySinceNanos;
    }

    synchronized boolean isEmpty() {
        return endpoints.isEmpty();
    }

    synchronized RoutingMatrix routing() {
        return routing;
    }

    // ---------------------------------------------------------------- endpoints and routing

    Endpoint addEndpoint(String endpointId, EndpointRole role) {
        List<Endpoint> renegotiate;
        Endpoint e;
        synchronized (this) {
            checkOpen();
            if (endpoints.containsKey(endpointId)) {
                throw new RelayException(RelayException.Code.ENDPOINT_EXISTS,
                        "room '" + id + "' already has endpoint '" + endpointId + "'");
            }
            e = new Endpoint(this, endpointId, role, relay.counters());
            Set<TrackSource> all = EnumSet.allOf(TrackSource.class);
            for (Endpoint other : endpoints.values()) {
                if (other.role == EndpointRole.PARTICIPANT) {
                    routing = routing.with(endpointId, other.id, all);
                    if (role == EndpointRole.PARTICIPANT) {
                        routing = routing.with(other.id, endpointId, all);
                    }
                } else if (role == EndpointRole.PARTICIPANT) {
                    routing = routing.with(other.id, endpointId, all);
                }
            }
            endpoints.put(endpointId, e);
            renegotiate = replan();
        }
        announce(renegotiate);
        return e;
    }

    void route(String receiverId, String sourceId, Set<TrackSource> tracks) {
        List<Endpoint> renegotiate;
        synchronized (this) {
            checkOpen();
            endpoint(receiverId);
            Endpoint source = endpoint(sourceId);
            if (receiverId.equals(sourceId)) {
                throw new RelayException(RelayException.Code.ROUTING_REFUSED, "an endpoint cannot receive itself");
            }
            if (source.role == EndpointRole.OBSERVER && !EnumSet.of(TrackSource.MICROPHONE).containsAll(tracks)) {
                throw new RelayException(RelayException.Code.ROUTING_REFUSED, "observer '" + sourceId
                        + "' may only be heard (microphone: whisper or barge-in), never seen");
            }
            routing = routing.with(receiverId, sourceId, tracks);
            renegotiate = replan();
        }
        announce(renegotiate);
    }

    void removeEndpoint(String endpointId, String reason, boolean fromFailure) {
        List<Endpoint> renegotiate;
        Endpoint e;
        synchronized (this) {
            e = endpoints.remove(endpointId);
            if (e == null) {
                return;
            }
            e.closed = true;
            routing = routing.without(endpointId);
            closeTransports(e);
            if (endpoints.isEmpty()) {
                emptySinceNanos = System.nanoTime();
            }
            renegotiate = replan();
        }
        if (fromFailure) {
            relay.events().endpointClosed(id, endpointId, reason);
        }
        announce(renegotiate);
    }

    void close(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Endpoint e : endpoints.values()) {
                e.closed = true;
                closeTransports(e);
            }
            endpoints.clear();
        }
        relay.roomClosed(this);
        relay.events().roomClosed(id, reason);
    }

    private void closeTransports(Endpoint e) {
        if (e.publish != null) {
            relay.closeTransport(e.publish);
        }
        if (e.subscribe != null) {
            relay.closeTransport(e.subscribe);
        }
        e.inbound = new InboundTrack[0];
        e.forwarders = new Forwarder[0];
    }

    private void checkOpen() {
        if (closed) {
            throw new RelayException(RelayException.Code.ROOM_NOT_FOUND, "room '" + id + "' is closed");
        }
    }

    // ---------------------------------------------------------------- publish transport

    String applyOffer(String endpointId, String offerSdp, Map<String, TrackSource> sourcesByMid) {
        List<Endpoint> renegotiate;
        String answer;
        synchronized (this) {
            checkOpen();
            Endpoint e = endpoint(endpointId);
            SdpParseResult parsed = SdpParser.parse(offerSdp == null ? "" : offerSdp);
            if (parsed instanceof SdpParseResult.Invalid invalid) {
                throw new RelayException(RelayException.Code.SDP_INVALID, "the offer of '" + endpointId
                        + "' is not valid SDP: " + invalid.message());
            }
            SessionDescription offer = ((SdpParseResult.Parsed) parsed).description();
            boolean fresh = e.publish == null;
            if (fresh) {
                e.publish = relay.newTransport(e, WebRtcTransport.Direction.PUBLISH);
            } else if (e.publishRemoteUfrag != null && !e.publishRemoteUfrag.equals(remoteUfrag(offer))) {
                relay.restartIce(e.publish); // the browser restarted ICE: so does the relay (RFC 8445 9)
            }
            var local = relay.localParameters(e.publish.ice().localCredentials(), e.publishSessionId);
            AnswerResult result = SdpAnswerer.answer(offer, local, Map.of(), ++e.publishVersion);
            if (result instanceof Refusal refusal) {
                throw refused(endpointId, "offer", refusal);
            }
            AnswerResult.Answered answered = (AnswerResult.Answered) result;
            InboundTrack[] tracks = tracksOf(e, answered.media(), sourcesByMid);
            acceptRemote(e.publish, answered.remote(), endpointId);
            e.publishRemoteUfrag = answered.remote().iceUfrag();
            e.inbound = tracks;
            answer = answered.sdp();
            renegotiate = replan();
        }
        announce(renegotiate);
        return answer;
    }

    private static String remoteUfrag(SessionDescription offer) {
        for (var m : offer.media()) {
            var u = offer.effectiveTransport(m).iceUfrag();
            if (u.isPresent()) {
                return u.get();
            }
        }
        return null;
    }

    private InboundTrack[] tracksOf(Endpoint e, List<NegotiatedMedia> media, Map<String, TrackSource> sources) {
        List<InboundTrack> out = new ArrayList<>();
        Set<TrackSource> seen = EnumSet.noneOf(TrackSource.class);
        for (NegotiatedMedia m : media) {
            if (!m.relayReceives()) {
                continue;
            }
            TrackSource source = sources.get(m.mid());
            if (source == null) {
                throw new RelayException(RelayException.Code.SDP_INVALID, "m-line mid=" + m.mid() + " of '" + e.id
                        + "' sends media but 'sources' does not say whether it is the microphone, camera or screen");
            }
            if (!source.kind().sdpName().equals(m.kind().name().toLowerCase(java.util.Locale.ROOT))) {
                throw new RelayException(RelayException.Code.SDP_INVALID, "m-line mid=" + m.mid() + " is "
                        + m.kind().name().toLowerCase(java.util.Locale.ROOT) + " but was declared as " + source.wireName());
            }
            if (!seen.add(source)) {
                throw new RelayException(RelayException.Code.SDP_UNSUPPORTED, "'" + e.id + "' publishes two "
                        + source.wireName() + " tracks; one of each source is supported");
            }
            if (e.role == EndpointRole.OBSERVER && source != TrackSource.MICROPHONE) {
                throw new RelayException(RelayException.Code.ROUTING_REFUSED, "observer '" + e.id
                        + "' may only publish its microphone, not its " + source.wireName());
            }
            if (m.remoteSsrcs().isEmpty()) {
                throw new RelayException(RelayException.Code.SDP_UNSUPPORTED, "m-line mid=" + m.mid()
                        + " announces no a=ssrc; the relay routes by SSRC");
            }
            RemoteSsrc ssrc = m.remoteSsrcs().get(0);
            PayloadMap payloads = RelayCodecs.payloads(m.codecs());
            InboundTrack candidate = new InboundTrack(e, source, m.mid(), (int) ssrc.ssrc(), (int) ssrc.rtxSsrc(),
                    ssrc.hasRtx(), payloads, RelayCodecs.extensions(m));
            InboundTrack previous = e.track(source);
            out.add(candidate.sameStreamAs(previous) ? previous : candidate);
        }
        return out.toArray(new InboundTrack[0]);
    }

    private void acceptRemote(WebRtcTransport transport, RemoteTransport remote, String endpointId) {
        transport.ice().setRemoteUfrag(remote.iceUfrag());
        var fp = remote.preferredFingerprint().orElseThrow(() -> new RelayException(RelayException.Code.SDP_UNSUPPORTED,
                "the SDP of '" + endpointId + "' has no DTLS fingerprint the relay can check"));
        FingerprintParseResult parsed = org.bangban.relay.dtls.Fingerprint.parse(fp.algorithm() + " " + fp.value());
        if (!(parsed instanceof FingerprintParseResult.Parsed p)) {
            throw new RelayException(RelayException.Code.SDP_UNSUPPORTED, "the DTLS fingerprint of '" + endpointId
                    + "' cannot be used: " + parsed);
        }
        if (!transport.setRemoteFingerprint(p.fingerprint())) {
            throw new RelayException(RelayException.Code.CERTIFICATE_CHANGED, "'" + endpointId + "' changed its DTLS"
                    + " certificate on a live transport (a new browser page); close the endpoint and create it again");
        }
    }

    private static RelayException refused(String endpointId, String what, Refusal refusal) {
        RelayException.Code code = refusal.reason() == Refusal.Reason.UNPARSABLE
                ? RelayException.Code.SDP_INVALID : RelayException.Code.SDP_UNSUPPORTED;
        return new RelayException(code, "the " + what + " of '" + endpointId + "' was refused ("
                + refusal.reason().name().toLowerCase(java.util.Locale.ROOT) + "): " + refusal.detail());
    }

    // ---------------------------------------------------------------- subscribe transport

    Optional<String> createOffer(String endpointId, boolean iceRestart) {
        synchronized (this) {
            checkOpen();
            Endpoint e = endpoint(endpointId);
            if (e.slots.isEmpty()) {
                return Optional.empty();
            }
            if (e.subscribe == null) {
                e.subscribe = relay.newTransport(e, WebRtcTransport.Direction.SUBSCRIBE);
            } else if (iceRestart) {
                relay.restartIce(e.subscribe);
            }
            List<TrackSlot> slots = new ArrayList<>();
            for (OutgoingSlot s : e.slots) {
                boolean audio = s.kind() == org.bangban.relay.room.MediaKind.AUDIO;
                var kind = audio ? org.bangban.relay.sdp.MediaKind.AUDIO : org.bangban.relay.sdp.MediaKind.VIDEO;
                var codecs = audio ? RelayCodecs.AUDIO : RelayCodecs.VIDEO;
                var extensions = audio ? RelayCodecs.AUDIO_EXTENSIONS : RelayCodecs.VIDEO_EXTENSIONS;
                SendStream stream = new SendStream(s.ssrc(), audio ? SendStream.NO_SSRC : s.rtxSsrc(),
                        s.streamId(), s.trackId(), "bangban-" + s.streamId());
                slots.add(TrackSlot.sending(s.mid(), kind, stream, codecs, extensions));
            }
            var local = relay.localParameters(e.subscribe.ice().localCredentials(), e.subscribeSessionId);
            SessionDescription offer = e.subscribeLocal == null
                    ? SdpOfferBuilder.initialOffer(local, slots)
                    : SdpOfferBuilder.renegotiationOffer(e.subscribeLocal, local, slots);
            e.pendingOffer = offer;
            e.offeredSlots = List.copyOf(e.slots);
            return Optional.of(offer.toSdp());
        }
    }

    void applyAnswer(String endpointId, String answerSdp) {
        synchronized (this) {
            checkOpen();
            Endpoint e = endpoint(endpointId);
            if (e.pendingOffer == null) {
                throw new RelayException(RelayException.Code.NOT_READY, "'" + endpointId
                        + "' answered, but the relay has no offer outstanding for it; ask for an offer first");
            }
            AppliedAnswerResult result = SdpOfferBuilder.applyAnswer(e.pendingOffer, answerSdp == null ? "" : answerSdp);
            if (result instanceof Refusal refusal) {
                throw refused(endpointId, "answer", refusal);
            }
            AppliedAnswerResult.Applied applied = (AppliedAnswerResult.Applied) result;
            acceptRemote(e.subscribe, applied.remote(), endpointId);
            for (NegotiatedMedia m : applied.media()) {
                Forwarder f = e.forwarderByMid.get(m.mid());
                if (f != null) {
                    f.negotiated(RelayCodecs.payloads(m.codecs()), RelayCodecs.extensions(m));
                }
            }
            e.subscribeLocal = e.pendingOffer;
            e.pendingOffer = null;
            attach();
        }
    }

    // ---------------------------------------------------------------- planning

    /**
     * Recomputes every receiver's slots; returns the endpoints whose subscribe transport needs a
     * new offer. Caller holds the lock.
     */
    private List<Endpoint> replan() {
        Set<SlotPlanner.Published> published = new HashSet<>();
        for (Endpoint e : endpoints.values()) {
            for (InboundTrack t : e.inbound) {
                published.add(new SlotPlanner.Published(e.id, t.source));
            }
        }
        List<Endpoint> changed = new ArrayList<>();
        for (Endpoint e : endpoints.values()) {
            List<OutgoingSlot> next = SlotPlanner.plan(e.slots, routing.sourcesOf(e.id), published, RANDOM::nextLong);
            if (!next.equals(e.slots)) {
                boolean grew = next.size() > e.slots.size();
                e.slots = next;
                for (OutgoingSlot s : next) {
                    e.forwarderByMid.computeIfAbsent(s.mid(), mid -> new Forwarder(e, s, relay.counters()));
                }
                e.forwarders = e.forwarderByMid.values().toArray(new Forwarder[0]);
                // A slot whose source stopped stays offered as it was: the receiver just gets no
                // packets until the source returns, then one continuous stream. Only new slots
                // need a new offer.
                if (grew) {
                    changed.add(e);
                }
            }
        }
        attach();
        return changed;
    }

    /** Connects every published track to the negotiated, active forwarders fed by it. Caller holds the lock. */
    private void attach() {
        long now = System.nanoTime();
        for (Endpoint publisher : endpoints.values()) {
            for (InboundTrack track : publisher.inbound) {
                List<Forwarder> to = new ArrayList<>();
                for (Endpoint receiver : endpoints.values()) {
                    for (OutgoingSlot s : receiver.slots) {
                        if (s.active() && s.feeds(publisher.id, track.source)) {
                            Forwarder f = receiver.forwarderByMid.get(s.mid());
                            if (f != null && f.isNegotiated()) {
                                if (f.source() != track) {
                                    f.attach(track);
                                    WebRtcTransport t = receiver.subscribe;
                                    if (t != null && t.connected()) {
                                        Endpoint.requestKeyframe(track, now, true);
                                    }
                                }
                                to.add(f);
                            }
                        }
                    }
                }
                track.subscribers = to.toArray(new Forwarder[0]);
            }
        }
    }

    private void announce(List<Endpoint> renegotiate) {
        for (Endpoint e : renegotiate) {
            relay.events().negotiationNeeded(id, e.id);
        }
    }

    // ---------------------------------------------------------------- transport events

    void endpointFailed(Endpoint e, String reason) {
        removeEndpoint(e.id, reason, true);
    }
}
