package org.bangban.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.queue.ServiceItem;

/**
 * Applicants who wait for the whole run: each connects, sends {@code auth.guest} and a {@code request.create} in a
 * language that only a few specialists speak, and those specialists are logged in but {@code away} (on a break).
 * So every request is accepted into its queue (someone eligible is logged in) and none can be offered: a queue
 * nobody can serve right now. Each keeps its WebSocket open with a {@code ping} every 20 s, on an HTTP client of its
 * own so that its selector thread does not delay the measured applicants. {@link #check} then asks each one whether
 * it is still connected (a last ping answered) and still queued (its {@code request.cancel} answered with
 * {@code cancelled: true}, which the server gives only for a request that still waits).
 */
final class WaitingApplicants {
    /** The language of the waiting requests; the bench's helpers speak only zh. */
    static final String LANGUAGE = "en";
    private static final int IN_FLIGHT = 200;
    private static final long PING_EVERY_S = 20;

    private final int count;
    private final List<ServiceItem> items;
    private final long seed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Waiter> waiters = new ArrayList<>();
    /** What went wrong, by kind (closed, failed, refused, ended, offered...), for the report. */
    private final Map<String, AtomicLong> problems = new ConcurrentHashMap<>();
    private final AtomicLong queueUpdates = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private ScheduledFuture<?> pinging;

    WaitingApplicants(int count, List<ServiceItem> items, long seed) {
        this.count = count;
        this.items = items;
        this.seed = seed;
    }

    int count() {
        return count;
    }

    /**
     * Connects them all (at most {@value #IN_FLIGHT} at a time) and waits until each request is queued or refused;
     * returns how many are queued. Then pings each every 20 s, spread over the 20 s.
     */
    int connect(URI ws, ScheduledExecutorService timers, long timeoutS) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Random rnd = new Random(seed + 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
            Waiter w = new Waiter(items.get(rnd.nextInt(items.size())).id(), () -> {
                inFlight.release();
                done.countDown();
            });
            waiters.add(w);
            w.connect(http, ws);
        }
        done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        AtomicInteger tick = new AtomicInteger();
        pinging = timers.scheduleAtFixedRate(() -> {
            int slice = tick.getAndIncrement() % (int) PING_EVERY_S;
            for (int i = slice; i < waiters.size(); i += PING_EVERY_S) waiters.get(i).send(WsPeer.message("ping", "k"));
        }, 1, 1, TimeUnit.SECONDS);
        return queued();
    }

    /** Requests queued and not known to have left the queue (closed, failed, offered, ended). */
    int queued() {
        int n = 0;
        for (Waiter w : waiters) if (w.requestId != null && !w.lost) n++;
        return n;
    }

    /** The end-of-run check, made before the waiters are cancelled. */
    record Check(int connected, int queued, long queueUpdates, long pongs, long withPosition, String problems) {
    }

    /**
     * Sends each a last ping and then {@code request.cancel}, and waits (up to {@code timeoutS}) for both answers:
     * connected = the ping answered, queued = the cancel answered with {@code cancelled: true}.
     */
    Check check(long timeoutS) throws InterruptedException {
        if (pinging != null) pinging.cancel(false);
        CountDownLatch answered = new CountDownLatch(waiters.size());
        Semaphore inFlight = new Semaphore(IN_FLIGHT * 5);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        for (Waiter w : waiters) {
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
            w.finalCheck(() -> {
                inFlight.release();
                answered.countDown();
            });
        }
        answered.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        int connected = 0;
        int queued = 0;
        long withPosition = 0;
        for (Waiter w : waiters) {
            if (w.lastPingAnswered) connected++;
            if (w.cancelConfirmed) queued++;
            if (w.hadPosition) withPosition++;
        }
        StringBuilder p = new StringBuilder();
        problems.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                p.append(p.length() == 0 ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue().get()));
        return new Check(connected, queued, queueUpdates.get(), pongs.get(), withPosition, p.length() == 0 ? "none" : p.toString());
    }

    void abortAll() {
        if (pinging != null) pinging.cancel(false);
        for (Waiter w : waiters) w.abort();
    }

    /** Open file descriptors of this process (Linux), for the report of what the waiting connections cost. */
    static long openFds() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The size of the kernel's ephemeral port range (Linux), or -1. */
    static int ephemeralPorts() {
        try {
            // one line "32768\t60999"; read as lines (Files.readString misreads this zero-length /proc file)
            String[] r = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
        } catch (Exception e) {
            return -1;
        }
    }

    private void problem(String kind) {
        problems.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** One waiting applicant. */
    private final class Waiter extends WsPeer {
        final String item;
        private Runnable settled;
        volatile String requestId;
        volatile boolean lost;
        volatile boolean hadPosition;
        volatile boolean lastPingAnswered;
        volatile boolean cancelConfirmed;
        private Runnable checked;
        private int checkAnswers;

        Waiter(String item, Runnable settled) {
            this.item = item;
            this.settled = settled;
        }

        private synchronized void settle() {
            Runnable s = settled;
            settled = null;
            if (s != null) s.run();
        }

        /** Last ping, then cancel; {@code done} runs once both are answered, or the connection is gone. */
        void finalCheck(Runnable done) {
            synchronized (this) {
                checked = done;
                checkAnswers = 0;
            }
            if (isClosed() || requestId == null) {
                checkAnswered(2);
                return;
            }
            send(message("ping", "z"));
            send(message("request.cancel", "c", "requestId", requestId));
        }

        private void checkAnswered(int n) {
            Runnable done = null;
            synchronized (this) {
                checkAnswers += n;
                if (checked != null && checkAnswers >= 2) {
                    done = checked;
                    checked = null;
                }
            }
            if (done != null) done.run();
        }

        @Override
        void opened() {
            send(message("auth.guest", "g"));
        }

        @Override
        void received(JsonNode n, String text, long nanos) {
            String type = n.path("type").asText();
            String id = n.path("id").asText();
            switch (type) {
                case "ok" -> {
                    JsonNode d = n.path("data");
                    switch (id) {
                        case "g" -> send(message("request.create", "r", "item", item, "kind", "assist", "language", LANGUAGE));
                        case "r" -> {
                            if (d.path("accepted").asBoolean()) {
                                hadPosition = d.has("position") && d.has("etaSeconds");
                                requestId = d.path("requestId").asText();
                            } else {
                                problem("refused " + d.path("reason").asText("?"));
                            }
                            settle();
                        }
                        case "k" -> pongs.incrementAndGet();
                        case "z" -> {
                            lastPingAnswered = true;
                            checkAnswered(1);
                        }
                        case "c" -> {
                            cancelConfirmed = d.path("cancelled").asBoolean();
                            checkAnswered(1);
                        }
                        default -> { }
                    }
                }
                case "error" -> {
                    problem("error " + id + " " + n.path("code").asText());
                    if ("g".equals(id) || "r".equals(id)) settle();
                    if ("z".equals(id) || "c".equals(id)) checkAnswered(1);
                }
                case "queue.update" -> {
                    queueUpdates.incrementAndGet();
                    if (n.has("position") && n.has("etaSeconds")) hadPosition = true;
                }
                case "offer", "session.started", "session.transferred" -> {
                    lost = true;
                    problem("unexpected " + type);
                }
                case "request.ended" -> {
                    if (!"CANCELLED".equals(n.path("outcome").asText())) {
                        lost = true;
                        problem("request.ended " + n.path("outcome").asText());
                    }
                }
                default -> { } // server.draining
            }
        }

        @Override
        void failed(Throwable error) {
            lost = true;
            problem("failed " + error.getClass().getSimpleName());
            settle();
            checkAnswered(2);
        }

        @Override
        void closedBy(int statusCode, String reason) {
            lost = true;
            problem("closed by server " + statusCode);
            settle();
            checkAnswered(2);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d waiting applicants (language %s)", count, LANGUAGE);
    }
}
