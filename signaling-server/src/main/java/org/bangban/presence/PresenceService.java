package org.bangban.presence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.live.LiveState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grace periods: when the last connection of a principal on this node drops, it is kept for {@code grace}; a
 * reconnect in that time — to this node or to any other sharing the live state — restores it (an applicant keeps
 * its place, a helper its state). Past it, a helper goes offline and an applicant's waiting request is abandoned.
 *
 * <p>Across nodes this rests on connection marks in the live state: a node marks a principal connected when it
 * authenticates it, refreshes the marks of everyone it holds every {@code markTtl / 3} (so the marks of a node
 * that died run out), and records the departure when the principal's last connection on it closes. When the grace
 * period of that departure runs out, the node acts only if the departure still stands: no other node marks the
 * principal connected and no later departure replaced it (that node will see to it).
 */
public final class PresenceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);
    /** How long a connection mark lasts without a refresh. */
    public static final Duration MARK_TTL = Duration.ofSeconds(30);

    private final Duration grace;
    private final Duration markTtl;
    private final String nodeId;
    private final LiveState live;
    private final Clock clock;
    private final Predicate<String> connectedHere;
    private final Consumer<String> helperLost;
    private final Consumer<String> applicantLost;
    private final ScheduledThreadPoolExecutor timers;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Counter expired;
    private final Counter restored;
    private final Counter restoredElsewhere;
    private final Counter markFailures;
    private volatile boolean closed;

    /**
     * @param grace          how long a principal is kept after its last connection here closed
     * @param markTtl        how long a connection mark lasts; refreshed every third of it
     * @param nodeId         this node, as the marks name it
     * @param live           where the marks are kept (shared by the nodes)
     * @param connectedHere  whether a principal has a connection on this node
     * @param principalsHere every principal with a connection on this node (for the refresh)
     * @param helperLost     what to do with a helper gone past its grace period
     * @param applicantLost  what to do with an applicant gone past its grace period
     */
    public PresenceService(Duration grace, Duration markTtl, String nodeId, LiveState live, Clock clock,
                           Predicate<String> connectedHere, Supplier<Collection<String>> principalsHere,
                           Consumer<String> helperLost, Consumer<String> applicantLost, MeterRegistry registry) {
        this.grace = grace;
        this.markTtl = markTtl;
        this.nodeId = nodeId;
        this.live = live;
        this.clock = clock;
        this.connectedHere = connectedHere;
        this.helperLost = helperLost;
        this.applicantLost = applicantLost;
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bangban-presence-grace");
            t.setDaemon(true);
            return t;
        });
        // on close: no grace period runs out (the clients of a draining node reconnect elsewhere), no refresh
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timers.setRemoveOnCancelPolicy(true);
        this.expired = Counter.builder("bangban.presence.grace.expired").description("Principals gone past the grace period").register(registry);
        this.restored = Counter.builder("bangban.presence.grace.restored").description("Reconnects within the grace period").register(registry);
        this.restoredElsewhere = Counter.builder("bangban.presence.grace.restored.elsewhere")
                .description("Grace periods that ran out here while the principal had come back on another node").register(registry);
        this.markFailures = Counter.builder("bangban.presence.mark.failures")
                .description("Connection marks that could not be written to the live state").register(registry);
        Gauge.builder("bangban.presence.grace.pending", pending, Map::size).description("Principals inside their grace period").register(registry);
        long every = Math.max(1, markTtl.toMillis() / 3);
        timers.scheduleWithFixedDelay(() -> refresh(principalsHere), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A connection of the principal was authenticated. Its mark is written at once, so that a node where it left
     * within the grace period sees it back; a principal made just now ({@code fresh}: a new guest) has left nowhere,
     * so its mark waits for the next refresh (one round trip fewer per new applicant on Redis).
     */
    public void connected(Principal p, boolean fresh) {
        if (closed) return;
        ScheduledFuture<?> f = pending.remove(p.id());
        if (f != null && f.cancel(false)) {
            restored.increment();
            log.debug("{} reconnected within the grace period", p.id());
        }
        if (!fresh) mark(() -> live.markConnected(List.of(p.id()), nodeId, clock.millis(), markTtl.toMillis()), p.id());
    }

    /** The principal's last connection on this node closed. */
    public void lastConnectionClosed(Principal p) {
        if (closed) return; // draining: the clients reconnect elsewhere, and our marks run out
        long departedAt = clock.millis();
        mark(() -> live.markDeparted(p.id(), nodeId, departedAt, grace.toMillis() + markTtl.toMillis()), p.id());
        try {
            pending.compute(p.id(), (id, old) -> {
                if (old != null) old.cancel(false);
                return timers.schedule(() -> expire(p, departedAt), grace.toMillis(), TimeUnit.MILLISECONDS);
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void expire(Principal p, long departedAt) {
        pending.remove(p.id());
        if (connectedHere.test(p.id())) return;
        try {
            if (!live.departureStands(p.id(), nodeId, departedAt, clock.millis())) {
                restoredElsewhere.increment();
                log.debug("{} came back on another node within the grace period", p.id());
                return;
            }
            expired.increment();
            if (p.role() == Role.HELPER) {
                log.info("helper {} has had no console for {}; set offline", p.id(), grace);
                helperLost.accept(p.id());
            } else if (p.role() == Role.APPLICANT) {
                applicantLost.accept(p.id());
            }
        } catch (RuntimeException e) {
            if (closed) {
                log.info("the departure of {} was not processed: the node is stopping ({})", p.id(), e.toString());
            } else {
                log.error("could not process the departure of {} after its grace period: {}", p.id(), e.toString(), e);
            }
        }
    }

    /** The heartbeat: every principal connected here is marked again, in one call. */
    private void refresh(Supplier<Collection<String>> principalsHere) {
        Collection<String> ids = principalsHere.get();
        if (ids.isEmpty() || closed) return;
        mark(() -> live.markConnected(ids, nodeId, clock.millis(), markTtl.toMillis()), ids.size() + " principals");
    }

    /** A mark that cannot be written is worth a warning, not a failed message: the grace period may end early. */
    private void mark(Runnable write, String whom) {
        try {
            write.run();
        } catch (RuntimeException e) {
            markFailures.increment();
            if (!closed) {
                log.warn("could not mark the connection of {} in the live state ({}); another node may end its grace "
                        + "period early", whom, e.getMessage());
            }
        }
    }

    /**
     * Stops: no grace period runs out from now on and marks are no longer written; a departure being processed is
     * finished first (up to {@code timeout}), so nothing is cut off half-way when the live state closes after this.
     */
    public void close(Duration timeout) {
        closed = true;
        timers.shutdown();
        try {
            if (!timers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("a grace period was still being processed after {}; stopping it", timeout);
                timers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timers.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
