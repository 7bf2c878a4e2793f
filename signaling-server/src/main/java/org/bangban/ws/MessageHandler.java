package org.bangban.ws;

import org.bangban.casefeed.SessionChat;
import org.bangban.media.MediaService;
import org.bangban.pointer.PointerRelay;
import org.bangban.wallboard.WallboardFeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.live.LiveState;
import org.bangban.pairing.Catalog;
import org.bangban.pairing.PairingService;
import org.bangban.presence.PresenceService;
import org.bangban.protocol.ClientMessage;
import org.bangban.protocol.Codec;
import org.bangban.protocol.ErrorCode;
import org.bangban.protocol.ProtocolException;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.ServiceItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes each client message to its service, after authentication and role checks, and writes the reply. */
public final class MessageHandler {
    private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);
    private final Codec codec;
    private final Authenticator auth;
    private final PairingService pairing;
    private final PresenceService presence;
    private final LocalConnections connections;
    private final LiveState live;
    private final Catalog catalog;
    private final WsMetrics metrics;
    private final BooleanSupplier draining;
    private final MediaService media;
    private final SessionChat chat;
    private final PointerRelay pointer;
    private final WallboardFeed wallboard;
    /** Messages being handled now. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean stopFailureLogged = new AtomicBoolean();

    public MessageHandler(Codec codec, Authenticator auth, PairingService pairing, PresenceService presence,
                          LocalConnections connections, LiveState live, Catalog catalog, WsMetrics metrics,
                          BooleanSupplier draining, MediaService media, SessionChat chat,
                          PointerRelay pointer, WallboardFeed wallboard) {
        this.pointer = pointer;
        this.wallboard = wallboard;
        this.media = media;
        this.chat = chat;
        this.codec = codec;
        this.auth = auth;
        this.pairing = pairing;
        this.presence = presence;
        this.connections = connections;
        this.live = live;
        this.catalog = catalog;
        this.metrics = metrics;
        this.draining = draining;
    }

    void opened(Connection c) {
        connections.opened(c);
        if (draining.getAsBoolean()) c.send(codec.event("server.draining").toString());
    }

    void closed(Connection c) {
        connections.closed(c);
        wallboard.unsubscribe(c);
        Principal p = c.principal();
        if (p != null && connections.unbind(p.id(), c)) presence.lastConnectionClosed(p);
    }

    void handle(Connection c, ClientMessage m) {
        // counted before the check, so a drain that starts after the check waits for this message (see awaitIdle)
        inFlight.incrementAndGet();
        try {
            if (draining.getAsBoolean() && !(m instanceof ClientMessage.Ping)) {
                c.reject(m.id(), ErrorCode.UNAVAILABLE, "this server is shutting down and takes no more messages; "
                        + "reconnect (to another node, or to this one when it is back) and send it again");
                return;
            }
            handleNow(c, m);
        } finally {
            if (inFlight.decrementAndGet() == 0 && draining.getAsBoolean()) {
                synchronized (inFlight) {
                    inFlight.notifyAll();
                }
            }
        }
    }

    private void handleNow(Connection c, ClientMessage m) {
        try {
            ObjectNode reply = dispatch(c, m);
            ObjectNode ok = codec.ok(m.id());
            if (reply != null) ok.set("data", reply);
            c.send(ok.toString());
            if (isAuth(m) && !(m instanceof ClientMessage.AuthGuest) && c.principal() != null) {
                // After the reply: where the principal stands (queue place, live session, open offers). A new
                // guest (a fresh random id) stands nowhere yet.
                pairing.resume(c.principal());
            }
        } catch (ProtocolException e) {
            c.reject(m.id(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            if (draining.getAsBoolean()) {
                // cut short by the stop (the live state or record store closing under it): not a fault
                if (stopFailureLogged.compareAndSet(false, true)) {
                    log.warn("a {} could not be finished because this node is stopping ({}); further such failures "
                            + "are not logged", m.getClass().getSimpleName(), e.toString());
                }
                c.reject(m.id(), ErrorCode.UNAVAILABLE, "this server is shutting down; reconnect and send it again");
                return;
            }
            String ref = Long.toHexString(System.nanoTime());
            log.error("internal error [{}] handling {} from {} ({}): {}", ref, m.getClass().getSimpleName(),
                    c.remote(), c.principal() == null ? "not authenticated" : c.principal().id(), e.toString(), e);
            c.reject(m.id(), ErrorCode.INTERNAL, "internal error; the server log has it under reference " + ref);
        }
    }

    /**
     * Waits until no message is being handled, for at most {@code timeout}. Call it once draining (every message
     * that arrives from then on is answered {@code unavailable} at once).
     *
     * @return the number of messages still being handled when it gave up (0: all done)
     */
    public int awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return inFlight.get();
                TimeUnit.NANOSECONDS.timedWait(inFlight, left);
            }
        }
        return 0;
    }

    private ObjectNode dispatch(Connection c, ClientMessage m) {
        if (m instanceof ClientMessage.Ping) {
            return codec.mapper().createObjectNode().put("serverTime", System.currentTimeMillis());
        }
        if (m instanceof ClientMessage.ItemsList) return items();
        if (m instanceof ClientMessage.AuthGuest) return authenticated(c, auth.newGuest(), true);
        if (m instanceof ClientMessage.AuthToken t) {
            return authenticated(c, auth.token(nonBlank(t.token(), "token"))
                    .orElseThrow(() -> new ProtocolException(ErrorCode.AUTH_FAILED, "the token is not valid or has expired; authenticate again")), false);
        }
        if (m instanceof ClientMessage.AuthPortal t) {
            return authenticated(c, auth.portal(nonBlank(t.portalToken(), "portalToken"))
                    .orElseThrow(() -> new ProtocolException(ErrorCode.AUTH_FAILED, "the portal token is not valid")), false);
        }
        if (m instanceof ClientMessage.AuthLogin l) {
            char[] pw = nonBlank(l.password(), "password").toCharArray();
            try {
                return authenticated(c, auth.login(nonBlank(l.username(), "username"), pw)
                        .orElseThrow(() -> new ProtocolException(ErrorCode.AUTH_FAILED, "unknown user or wrong password")), false);
            } finally {
                java.util.Arrays.fill(pw, '\0');
            }
        }
        Principal p = c.principal();
        if (p == null) {
            throw new ProtocolException(ErrorCode.UNAUTHENTICATED, "authenticate first: auth.guest, auth.token, auth.portal or auth.login");
        }
        if (m instanceof ClientMessage.RequestCreate r) return pairing.createRequest(p, r);
        if (m instanceof ClientMessage.RequestCancel r) return pairing.cancelRequest(p, r.requestId());
        if (m instanceof ClientMessage.CallbackCreate cb) return pairing.createCallback(p, cb);
        if (m instanceof ClientMessage.PresenceSet s) return pairing.setPresence(p, s.status());
        if (m instanceof ClientMessage.OfferAccept a) return pairing.accept(p, a.requestId());
        if (m instanceof ClientMessage.OfferDecline d) return pairing.decline(p, d.requestId());
        if (m instanceof ClientMessage.WrapUpEnd) return pairing.endWrapUp(p);
        if (m instanceof ClientMessage.SessionEnd e) return pairing.endSession(p, e.sessionId());
        if (m instanceof ClientMessage.SessionTransfer t) return pairing.transfer(p, t);
        if (m instanceof ClientMessage.MediaOffer o) return media.publish(p, o.sessionId(), o.sdp(), o.sources());
        if (m instanceof ClientMessage.MediaAnswer a) return media.answer(p, a.sessionId(), a.sdp());
        if (m instanceof ClientMessage.MediaRestart r) return media.restart(p, r.sessionId());
        if (m instanceof ClientMessage.MonitorStart ms) return media.monitor(p, ms.sessionId());
        if (m instanceof ClientMessage.MonitorModeSet mm) return media.mode(p, mm.sessionId(), mm.mode());
        if (m instanceof ClientMessage.MonitorStop st) return media.stopMonitoring(p, st.sessionId());
        if (m instanceof ClientMessage.ChatSend cs) return chat.send(p, cs.sessionId(), cs.text());
        if (m instanceof ClientMessage.PointerSend ps) {
            return pointer.send(p, ps.sessionId(), ps.op(), ps.strokeId(), ps.color(), ps.points());
        }
        if (m instanceof ClientMessage.WallboardSubscribe || m instanceof ClientMessage.WallboardUnsubscribe) {
            if (p.role() != Role.SUPERVISOR) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "the wallboard is for the supervisor role");
            }
            boolean changed = m instanceof ClientMessage.WallboardSubscribe
                    ? wallboard.subscribe(c, c::send) : wallboard.unsubscribe(c);
            return codec.mapper().createObjectNode().put(m instanceof ClientMessage.WallboardSubscribe
                    ? "subscribed" : "unsubscribed", changed);
        }
        throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unhandled message type " + m.getClass().getSimpleName());
    }

    /** @param fresh a principal id made just now (a new guest): it cannot have left any node yet */
    private ObjectNode authenticated(Connection c, Principal p, boolean fresh) {
        Principal before = c.principal();
        if (before != null && !before.id().equals(p.id())) {
            throw new ProtocolException(ErrorCode.CONFLICT, "this connection is already authenticated as someone else; open a new connection");
        }
        ObjectNode data = codec.mapper().createObjectNode();
        data.put("principalId", p.id());
        data.put("role", p.role().name().toLowerCase(Locale.ROOT));
        data.put("displayName", p.displayName());
        data.put("token", auth.issue(p));
        if (p.role() == Role.HELPER) {
            HelperProfile profile = auth.helperProfile(p.id())
                    .orElseThrow(() -> new ProtocolException(ErrorCode.FORBIDDEN, "helper account " + p.id() + " has no profile"));
            data.set("presence", pairing.presenceJson(live.helperLoggedIn(profile, System.currentTimeMillis())));
            data.set("skills", codec.mapper().valueToTree(profile.skills()));
        }
        if (before == null) {
            c.principal(p);
            connections.bind(p.id(), c);
            presence.connected(p, fresh);
        }
        return data;
    }

    private ObjectNode items() {
        var arr = codec.mapper().createArrayNode();
        for (ServiceItem i : catalog.items()) {
            ObjectNode n = arr.addObject();
            n.put("id", i.id());
            n.put("nameZh", i.nameZh());
            n.put("nameEn", i.nameEn());
            n.put("category", i.category());
            n.put("department", i.department());
            n.put("delegable", i.delegable());
        }
        ObjectNode data = codec.mapper().createObjectNode();
        data.set("items", arr);
        return data;
    }

    private static boolean isAuth(ClientMessage m) {
        return m instanceof ClientMessage.AuthGuest || m instanceof ClientMessage.AuthToken
                || m instanceof ClientMessage.AuthPortal || m instanceof ClientMessage.AuthLogin;
    }

    private static String nonBlank(String v, String field) {
        if (v == null || v.isBlank()) throw new ProtocolException(ErrorCode.INVALID, "'" + field + "' is required");
        if (v.length() > 8192) throw new ProtocolException(ErrorCode.INVALID, "'" + field + "' is too long");
        return v;
    }

    Optional<Principal> principalOf(Connection c) {
        return Optional.ofNullable(c.principal());
    }
}
