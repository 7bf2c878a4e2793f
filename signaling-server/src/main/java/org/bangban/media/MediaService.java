package org.bangban.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bangban.casefeed.SessionJournal;
import org.bangban.casefeed.SupervisorAction;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.live.LiveSession;
import org.bangban.live.LiveState;
import org.bangban.live.MessageBus;
import org.bangban.protocol.Codec;
import org.bangban.protocol.ErrorCode;
import org.bangban.protocol.ProtocolException;
import org.bangban.relay.control.RelayControl;
import org.bangban.relay.control.RelayEvents;
import org.bangban.relay.control.RelayException;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.TrackSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Connects live sessions to the media relay: one relay room per session, one endpoint per
 * browser (applicant, helper, monitoring supervisors), SDP carried over the WebSocket
 * (docs/protocol.md, "Media"). The relay's own offers go to the browser as {@code media.offer}
 * pushes, one at a time per browser: a newer one waits until the last is answered.
 *
 * <p>Only the relay's candidates ever reach a browser, so there is no peer-to-peer path.
 */
public final class MediaService implements RelayEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);

    private final RelayControl relay;
    private final LiveState live;
    private final MessageBus bus;
    private final Codec codec;
    private final Predicate<String> connectedHere;
    private final boolean showMonitoringToHelper;
    private final ExecutorService events;
    private volatile SessionJournal journal = SessionJournal.NONE;
    /** Per (session, principal) on this node: an offer is out and unanswered; another is due after it. */
    private final Map<String, Negotiation> negotiations = new ConcurrentHashMap<>();
    /** Supervisors monitoring a session on this node: session → supervisor → mode. */
    private final Map<String, Map<String, MonitorMode>> monitors = new ConcurrentHashMap<>();

    private static final class Negotiation {
        boolean outstanding;
        boolean due;
    }

    /**
     * @param connectedHere          whether a principal has a WebSocket on this node (relay events
     *                               are acted on by the node that holds the browser)
     * @param showMonitoringToHelper policy: tell the helper when a supervisor starts silent monitoring
     */
    public MediaService(RelayControl relay, LiveState live, MessageBus bus, Codec codec,
                        Predicate<String> connectedHere, boolean showMonitoringToHelper) {
        this.relay = relay;
        this.live = live;
        this.bus = bus;
        this.codec = codec;
        this.connectedHere = connectedHere;
        this.showMonitoringToHelper = showMonitoringToHelper;
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bangban-media-events");
            t.setDaemon(true);
            return t;
        });
        relay.setEvents(this);
    }

    /** Where media use and supervisors' actions are recorded (the case log); {@link SessionJournal#NONE} until set. */
    public void journal(SessionJournal journal) {
        this.journal = journal == null ? SessionJournal.NONE : journal;
    }

    // ---------------------------------------------------------------- client messages

    /** {@code media.offer}: the browser's publish offer; the reply carries the relay's answer. */
    public ObjectNode publish(Principal who, String sessionId, String sdp, Map<String, String> sources) {
        LiveSession s = sessionOf(who, sessionId);
        Map<String, TrackSource> bySource = new LinkedHashMap<>();
        if (sources != null) {
            for (Map.Entry<String, String> e : sources.entrySet()) {
                try {
                    bySource.put(e.getKey(), TrackSource.fromWireName(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new ProtocolException(ErrorCode.INVALID, "sources." + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        if (sdp == null || sdp.isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID, "'sdp' is required");
        }
        ensureEndpoint(s, who);
        try {
            String answer;
            try {
                answer = relay.applyOffer(s.id(), who.id(), sdp, bySource);
            } catch (RelayException e) {
                if (e.code() != RelayException.Code.CERTIFICATE_CHANGED || who.role() == Role.SUPERVISOR) throw e;
                answer = replaceEndpoint(s, who, sdp, bySource);
            }
            journal.mediaUsed(s, who.id(), who.role(), bySource.values());
            ObjectNode data = codec.mapper().createObjectNode();
            data.put("sdp", answer);
            return data;
        } catch (RelayException e) {
            throw refused(e);
        }
    }

    /** {@code media.answer}: the browser's answer to the relay's last {@code media.offer} push. */
    public ObjectNode answer(Principal who, String sessionId, String sdp) {
        LiveSession s = sessionOf(who, sessionId);
        if (sdp == null || sdp.isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID, "'sdp' is required");
        }
        Negotiation n = negotiations.computeIfAbsent(key(s.id(), who.id()), k -> new Negotiation());
        try {
            relay.applyAnswer(s.id(), who.id(), sdp);
        } catch (RelayException e) {
            throw refused(e);
        } finally {
            synchronized (n) {
                n.outstanding = false;
            }
            offerIfDue(s.id(), who.id());
        }
        return null;
    }

    /** {@code media.restart}: the browser lost its connection; the relay makes a fresh offer with ICE restart. */
    public ObjectNode restart(Principal who, String sessionId) {
        LiveSession s = sessionOf(who, sessionId);
        Negotiation n = negotiations.computeIfAbsent(key(s.id(), who.id()), k -> new Negotiation());
        synchronized (n) {
            n.outstanding = false;
        }
        sendOffer(s.id(), who.id(), true);
        return null;
    }

    /** {@code monitor.start}: a supervisor joins a live session as a silent observer. */
    public ObjectNode monitor(Principal supervisor, String sessionId) {
        requireSupervisor(supervisor);
        LiveSession s = live.session(required(sessionId)).orElseThrow(() -> notFound(sessionId));
        Map<String, MonitorMode> m = monitors.computeIfAbsent(s.id(), k -> new ConcurrentHashMap<>());
        if (m.putIfAbsent(supervisor.id(), MonitorMode.SILENT) != null) {
            throw new ProtocolException(ErrorCode.CONFLICT, "you already monitor session '" + sessionId + "'");
        }
        try {
            ensureRoom(s);
            relay.createEndpoint(s.id(), supervisor.id(), EndpointRole.OBSERVER);
        } catch (RelayException e) {
            m.remove(supervisor.id());
            throw refused(e);
        }
        journal.supervisorAction(s, supervisor.id(), SupervisorAction.MONITOR_START);
        if (showMonitoringToHelper) {
            tell(s.helperId(), "monitor.started", s.id(), MonitorMode.SILENT);
        }
        sendOffer(s.id(), supervisor.id(), false);
        ObjectNode data = codec.mapper().createObjectNode();
        data.put("sessionId", s.id());
        data.put("mode", MonitorMode.SILENT.wireName());
        return data;
    }

    /** {@code monitor.mode}: silent, whisper (the helper hears the supervisor) or barge (both do). */
    public ObjectNode mode(Principal supervisor, String sessionId, String mode) {
        requireSupervisor(supervisor);
        MonitorMode next;
        try {
            next = MonitorMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID, e.getMessage());
        }
        LiveSession s = live.session(required(sessionId)).orElseThrow(() -> notFound(sessionId));
        Map<String, MonitorMode> m = monitors.get(s.id());
        if (m == null || !m.containsKey(supervisor.id())) {
            throw new ProtocolException(ErrorCode.CONFLICT, "start monitoring session '" + sessionId + "' first");
        }
        Set<TrackSource> voice = EnumSet.of(TrackSource.MICROPHONE);
        Set<TrackSource> none = EnumSet.noneOf(TrackSource.class);
        try {
            relay.route(s.id(), s.helperId(), supervisor.id(), next == MonitorMode.SILENT ? none : voice);
            relay.route(s.id(), s.applicantId(), supervisor.id(), next == MonitorMode.BARGE ? voice : none);
        } catch (RelayException e) {
            throw refused(e);
        }
        m.put(supervisor.id(), next);
        journal.supervisorAction(s, supervisor.id(), SupervisorAction.of(next));
        tell(s.helperId(), "monitor.mode", s.id(), next);
        if (next == MonitorMode.BARGE) {
            tell(s.applicantId(), "monitor.mode", s.id(), next);
        }
        ObjectNode data = codec.mapper().createObjectNode();
        data.put("mode", next.wireName());
        return data;
    }

    /** {@code monitor.stop}: the supervisor leaves the session. */
    public ObjectNode stopMonitoring(Principal supervisor, String sessionId) {
        requireSupervisor(supervisor);
        Map<String, MonitorMode> m = monitors.get(required(sessionId));
        MonitorMode was = m == null ? null : m.remove(supervisor.id());
        if (was == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "you do not monitor session '" + sessionId + "'");
        }
        relay.closeEndpoint(sessionId, supervisor.id(), "the supervisor stopped monitoring");
        negotiations.remove(key(sessionId, supervisor.id()));
        live.session(sessionId).ifPresent(s -> {
            journal.supervisorAction(s, supervisor.id(), SupervisorAction.MONITOR_STOP);
            if (showMonitoringToHelper || was != MonitorMode.SILENT) {
                tell(s.helperId(), "monitor.stopped", s.id(), null);
            }
            if (was == MonitorMode.BARGE) {
                tell(s.applicantId(), "monitor.stopped", s.id(), null);
            }
        });
        return null;
    }

    /** A session ended (or was transferred): its room goes, and every browser in it is told. */
    public void sessionEnded(String sessionId) {
        Map<String, MonitorMode> m = monitors.remove(sessionId);
        if (m != null) {
            for (String supervisor : m.keySet()) {
                ObjectNode n = codec.event("media.closed");
                n.put("sessionId", sessionId);
                n.put("reason", "SESSION_ENDED");
                bus.deliver(supervisor, n.toString());
            }
        }
        negotiations.keySet().removeIf(k -> k.startsWith(sessionId + "\n"));
        try {
            relay.closeRoom(sessionId, "session ended");
        } catch (RelayException e) {
            log.warn("Closing the relay room of session {} failed ({}); the relay expires idle rooms by itself",
                    sessionId, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- relay events

    @Override
    public void negotiationNeeded(String roomId, String endpointId) {
        if (connectedHere.test(endpointId)) {
            try {
                events.execute(() -> sendOffer(roomId, endpointId, false));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the node is shutting down: its browsers are being told to reconnect elsewhere
            }
        }
    }

    @Override
    public void endpointClosed(String roomId, String endpointId, String reason) {
        if (!connectedHere.test(endpointId)) {
            return;
        }
        negotiations.remove(key(roomId, endpointId));
        ObjectNode n = codec.event("media.closed");
        n.put("sessionId", roomId);
        n.put("reason", "MEDIA_FAILED");
        n.put("detail", reason);
        bus.deliver(endpointId, n.toString());
    }

    @Override
    public void roomClosed(String roomId, String reason) {
        // sessions close their rooms; an idle room closing needs nothing more
    }

    @Override
    public void close() {
        events.shutdownNow();
    }

    // ---------------------------------------------------------------- internals

    private void offerIfDue(String sessionId, String principalId) {
        Negotiation n = negotiations.get(key(sessionId, principalId));
        boolean due;
        if (n == null) {
            return;
        }
        synchronized (n) {
            due = n.due && !n.outstanding;
        }
        if (due) {
            try {
                events.execute(() -> sendOffer(sessionId, principalId, false));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // shutting down
            }
        }
    }

    /** Sends the relay's subscribe offer now, or marks it due when one is still unanswered. */
    private void sendOffer(String sessionId, String principalId, boolean iceRestart) {
        Negotiation n = negotiations.computeIfAbsent(key(sessionId, principalId), k -> new Negotiation());
        synchronized (n) {
            if (n.outstanding) {
                n.due = true;
                return;
            }
            try {
                var offer = relay.createOffer(sessionId, principalId, iceRestart);
                if (offer.isEmpty()) {
                    n.due = false;
                    return;
                }
                n.outstanding = true;
                n.due = false;
                ObjectNode msg = codec.event("media.offer");
                msg.put("sessionId", sessionId);
                msg.put("sdp", offer.get());
                bus.deliver(principalId, msg.toString());
            } catch (RelayException e) {
                log.warn("No media offer for {} in session {}: {}", principalId, sessionId, e.getMessage());
            }
        }
    }

    private LiveSession sessionOf(Principal who, String sessionId) {
        LiveSession s = live.session(required(sessionId)).orElseThrow(() -> notFound(sessionId));
        boolean monitoring = who.role() == Role.SUPERVISOR
                && monitors.getOrDefault(s.id(), Map.of()).containsKey(who.id());
        if (!s.involves(who.id()) && !monitoring) {
            throw notFound(sessionId);
        }
        return s;
    }

    /**
     * The browser came back as a new page (a reload, another page of the portal): new certificate, new peer
     * connections. Its old endpoint goes (the other side's view of its tracks ends and is renegotiated) and a fresh
     * one takes the offer; the relay then offers the new page what it should receive.
     */
    private String replaceEndpoint(LiveSession s, Principal who, String sdp, Map<String, TrackSource> bySource) {
        log.info("{} came back to session {} with a new browser page; its media endpoint is replaced", who.id(), s.id());
        relay.closeEndpoint(s.id(), who.id(), "replaced by a new page");
        Negotiation n = negotiations.computeIfAbsent(key(s.id(), who.id()), k -> new Negotiation());
        synchronized (n) {
            n.outstanding = false;
        }
        relay.createEndpoint(s.id(), who.id(), EndpointRole.PARTICIPANT);
        return relay.applyOffer(s.id(), who.id(), sdp, bySource);
    }

    private void ensureEndpoint(LiveSession s, Principal who) {
        if (who.role() == Role.SUPERVISOR) {
            return; // made by monitor.start
        }
        ensureRoom(s);
        try {
            relay.createEndpoint(s.id(), who.id(), EndpointRole.PARTICIPANT);
        } catch (RelayException e) {
            if (e.code() != RelayException.Code.ENDPOINT_EXISTS) {
                throw refused(e);
            }
        }
    }

    private void ensureRoom(LiveSession s) {
        try {
            relay.createRoom(s.id());
        } catch (RelayException e) {
            throw refused(e);
        }
    }

    private void tell(String principalId, String type, String sessionId, MonitorMode mode) {
        ObjectNode n = codec.event(type);
        n.put("sessionId", sessionId);
        if (mode != null) {
            n.put("mode", mode.wireName());
        }
        bus.deliver(principalId, n.toString());
    }

    private static ProtocolException refused(RelayException e) {
        ErrorCode code = switch (e.code()) {
            case ROOM_NOT_FOUND, ENDPOINT_NOT_FOUND -> ErrorCode.NOT_FOUND;
            case ENDPOINT_EXISTS, NOT_READY, CERTIFICATE_CHANGED -> ErrorCode.CONFLICT;
            case SDP_INVALID, SDP_UNSUPPORTED, ROUTING_REFUSED, BAD_REQUEST -> ErrorCode.INVALID;
            case RELAY_CLOSED -> ErrorCode.UNAVAILABLE;
        };
        return new ProtocolException(code, e.getMessage());
    }

    private static void requireSupervisor(Principal p) {
        if (p.role() != Role.SUPERVISOR) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "monitoring is for the supervisor role");
        }
    }

    private static String required(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID, "'sessionId' is required");
        }
        return sessionId;
    }

    private static ProtocolException notFound(String sessionId) {
        return new ProtocolException(ErrorCode.NOT_FOUND, "you take part in no session '" + sessionId + "'");
    }

    private static String key(String sessionId, String principalId) {
        return sessionId + "\n" + principalId;
    }
}
