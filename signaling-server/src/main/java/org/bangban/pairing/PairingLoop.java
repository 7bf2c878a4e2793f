package org.bangban.pairing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's pairing loop: one thread that runs a pairing pass whenever something changed (a kick, coalesced)
 * and a tick every {@code tickEvery} (wrap-ups, offer timeouts). Many kicks while a pass runs make one more pass,
 * not many. Queue updates (positions and wait estimates) are pushed from a second thread, on the same tick, so a
 * push to thousands waiting never holds a pass up. A failing pass or push is logged and counted; the loop goes on.
 */
public final class PairingLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PairingLoop.class);
    private final PairingService pairing;
    private final ScheduledThreadPoolExecutor thread;
    private final ScheduledThreadPoolExecutor updates;
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private final Counter passes;
    private final Counter failures;
    private volatile boolean closing;
    private final AtomicBoolean stopFailureLogged = new AtomicBoolean();

    public PairingLoop(PairingService pairing, MeterRegistry registry) {
        this.pairing = pairing;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bangban-pairing");
            t.setDaemon(true);
            return t;
        });
        // on close: the pass or tick under way finishes, nothing queued or periodic runs after it
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.updates = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bangban-queue-updates");
            t.setDaemon(true);
            return t;
        });
        updates.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.passes = Counter.builder("bangban.pairing.loop.passes").description("Pairing passes run").register(registry);
        this.failures = Counter.builder("bangban.pairing.loop.failures").description("Pairing passes, ticks and queue-update pushes that failed").register(registry);
        Gauge.builder("bangban.pairing.loop.kick.pending", kickPending, b -> b.get() ? 1 : 0)
                .description("1 while a pairing pass is waiting to run").register(registry);
    }

    public void start(Duration tickEvery) {
        thread.scheduleWithFixedDelay(this::tick, tickEvery.toMillis(), tickEvery.toMillis(), TimeUnit.MILLISECONDS);
        updates.scheduleWithFixedDelay(this::pushQueueUpdates, tickEvery.toMillis(), tickEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Something changed: run a pairing pass soon (coalesced). */
    public void kick() {
        if (kickPending.compareAndSet(false, true)) {
            try {
                thread.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                kickPending.set(false); // shutting down
            }
        }
    }

    private void pass() {
        kickPending.set(false);
        try {
            passes.increment();
            pairing.dispatch();
        } catch (RuntimeException e) {
            failed("pairing pass failed; offers wait for the next pass", e);
        }
    }

    private void tick() {
        try {
            pairing.tick();
        } catch (RuntimeException e) {
            failed("pairing tick (offer timeouts, queue updates) failed; retrying next tick", e);
        }
        pass();
    }

    private void pushQueueUpdates() {
        try {
            pairing.pushQueueUpdates();
        } catch (RuntimeException e) {
            failed("pushing queue updates (positions, wait estimates) failed; retrying next tick", e);
        }
    }

    private void failed(String what, RuntimeException e) {
        failures.increment();
        if (!closing) {
            log.error("{}. Cause: {}", what, e.toString(), e);
        } else if (stopFailureLogged.compareAndSet(false, true)) {
            log.info("{} while the node was stopping: {}", what, e.toString());
        }
    }

    /** Stops: the pass (and the push of queue updates) under way finishes (up to 10 s), and no other runs. */
    @Override
    public void close() {
        closing = true;
        thread.shutdown();
        updates.shutdown();
        stop(thread, "the pairing pass under way");
        stop(updates, "the push of queue updates under way");
    }

    private static void stop(ScheduledThreadPoolExecutor executor, String what) {
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{} did not finish within 10 s of the stop; interrupting it", what);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
