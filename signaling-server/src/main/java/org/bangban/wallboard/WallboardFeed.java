package org.bangban.wallboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bangban.live.LiveSession;
import org.bangban.live.LiveState;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisors' wallboard feed ({@code wallboard.subscribe}, docs/protocol.md "Wallboard"): a {@code wallboard}
 * push to a new subscriber at once, then to every subscriber of this node at most once per interval, and only when
 * something changed. Each node composes its own picture from the shared live state (in memory or Redis) and the
 * record store, so a supervisor on any node sees every node's queues, helpers and sessions. Nothing is composed
 * while this node has no subscriber.
 */
public final class WallboardFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WallboardFeed.class);

    private final LiveState live;
    private final WallboardRecords records;
    private final Supplier<Collection<String>> queueNames;
    private final long serviceLevelMs;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Map<Object, Consumer<String>> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Counter pushes;
    private final Counter subscriptions;
    private final Timer composing;
    private final MeterRegistry registry;
    /** The picture last pushed to every subscriber; only the feed's thread touches it. */
    private Wallboard last;
    /** Today's outcomes as last read, kept when a read fails. */
    private Map<String, TodayCounts> lastToday = Map.of();

    /**
     * @param queueNames the catalog's queues (item categories), listed even when nobody waits
     * @param interval   the least time between two pushes to a subscriber (1 s)
     */
    public WallboardFeed(LiveState live, WallboardRecords records, Supplier<Collection<String>> queueNames,
                         Duration serviceLevel, Duration interval, Clock clock, ObjectMapper mapper,
                         MeterRegistry registry) {
        this.live = live;
        this.records = records;
        this.queueNames = queueNames;
        this.serviceLevelMs = serviceLevel.toMillis();
        this.clock = clock;
        this.mapper = mapper;
        this.registry = registry;
        Gauge.builder("bangban.wallboard.subscribers", subscribers, Map::size)
                .description("Supervisor wallboards subscribed on this node").register(registry);
        this.pushes = Counter.builder("bangban.wallboard.pushes")
                .description("Wallboard pictures sent to subscribers").register(registry);
        this.subscriptions = Counter.builder("bangban.wallboard.subscriptions")
                .description("wallboard.subscribe messages accepted").register(registry);
        this.composing = Timer.builder("bangban.wallboard.compose")
                .description("Time to compose one wallboard picture (live state and record store)").register(registry);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bangban-wallboard");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Subscribes a connection: it gets the current picture at once (after this returns), then every change.
     *
     * @return false when it was subscribed already (it gets the picture again all the same)
     */
    public boolean subscribe(Object owner, Consumer<String> send) {
        boolean added = subscribers.put(owner, send) == null;
        if (added) subscriptions.increment();
        try {
            timer.execute(() -> {
                Consumer<String> to = subscribers.get(owner);
                if (to == null) return;
                Wallboard now = composeSafely();
                if (now == null) return;
                if (subscribers.size() == 1) last = now; // the only subscriber: the next tick need not repeat it
                push(now, List.of(to));
            });
        } catch (RejectedExecutionException stopping) {
            // the node is shutting down
        }
        return added;
    }

    /** Stops the pushes to a connection (also when it closes); false when it was not subscribed. */
    public boolean unsubscribe(Object owner) {
        return subscribers.remove(owner) != null;
    }

    private void tick() {
        if (subscribers.isEmpty()) {
            last = null;
            return;
        }
        Wallboard now = composeSafely();
        if (now == null || now.equals(last)) return;
        last = now;
        push(now, new ArrayList<>(subscribers.values()));
    }

    private Wallboard composeSafely() {
        try {
            return composing.recordCallable(this::compose);
        } catch (Exception e) {
            failed("live", e);
            return null;
        }
    }

    private volatile Function<LiveSession, MediaQuality> quality;

    /** Where each live session's media quality comes from (the media relay's statistics); none when unset. */
    public void mediaQuality(Function<LiveSession, MediaQuality> quality) {
        this.quality = quality;
    }

    private Wallboard compose() {
        List<HelpRequest> waiting = live.waiting();
        Collection<HelperPresence> helpers = live.helpers();
        Collection<LiveSession> sessions = live.sessions();
        Map<String, SessionExtras> extras = Map.of();
        try {
            lastToday = records.today(serviceLevelMs);
            extras = records.extras(sessions.stream().map(LiveSession::id).toList());
        } catch (RuntimeException e) {
            failed("records", e); // the live part still goes out; today's figures stay as last read
        }
        Function<LiveSession, MediaQuality> q = quality;
        if (q != null && !sessions.isEmpty()) {
            Map<String, SessionExtras> withQuality = new java.util.HashMap<>();
            for (LiveSession s : sessions) {
                MediaQuality measured;
                try {
                    measured = q.apply(s);
                } catch (RuntimeException e) {
                    failed("media_quality", e);
                    measured = MediaQuality.NONE;
                }
                withQuality.put(s.id(), extras.getOrDefault(s.id(), SessionExtras.NONE).withQuality(measured));
            }
            extras = withQuality;
        }
        return WallboardComposer.compose(serviceLevelMs, queueNames.get(), waiting, helpers, sessions, lastToday,
                extras, clock.millis());
    }

    private void push(Wallboard w, List<Consumer<String>> to) {
        String json = json(w, clock.millis()).toString();
        for (Consumer<String> send : to) {
            send.accept(json);
            pushes.increment();
        }
    }

    /** The {@code wallboard} push: the picture, with waits and durations worked out at {@code now}. */
    ObjectNode json(Wallboard w, long now) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", "wallboard");
        n.put("serverTime", now);
        n.put("serviceLevelSeconds", w.serviceLevelMs() / 1000.0);
        ArrayNode queues = n.putArray("queues");
        for (Wallboard.QueueLine q : w.queues()) {
            ObjectNode o = queues.addObject();
            o.put("queue", q.queue());
            o.put("waiting", q.waiting());
            o.put("green", q.green());
            o.put("oldestArrivedAt", q.oldestArrivedAt());
            o.put("longestWaitMs", q.oldestArrivedAt() == 0 ? 0 : Math.max(0, now - q.oldestArrivedAt()));
            ObjectNode t = o.putObject("today");
            TodayCounts c = q.today();
            t.put("ended", c.ended());
            t.put("answered", c.answered());
            t.put("answeredInLevel", c.answeredInLevel());
            t.put("abandoned", c.abandoned());
            t.put("cancelled", c.cancelled());
            rate(t, "serviceLevel", c.serviceLevel());
            rate(t, "abandonmentRate", c.abandonmentRate());
        }
        n.set("helpersByState", mapper.valueToTree(w.helpersByState()));
        n.set("helpers", mapper.valueToTree(w.helpers()));
        ArrayNode sessions = n.putArray("sessions");
        for (Wallboard.SessionLine s : w.sessions()) {
            ObjectNode o = mapper.valueToTree(s);
            o.remove("id");
            ObjectNode line = sessions.addObject();
            line.put("sessionId", s.id());
            line.setAll(o);
            line.put("durationMs", Math.max(0, now - s.startedAt()));
        }
        return n;
    }

    private static void rate(ObjectNode n, String field, Double v) {
        if (v == null) n.putNull(field);
        else n.put(field, v);
    }

    private void failed(String part, Exception e) {
        log.warn("wallboard: could not read the {} part ({}); subscribers get it with the next refresh", part,
                e.toString());
        Counter.builder("bangban.wallboard.failures").description("Wallboard refreshes that could not read a part")
                .tag("part", part).register(registry).increment();
    }

    @Override
    public void close() {
        subscribers.clear();
        timer.shutdownNow();
    }
}
