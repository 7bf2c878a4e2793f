package org.bangban.bench.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One thread driving many connected {@link MediaEndpoint}s ({@link WebRtcPeer}s and the like) with one NIO {@link Selector}: it reads every datagram as it
 * arrives (taking the receive time right after the read) and, every tick (1 ms by default), lets each peer send the
 * packets that are due. No allocation per packet on this path beyond what the SRTP library does. A run uses one
 * loop or a few, peers spread over them.
 */
public final class MediaLoop implements AutoCloseable {
    private final Selector selector;
    private final Thread thread;
    private final long tickNanos;
    private final Queue<MediaEndpoint> added = new ConcurrentLinkedQueue<>();
    private final Queue<FutureTask<?>> tasks = new ConcurrentLinkedQueue<>();
    private final List<MediaEndpoint> peers = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean sending = true;
    private volatile Throwable failure;

    /** Starts the loop thread, named {@code name}. */
    public MediaLoop(String name, long tickNanos) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the media loop", e);
        }
        this.tickNanos = tickNanos;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a connected peer to this loop: from now on only the loop's thread touches it. */
    public void add(MediaEndpoint peer) {
        added.add(peer);
        selector.wakeup();
    }

    /**
     * Runs {@code task} on the loop's thread and returns its result: the safe way to read the counters of this
     * loop's peers while it runs.
     */
    public <T> T call(Callable<T> task) throws InterruptedException {
        FutureTask<T> f = new FutureTask<>(task);
        tasks.add(f);
        selector.wakeup();
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task on the media loop failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the media loop did not run a task within 10 s"
                    + (failure == null ? " (is it stalled?)" : "; it stopped: " + failure), e);
        }
    }

    /**
     * Stops sending (receiving goes on, so what is in flight still arrives) and returns once the loop has seen it:
     * the senders' counters of this loop are then final and visible to the caller.
     */
    public void stopSending() throws InterruptedException {
        sending = false;
        call(() -> null);
    }

    /** Probes of the window received so far by this loop's peers. */
    public long receivedInWindow() throws InterruptedException {
        return call(() -> {
            long n = 0;
            for (MediaEndpoint p : peers) {
                for (StreamMeter m : p.meters()) n += m.received();
            }
            return n;
        });
    }

    /** Why the loop stopped early, or null. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        long nextTick = System.nanoTime();
        try {
            while (running) {
                for (MediaEndpoint p; (p = added.poll()) != null; ) {
                    p.channel().register(selector, SelectionKey.OP_READ, p);
                    peers.add(p);
                }
                for (FutureTask<?> t; (t = tasks.poll()) != null; ) t.run();
                long now = System.nanoTime();
                if (now >= nextTick) {
                    if (sending) {
                        for (int i = 0, n = peers.size(); i < n; i++) peers.get(i).tick(now);
                    }
                    nextTick += tickNanos;
                    if (nextTick < now) nextTick = now + tickNanos;
                }
                // select() waits whole milliseconds: round up, so the loop sleeps instead of spinning to the tick
                long left = nextTick - System.nanoTime();
                int ready = left <= 0 ? selector.selectNow() : selector.select((left + 999_999) / 1_000_000);
                if (ready > 0) {
                    for (SelectionKey k : selector.selectedKeys()) {
                        ((MediaEndpoint) k.attachment()).readAll();
                    }
                    selector.selectedKeys().clear();
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** Stops the thread and waits for it; the peers' counters are then safe to read from the caller. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(10_000);
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
