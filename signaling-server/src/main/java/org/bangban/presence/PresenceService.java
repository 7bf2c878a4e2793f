package org.bangban.presence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grace periods: when the last connection of a principal drops, it is kept for {@code grace}; a reconnect in
 * that time restores it (an applicant keeps its place, a helper its state). Past it, a helper goes offline
 * and an applicant's waiting request is abandoned.
 */
public final class PresenceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);
    private final Duration grace;
    private final Predicate<String> stillConnected;
    private final Consumer<String> helperLost;
    private final Consumer<String> applicantLost;
    private final ScheduledExecutorService timers;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Counter expired;
    private final Counter restored;

    public PresenceService(Duration grace, Predicate<String> stillConnected, Consumer<String> helperLost,
                           Consumer<String> applicantLost, MeterRegistry registry) {
        this.grace = grace;
        this.stillConnected = stillConnected;
        this.helperLost = helperLost;
        this.applicantLost = applicantLost;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bangban-presence-grace");
            t.setDaemon(true);
            return t;
        });
        this.expired = Counter.builder("bangban.presence.grace.expired").description("Principals gone past the grace period").register(registry);
        this.restored = Counter.builder("bangban.presence.grace.restored").description("Reconnects within the grace period").register(registry);
        Gauge.builder("bangban.presence.grace.pending", pending, Map::size).description("Principals inside their grace period").register(registry);
    }

    /** A connection of the principal was authenticated. */
    public void connected(Principal p) {
        ScheduledFuture<?> f = pending.remove(p.id());
        if (f != null && f.cancel(false)) {
            restored.increment();
            log.debug("{} reconnected within the grace period", p.id());
        }
    }

    /** The principal's last connection on this node closed. */
    public void lastConnectionClosed(Principal p) {
        pending.compute(p.id(), (id, old) -> {
            if (old != null) old.cancel(false);
            return timers.schedule(() -> expire(p), grace.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void expire(Principal p) {
        pending.remove(p.id());
        if (stillConnected.test(p.id())) return;
        expired.increment();
        try {
            if (p.role() == Role.HELPER) {
                log.info("helper {} has had no console for {}; set offline", p.id(), grace);
                helperLost.accept(p.id());
            } else if (p.role() == Role.APPLICANT) {
                applicantLost.accept(p.id());
            }
        } catch (RuntimeException e) {
            log.error("could not process the departure of {} after its grace period: {}", p.id(), e.toString(), e);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
