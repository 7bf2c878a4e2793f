package org.bangban.pairing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bangban.calendar.ServiceHours;
import org.bangban.casefeed.SessionEnd;
import org.bangban.casefeed.SessionJournal;
import org.bangban.casefeed.SupervisorAction;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.live.Accepted;
import org.bangban.live.EnqueueResult;
import org.bangban.live.Ended;
import org.bangban.live.LiveSession;
import org.bangban.live.LiveState;
import org.bangban.live.MessageBus;
import org.bangban.live.OpenOffer;
import org.bangban.live.PairingSnapshot;
import org.bangban.live.Released;
import org.bangban.live.Withdrawn;
import org.bangban.protocol.ClientMessage;
import org.bangban.protocol.Codec;
import org.bangban.protocol.ErrorCode;
import org.bangban.protocol.ProtocolException;
import org.bangban.queue.GreenReason;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperIndex;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.PlannedOffer;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.QueuePositions;
import org.bangban.queue.Router;
import org.bangban.queue.ServiceItem;
import org.bangban.queue.ServiceKind;
import org.bangban.queue.WaitEstimator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and pairing engine at work: takes help requests, offers them to helpers through the pure
 * {@link Router}, handles accept / decline / timeout, sessions, wrap-up and transfers, and tells every party.
 * State lives in {@link LiveState} (in-memory or Redis), so many nodes can run this side by side: each
 * state change is atomic there, and this class only decides and notifies.
 */
public final class PairingService {
    private static final Logger log = LoggerFactory.getLogger(PairingService.class);
    static final int MAX_DESCRIPTION = 500;

    private final LiveState live;
    private final MessageBus bus;
    private final Codec codec;
    private final WaitEstimator estimator;
    private final ServiceHours hours;
    private final Catalog catalog;
    private final RequestLog requestLog;
    private final PairingSettings settings;
    private final Clock clock;
    private final Ids ids;
    private final PairingMetrics metrics;
    private final HelperView helpers;
    /** What each local applicant's request was last told of its place (reply, resume or queue.update), and when. */
    private final Map<String, Told> lastUpdate = new ConcurrentHashMap<>();
    private volatile long lastPositionsPush;
    private volatile Predicate<String> connectedHere = p -> true;
    private volatile SessionJournal journal = SessionJournal.NONE;
    /** Helpers whose wrap-up started on this node → when it runs out (its end is told to the journal). */
    private final Map<String, Long> wrapUps = new ConcurrentHashMap<>();

    public PairingService(LiveState live, MessageBus bus, Codec codec, Router router, WaitEstimator estimator,
                          ServiceHours hours, Catalog catalog, RequestLog requestLog, PairingSettings settings,
                          Clock clock, Ids ids, MeterRegistry registry) {
        this.live = live;
        this.bus = bus;
        this.codec = codec;
        this.estimator = estimator;
        this.hours = hours;
        this.catalog = catalog;
        this.requestLog = requestLog;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
        this.metrics = new PairingMetrics(registry, live);
        this.helpers = new HelperView(live, router);
    }

    /** Which principals have a connection on this node: queue updates are pushed by the node that holds them. */
    public void connectedHere(Predicate<String> connected) {
        this.connectedHere = connected;
    }

    /** Where sessions are recorded (the case log); {@link SessionJournal#NONE} until set. */
    public void journal(SessionJournal journal) {
        this.journal = journal == null ? SessionJournal.NONE : journal;
    }

    // ------------------------------------------------------------------ applicant

    public ObjectNode createRequest(Principal applicant, ClientMessage.RequestCreate m) {
        requireRole(applicant, Role.APPLICANT);
        ServiceItem item = catalog.item(required(m.item(), "item"))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no service item '" + m.item() + "'; items.list gives the items"));
        ServiceKind kind = parseKind(m.kind());
        if (kind == ServiceKind.DELEGATE && !item.delegable()) {
            throw new ProtocolException(ErrorCode.INVALID, "item '" + item.id() + "' is not on the list of 代办 (delegate) items; ask for 帮办 (assist)");
        }
        String language = m.language() == null || m.language().isBlank() ? "zh" : m.language().trim().toLowerCase(Locale.ROOT);
        if (!language.matches("[a-z]{2,3}(-[a-z0-9]{2,8})?")) {
            throw new ProtocolException(ErrorCode.INVALID, "language must be a language tag such as zh or en");
        }
        GreenReason green = parseGreen(m.green());
        String description = m.description() == null ? "" : m.description().strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw new ProtocolException(ErrorCode.INVALID, "description is at most " + MAX_DESCRIPTION + " characters");
        }
        long now = clock.millis();
        PriorityClass priority = green == null ? PriorityClass.NORMAL : PriorityClass.GREEN;
        long headStart = green == null ? 0 : settings.greenHeadStart().toMillis();
        HelpRequest request = new HelpRequest(ids.request(now), applicant.id(), item, kind, language, priority, green,
                blankToNull(m.preferredHelper()), null, null, description, now, headStart, Set.of());

        String refusal = null;
        HelperIndex.Staffing staffing = null;
        if (!hours.isOpen(Instant.ofEpochMilli(now))) {
            refusal = "OUTSIDE_HOURS";
        } else {
            staffing = helpers.staffing(request, now);
            if (staffing.loggedIn() == 0) refusal = "NOBODY_ELIGIBLE";
        }
        if (refusal == null) {
            EnqueueResult result = live.enqueue(request, settings.maxQueueLength());
            switch (result) {
                case QUEUED -> {
                    metrics.requests(item, priority).increment();
                    log.debug("request {} of {} for item {} queued", request.id(), applicant.id(), item.id());
                    bus.kick();
                    ObjectNode ok = queueState(request, staffing.staffed());
                    told(request.id(), ok, now);
                    ok.put("accepted", true);
                    return ok;
                }
                case ALREADY_WAITING -> throw new ProtocolException(ErrorCode.CONFLICT,
                        "you already have a waiting request or a live session; cancel or end it first");
                case QUEUE_FULL -> refusal = "QUEUE_FULL";
            }
        }
        // Told at once, offered a callback 预约; the request ends here.
        requestLog.ended(request, RequestOutcome.CALLBACK, refusal, null, 0, now);
        metrics.callbacksOffered(refusal).increment();
        ObjectNode reply = codec.mapper().createObjectNode();
        reply.put("accepted", false);
        reply.put("requestId", request.id());
        reply.put("reason", refusal);
        reply.put("callbackOffered", true);
        if ("OUTSIDE_HOURS".equals(refusal)) {
            hours.nextOpening(Instant.ofEpochMilli(now)).ifPresent(t -> reply.put("nextOpening", t.toString()));
        }
        return reply;
    }

    public ObjectNode cancelRequest(Principal applicant, String requestId) {
        requireRole(applicant, Role.APPLICANT);
        HelpRequest r = live.waitingRequest(required(requestId, "requestId"))
                .filter(x -> x.applicantId().equals(applicant.id()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "you have no waiting request '" + requestId + "'"));
        leaveQueue(r.id(), RequestOutcome.CANCELLED, "cancelled by the applicant");
        return codec.mapper().createObjectNode().put("cancelled", true);
    }

    public ObjectNode createCallback(Principal applicant, ClientMessage.CallbackCreate m) {
        requireRole(applicant, Role.APPLICANT);
        String contact = required(m.contact(), "contact").strip();
        if (contact.length() > 100) throw new ProtocolException(ErrorCode.INVALID, "contact is at most 100 characters");
        ServiceItem item = catalog.item(required(m.item(), "item"))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no service item '" + m.item() + "'"));
        ServiceKind parsedKind = parseKind(m.kind());
        if (parsedKind == ServiceKind.DELEGATE && !item.delegable()) {
            throw new ProtocolException(ErrorCode.INVALID, "item '" + item.id() + "' is not on the list of 代办 (delegate) items; ask for 帮办 (assist)");
        }
        String kind = parsedKind.name();
        String reason = m.reason() == null ? "APPLICANT_CHOICE" : m.reason().toUpperCase(Locale.ROOT);
        if (!Set.of("OUTSIDE_HOURS", "QUEUE_FULL", "NOBODY_ELIGIBLE", "APPLICANT_CHOICE").contains(reason)) {
            throw new ProtocolException(ErrorCode.INVALID, "reason must be OUTSIDE_HOURS, QUEUE_FULL, NOBODY_ELIGIBLE or APPLICANT_CHOICE");
        }
        RequestLog.CallbackRecorded recorded = requestLog.callback(new RequestLog.CallbackRequest(applicant.id(),
                item.id(), kind, m.language() == null ? "zh" : m.language(), contact, trimTo(m.preferredTime(), 100),
                trimTo(m.note(), 500), reason, clock.millis()));
        metrics.callbacksRecorded.increment();
        ObjectNode reply = codec.mapper().createObjectNode().put("callbackId", recorded.callbackId());
        if (recorded.caseNumber() != null) reply.put("caseNumber", recorded.caseNumber());
        return reply;
    }

    /** The applicant has been gone past the grace period: a waiting request is abandoned; a live session ends. */
    public void applicantLost(String applicantId) {
        live.waitingRequestOf(applicantId).ifPresent(r -> leaveQueue(r.id(), RequestOutcome.ABANDONED, "applicant left"));
        for (LiveSession s : live.sessionsOf(applicantId)) {
            endSession(s.id(), "APPLICANT_LOST", applicantId);
        }
    }

    private void leaveQueue(String requestId, RequestOutcome outcome, String reason) {
        long now = clock.millis();
        Optional<Withdrawn> w = live.withdraw(requestId);
        if (w.isEmpty()) return; // another node or an accept got there first
        HelpRequest r = w.get().request();
        requestLog.ended(r, outcome, reason, null, now - r.arrivedAt(), now);
        metrics.ended(outcome).increment();
        metrics.waitTime(r, outcome).record(now - r.arrivedAt(), TimeUnit.MILLISECONDS);
        w.get().openOffer().ifPresent(o -> bus.deliver(o.helperId(), withdrawn(o, "REQUEST_" + outcome.name())));
        lastUpdate.remove(requestId);
        ObjectNode ended = codec.event("request.ended");
        ended.put("requestId", requestId);
        ended.put("outcome", outcome.name());
        bus.deliver(r.applicantId(), ended.toString());
        bus.kick();
    }

    // ------------------------------------------------------------------ helper

    public ObjectNode setPresence(Principal helper, String status) {
        requireRole(helper, Role.HELPER);
        HelperStatus s = switch (required(status, "status").toLowerCase(Locale.ROOT)) {
            case "available" -> HelperStatus.AVAILABLE;
            case "away" -> HelperStatus.AWAY;
            case "offline" -> HelperStatus.OFFLINE;
            default -> throw new ProtocolException(ErrorCode.INVALID, "status must be available, away or offline");
        };
        HelperPresence p = live.setChosenStatus(helper.id(), s, null, clock.millis())
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "helper " + helper.id() + " is not logged in"));
        if (s == HelperStatus.AVAILABLE) bus.kick();
        return presenceJson(p);
    }

    public ObjectNode accept(Principal helper, String requestId) {
        requireRole(helper, Role.HELPER);
        long now = clock.millis();
        OpenOffer offer = live.openOffer(required(requestId, "requestId"))
                .filter(o -> o.helperId().equals(helper.id()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "you have no open offer for request '" + requestId + "' (it may have timed out or been withdrawn)"));
        Accepted a = live.accept(offer.requestId(), helper.id(), ids.session(now), now)
                .orElseThrow(() -> new ProtocolException(ErrorCode.CONFLICT, "the offer for request '" + requestId + "' is no longer open"));
        LiveSession s = a.session();
        HelpRequest r = s.request();
        requestLog.ended(r, RequestOutcome.PAIRED, null, helper.id(), a.waitedMillis(), now);
        metrics.accepts.increment();
        metrics.ended(RequestOutcome.PAIRED).increment();
        metrics.waitTime(r, RequestOutcome.PAIRED).record(a.waitedMillis(), TimeUnit.MILLISECONDS);
        metrics.offerToAccept.record(Math.max(0, now - offer.offeredAt()), TimeUnit.MILLISECONDS);
        lastUpdate.remove(r.id());
        String caseNumber = journal.sessionStarted(s, a.waitedMillis());
        ObjectNode started = sessionStarted(s, helper.displayName(), caseNumber);
        bus.deliver(r.applicantId(), started.toString());
        bus.deliver(helper.id(), started.toString());
        // no kick: an accept frees nobody (the helper's offer became its session) and adds no request
        return started.deepCopy().without(List.of("type"));
    }

    public ObjectNode decline(Principal helper, String requestId) {
        requireRole(helper, Role.HELPER);
        Released rel = live.release(required(requestId, "requestId"), helper.id(), settings.autoAwayAfter(),
                        awayReason(), clock.millis())
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "you have no open offer for request '" + requestId + "'"));
        metrics.declines.increment();
        afterRelease(rel, false);
        return codec.mapper().createObjectNode().put("declined", true).set("presence", presenceJson(rel.helper()));
    }

    public ObjectNode endWrapUp(Principal helper) {
        requireRole(helper, Role.HELPER);
        long now = clock.millis();
        HelperPresence p = live.endWrapUp(helper.id(), now)
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "helper " + helper.id() + " is not logged in"));
        Long until = wrapUps.remove(helper.id());
        if (until != null && until <= now) journal.wrapUpEnded(helper.id(), until, false); // ran out just before
        else journal.wrapUpEnded(helper.id(), now, true);
        bus.kick();
        return presenceJson(p);
    }

    /** A helper's consoles have all been gone past the grace period: it goes offline; its open offers go back. */
    public void helperLost(String helperId) {
        long now = clock.millis();
        for (OpenOffer o : live.openOffers()) {
            if (o.helperId().equals(helperId)) {
                live.returnOffer(o.requestId(), helperId, now).ifPresent(r -> afterRelease(r, false));
            }
        }
        live.setChosenStatus(helperId, HelperStatus.OFFLINE, "console disconnected", now);
        for (LiveSession s : live.sessionsOf(helperId)) {
            if (s.helperId().equals(helperId)) requeueAfterHelperLoss(s);
        }
        bus.kick();
    }

    private volatile java.util.function.Consumer<String> sessionEndedListener = id -> { };

    /** Called with the session id whenever a session ends, is transferred or loses its helper (media teardown). */
    public void onSessionEnded(java.util.function.Consumer<String> listener) {
        this.sessionEndedListener = listener;
    }

    private void sessionGone(String sessionId) {
        try {
            sessionEndedListener.accept(sessionId);
        } catch (RuntimeException e) {
            log.warn("session {} ended but its media teardown failed: {}", sessionId, e.toString());
        }
    }

    // ------------------------------------------------------------------ sessions

    public ObjectNode endSession(Principal who, String sessionId) {
        boolean supervisor = who.role() == Role.SUPERVISOR;
        LiveSession s = live.session(required(sessionId, "sessionId"))
                .filter(x -> supervisor || x.involves(who.id()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "you take part in no session '" + sessionId + "'"));
        String reason = supervisor ? "SUPERVISOR_ENDED" : who.role() == Role.HELPER ? "HELPER_ENDED" : "APPLICANT_ENDED";
        Ended e = endSession(s.id(), reason, who.id())
                .orElseThrow(() -> new ProtocolException(ErrorCode.CONFLICT, "session '" + sessionId + "' has already ended"));
        return codec.mapper().createObjectNode().put("ended", true).put("wrapUpUntil", e.helper().wrapUpUntil());
    }

    private Optional<Ended> endSession(String sessionId, String reason, String by) {
        long now = clock.millis();
        Optional<Ended> ended = live.endSession(sessionId, now + settings.wrapUp().toMillis(), now);
        ended.ifPresent(e -> {
            LiveSession s = e.session();
            sessionGone(s.id());
            estimator.record(Duration.ofMillis(now - s.startedAt() + settings.wrapUp().toMillis()));
            metrics.sessionsEnded.increment();
            metrics.talkTime.record(now - s.startedAt(), TimeUnit.MILLISECONDS);
            wrapUpStarted(s.helperId(), e.helper().wrapUpUntil(), now);
            if ("SUPERVISOR_ENDED".equals(reason)) journal.supervisorAction(s, by, SupervisorAction.FORCE_END);
            boolean lost = reason.endsWith("_LOST");
            String caseNumber = journal.sessionEnded(SessionEnd.ended(s, reason, lost ? null : by, now,
                    e.helper().wrapUpUntil()));
            ObjectNode msg = codec.event("session.ended");
            msg.put("sessionId", s.id());
            msg.put("reason", reason);
            msg.put("by", by.equals(s.applicantId()) ? "applicant" : by.equals(s.helperId()) ? "helper" : "supervisor");
            if (caseNumber != null) msg.put("caseNumber", caseNumber);
            bus.deliver(s.applicantId(), msg.toString());
            msg.put("wrapUpUntil", e.helper().wrapUpUntil());
            bus.deliver(s.helperId(), msg.toString());
            // the helper now wraps up: it takes offers again on wrapup.end (a kick) or when the wrap-up runs out
            // (the loop's tick), so only a zero wrap-up frees it now
            if (settings.wrapUp().isZero()) bus.kick();
        });
        return ended;
    }

    public ObjectNode transfer(Principal helper, ClientMessage.SessionTransfer m) {
        requireRole(helper, Role.HELPER);
        LiveSession s = live.session(required(m.sessionId(), "sessionId"))
                .filter(x -> x.helperId().equals(helper.id()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "you hold no session '" + m.sessionId() + "'"));
        String toHelper = blankToNull(m.toHelper());
        String toGroup = blankToNull(m.toGroup());
        if ((toHelper == null) == (toGroup == null)) {
            throw new ProtocolException(ErrorCode.INVALID, "give exactly one of toHelper or toGroup");
        }
        if (helper.id().equals(toHelper)) throw new ProtocolException(ErrorCode.INVALID, "cannot transfer a session to yourself");
        if (toHelper != null && live.helper(toHelper).filter(p -> p.chosen() != HelperStatus.OFFLINE).isEmpty()) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "helper '" + toHelper + "' is not logged in");
        }
        long now = clock.millis();
        HelpRequest next = successor(s, toHelper, toGroup, now);
        Optional<Ended> ended = live.endSession(s.id(), now + settings.wrapUp().toMillis(), now);
        if (ended.isEmpty()) {
            throw new ProtocolException(ErrorCode.CONFLICT, "session '" + s.id() + "' has already ended");
        }
        estimator.record(Duration.ofMillis(now - s.startedAt() + settings.wrapUp().toMillis()));
        metrics.transfers.increment();
        sessionGone(s.id());
        long wrapUpUntil = ended.get().helper().wrapUpUntil();
        wrapUpStarted(s.helperId(), wrapUpUntil, now);
        // recorded before the successor is queued, so that whoever accepts it finds the case
        journal.sessionEnded(new SessionEnd(s, "TRANSFERRED", helper.id(), now, wrapUpUntil, next, toHelper, toGroup,
                m.note()));
        EnqueueResult r = live.enqueue(next, Integer.MAX_VALUE);
        if (r != EnqueueResult.QUEUED) {
            log.error("transfer of session {} for applicant {} could not re-queue ({}); the applicant was told the session ended",
                    s.id(), s.applicantId(), r);
        }
        ObjectNode msg = codec.event("session.transferred");
        msg.put("sessionId", s.id());
        msg.put("requestId", next.id());
        if (toHelper != null) msg.put("toHelper", toHelper);
        if (toGroup != null) msg.put("toGroup", toGroup);
        bus.deliver(s.applicantId(), msg.toString());
        bus.kick();
        return codec.mapper().createObjectNode().put("transferred", true).put("requestId", next.id())
                .put("wrapUpUntil", wrapUpUntil);
    }

    private void requeueAfterHelperLoss(LiveSession s) {
        long now = clock.millis();
        if (live.endSession(s.id(), now, now).isEmpty()) return;
        sessionGone(s.id());
        HelpRequest next = successor(s, null, null, now);
        journal.sessionEnded(new SessionEnd(s, "HELPER_LOST", null, now, now, next, null, null, null));
        live.enqueue(next, Integer.MAX_VALUE);
        ObjectNode msg = codec.event("session.transferred");
        msg.put("sessionId", s.id());
        msg.put("requestId", next.id());
        msg.put("reason", "HELPER_LOST");
        bus.deliver(s.applicantId(), msg.toString());
    }

    /**
     * The request that continues a session with another helper (a transfer, or after the helper was lost): same
     * applicant and item, ahead of new arrivals (transfer head start, plus the green one when green), never back
     * to the helper who held it.
     */
    private HelpRequest successor(LiveSession s, String toHelper, String toGroup, long now) {
        HelpRequest old = s.request();
        long headStart = settings.transferHeadStart().toMillis()
                + (old.priority() == PriorityClass.GREEN ? settings.greenHeadStart().toMillis() : 0);
        return new HelpRequest(ids.request(now), old.applicantId(), old.item(), old.kind(), old.language(),
                old.priority(), old.greenReason(), null, toHelper, toGroup, old.description(), now, headStart,
                Set.of(s.helperId()));
    }

    // ------------------------------------------------------------------ the loop

    /** Plans and makes offers. Called by the pairing loop on every kick and tick. */
    public void dispatch() {
        Timer.Sample sample = Timer.start();
        long now = clock.millis();
        // the requests in the languages free helpers speak, as the view knew them before this read ...
        Set<String> languages = helpers.offerableLanguages(now);
        PairingSnapshot queue = live.pairingSnapshot(helpers.version(), languages);
        helpers.apply(queue.helpers());
        Set<String> languagesNow = helpers.offerableLanguages(now);
        if (!languages.containsAll(languagesNow)) {
            // ... and again when a helper speaking another language became free meanwhile (seldom: one more read)
            metrics.snapshotRereads.increment();
            queue = live.pairingSnapshot(helpers.version(), languagesNow);
            helpers.apply(queue.helpers());
        }
        if (anyWithoutOffer(queue) && helpers.anyCanTakeOffer(now)) {
            List<PlannedOffer> plan = helpers.plan(queue.waiting(), queue.requestIdsWithOpenOffer(), now);
            List<Optional<OpenOffer>> made = plan.isEmpty() ? List.of()
                    : live.tryOffers(plan, now, now + settings.offerTimeout().toMillis());
            for (int i = 0; i < made.size(); i++) {
                HelpRequest r = plan.get(i).request();
                made.get(i).ifPresent(o -> {
                    metrics.offers.increment();
                    metrics.requestToOffer.record(Math.max(0, now - r.arrivedAt()), TimeUnit.MILLISECONDS);
                    bus.deliver(o.helperId(), offerJson(r, o).toString());
                });
            }
        }
        sample.stop(metrics.dispatch);
    }

    private static boolean anyWithoutOffer(PairingSnapshot queue) {
        // more requests than offers: some request has none (no scan of a long queue)
        if (queue.waiting().size() > queue.requestIdsWithOpenOffer().size()) return true;
        for (HelpRequest r : queue.waiting()) {
            if (!queue.requestIdsWithOpenOffer().contains(r.id())) return true;
        }
        return false;
    }

    /** Ends wrap-ups and expires timed-out offers. Called by the pairing loop periodically. */
    public void tick() {
        long now = clock.millis();
        for (Map.Entry<String, Long> w : wrapUps.entrySet()) {
            if (w.getValue() <= now && wrapUps.remove(w.getKey(), w.getValue())) {
                journal.wrapUpEnded(w.getKey(), w.getValue(), false);
            }
        }
        for (OpenOffer o : live.openOffers()) {
            if (o.expiresAt() <= now) {
                live.release(o.requestId(), o.helperId(), settings.autoAwayAfter(), awayReason(), now).ifPresent(r -> {
                    metrics.timeouts.increment();
                    afterRelease(r, true);
                });
            }
        }
    }

    private void afterRelease(Released rel, boolean timeout) {
        bus.deliver(rel.offer().helperId(), withdrawn(rel.offer(), timeout ? "TIMEOUT" : "DECLINED"));
        if (rel.setAway()) {
            metrics.autoAway.increment();
            ObjectNode p = codec.event("presence");
            p.setAll(presenceJson(rel.helper()));
            bus.deliver(rel.helper().id(), p.toString());
            log.info("helper {} set away after {} missed offers in a row", rel.helper().id(), rel.helper().missedOffers());
        }
        bus.kick();
    }

    /**
     * Pushes queue positions and wait estimates to the applicants waiting on this node, once every
     * {@code queue.update.interval}. Called by the pairing loop periodically, on a thread of its own: with thousands
     * waiting a push takes tens of milliseconds, which pairing passes must not wait behind.
     */
    public void pushQueueUpdates() {
        long now = clock.millis();
        if (now - lastPositionsPush >= settings.queueUpdateInterval().toMillis()) {
            lastPositionsPush = now;
            metrics.positionsPush.record(() -> pushPositions(now));
        }
    }

    private void pushPositions(long now) {
        List<HelpRequest> waiting = live.waiting();
        if (waiting.isEmpty()) {
            lastUpdate.clear();
            return;
        }
        Map<String, QueuePositions.Position> positions = QueuePositions.byRequestId(waiting);
        helpers.refresh();
        long quiet = settings.queueUpdateQuietInterval().toMillis();
        Set<String> seen = new HashSet<>();
        for (HelpRequest r : waiting) {
            seen.add(r.id());
            if (!connectedHere.test(r.applicantId())) continue;
            QueuePositions.Position p = positions.get(r.id());
            int staffed = helpers.staffed(r, now);
            long eta = estimator.estimate(p.position(), staffed).toSeconds();
            Told before = lastUpdate.get(r.id());
            if (before == null || before.mustTell(p.position(), p.queueLength(), eta, now, quiet)) {
                lastUpdate.put(r.id(), new Told(p.position(), p.queueLength(), eta, now));
                ObjectNode u = codec.event("queue.update");
                u.put("requestId", r.id());
                u.put("queue", p.queue());
                u.put("position", p.position());
                u.put("queueLength", p.queueLength());
                u.put("etaSeconds", eta);
                bus.deliverHere(r.applicantId(), u.toString()); // each node tells its own applicants
                metrics.queueUpdates.increment();
            }
        }
        lastUpdate.keySet().retainAll(seen);
    }

    // ------------------------------------------------------------------ resume and views

    /** After a (re)connect: tells the principal where it stands — waiting, in a session, or a helper's state. */
    public void resume(Principal p) {
        long now = clock.millis();
        if (p.role() == Role.APPLICANT) {
            live.waitingRequestOf(p.id()).ifPresent(r -> {
                ObjectNode u = queueState(r, helpers.staffed(r, now));
                u.put("type", "queue.update");
                told(r.id(), u, now);
                bus.deliver(p.id(), u.toString());
            });
        }
        for (LiveSession s : live.sessionsOf(p.id())) {
            String helperName = live.helper(s.helperId()).map(h -> h.profile().displayName()).orElse(s.helperId());
            bus.deliver(p.id(), sessionStarted(s, helperName, journal.caseNumberOf(s.id())).put("resumed", true).toString());
        }
        if (p.role() == Role.HELPER) {
            for (OpenOffer o : live.openOffers()) {
                if (o.helperId().equals(p.id())) {
                    live.waitingRequest(o.requestId()).ifPresent(r -> bus.deliver(p.id(), offerJson(r, o).toString()));
                }
            }
        }
    }

    /**
     * What an applicant was last told of its place. A new position is told at the next push (at most once per
     * {@code queue.update.interval}); a change of only the queue length or the estimate waits until
     * {@code queue.update.quiet.interval} has passed since the last one told: with thousands waiting, both change
     * every second (every arrival and every finished session moves them), and telling each change to everyone
     * would cost the node a message per waiting applicant per second.
     */
    record Told(int position, int queueLength, long etaSeconds, long at) {
        boolean mustTell(int newPosition, int newQueueLength, long newEtaSeconds, long now, long quietMillis) {
            if (newPosition != position) return true;
            if (newQueueLength == queueLength && newEtaSeconds == etaSeconds) return false;
            return now - at >= quietMillis;
        }
    }

    /** Remembers the place a reply or resume told (nothing when the state holds no position). */
    private void told(String requestId, ObjectNode state, long now) {
        if (!state.has("position")) return;
        lastUpdate.put(requestId, new Told(state.path("position").asInt(), state.path("queueLength").asInt(),
                state.path("etaSeconds").asLong(), now));
    }

    private ObjectNode queueState(HelpRequest r, int staffed) {
        QueuePositions.Position p = live.positionOf(r.id()).orElse(null);
        ObjectNode n = codec.mapper().createObjectNode();
        n.put("requestId", r.id());
        if (p != null) {
            n.put("queue", p.queue());
            n.put("position", p.position());
            n.put("queueLength", p.queueLength());
            n.put("etaSeconds", estimator.estimate(p.position(), staffed).toSeconds());
        }
        return n;
    }

    public ObjectNode presenceJson(HelperPresence p) {
        long now = clock.millis();
        ObjectNode n = codec.mapper().createObjectNode();
        n.put("helperId", p.id());
        n.put("status", p.effectiveStatus(now).name().toLowerCase(Locale.ROOT));
        n.put("activeSessions", p.activeSessions());
        n.put("maxSessions", p.profile().maxSessions());
        n.put("missedOffers", p.missedOffers());
        if (p.wrapUpUntil() > now) n.put("wrapUpUntil", p.wrapUpUntil());
        if (p.awayReason() != null) n.put("reason", p.awayReason());
        return n;
    }

    private ObjectNode offerJson(HelpRequest r, OpenOffer o) {
        ObjectNode n = codec.event("offer");
        n.put("requestId", r.id());
        n.put("item", r.item().id());
        n.put("itemName", r.item().nameZh());
        n.put("category", r.item().category());
        n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
        n.put("language", r.language());
        n.put("priority", r.priority().name().toLowerCase(Locale.ROOT));
        if (r.greenReason() != null) n.put("green", r.greenReason().name().toLowerCase(Locale.ROOT));
        n.put("description", r.description());
        n.put("waitedMs", o.offeredAt() - r.arrivedAt());
        n.put("expiresAt", o.expiresAt());
        n.put("expiresInMs", o.expiresAt() - o.offeredAt());
        if (r.requiredHelperId() != null || r.targetGroup() != null) n.put("transfer", true);
        return n;
    }

    private ObjectNode sessionStarted(LiveSession s, String helperName, String caseNumber) {
        ObjectNode n = codec.event("session.started");
        n.put("sessionId", s.id());
        n.put("requestId", s.request().id());
        n.put("item", s.request().item().id());
        n.put("kind", s.request().kind().name().toLowerCase(Locale.ROOT));
        n.put("helperId", s.helperId());
        n.put("helperName", helperName);
        n.put("applicantId", s.applicantId());
        n.put("startedAt", s.startedAt());
        if (caseNumber != null) n.put("caseNumber", caseNumber);
        return n;
    }

    /** The helper's wrap-up runs until then (the latest of its sessions' ends decides): told when it ends. */
    private void wrapUpStarted(String helperId, long until, long now) {
        if (until > now) wrapUps.merge(helperId, until, Math::max);
    }

    private String withdrawn(OpenOffer o, String reason) {
        ObjectNode n = codec.event("offer.withdrawn");
        n.put("requestId", o.requestId());
        n.put("reason", reason);
        return n.toString();
    }

    private String awayReason() {
        return "MISSED_OFFERS: " + settings.autoAwayAfter() + " offers in a row were declined or not answered";
    }

    // ------------------------------------------------------------------ parsing helpers

    static void requireRole(Principal p, Role role) {
        if (p.role() != role) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "this message is for the " + role.name().toLowerCase(Locale.ROOT) + " role");
        }
    }

    static String required(String v, String field) {
        if (v == null || v.isBlank()) throw new ProtocolException(ErrorCode.INVALID, "'" + field + "' is required");
        if (v.length() > 200) throw new ProtocolException(ErrorCode.INVALID, "'" + field + "' is too long");
        return v;
    }

    static ServiceKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) return ServiceKind.ASSIST;
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "assist", "帮办" -> ServiceKind.ASSIST;
            case "delegate", "代办" -> ServiceKind.DELEGATE;
            default -> throw new ProtocolException(ErrorCode.INVALID, "kind must be assist (帮办) or delegate (代办)");
        };
    }

    static GreenReason parseGreen(String green) {
        if (green == null || green.isBlank()) return null;
        return switch (green.toLowerCase(Locale.ROOT)) {
            case "elderly" -> GreenReason.ELDERLY;
            case "disability" -> GreenReason.DISABILITY;
            case "key_project" -> GreenReason.KEY_PROJECT;
            default -> throw new ProtocolException(ErrorCode.INVALID, "green must be elderly, disability or key_project");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String trimTo(String s, int max) {
        if (s == null) return null;
        String t = s.strip();
        if (t.length() > max) throw new ProtocolException(ErrorCode.INVALID, "a field is longer than " + max + " characters");
        return t;
    }
}
