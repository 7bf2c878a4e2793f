package org.bangban.bench.media.peer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.bench.media.MeasureWindow;
import org.bangban.bench.media.MediaLoop;
import org.bangban.bench.media.OutboundStream;
import org.bangban.bench.media.PeerSdp;
import org.bangban.bench.media.StreamMeter;
import org.bangban.bench.media.StreamSpec;
import org.bangban.bench.media.SummaryLine;
import org.bangban.bench.media.WebRtcPeer;
import org.bangban.relay.sdp.Direction;

/**
 * Janus forwarding the same SRTP load as Bangban's 1:1 sessions, through its EchoTest plugin: per session two
 * endpoints (applicant and helper), each a {@link WebRtcPeer} with one Janus session and EchoTest handle, sending
 * microphone and camera and receiving them back. Janus decrypts, handles and re-encrypts every packet once, as
 * Bangban does for each receiver; the packets forwarded per endpoint are the same (Bangban sends each endpoint the
 * other's streams, EchoTest its own). Prints and returns the {@code BENCH media peer=janus} line.
 */
public final class JanusScenario {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long KEEPALIVE_S = 25;

    private final PeerOptions o;
    private final AtomicInteger streamIds = new AtomicInteger();
    private final AtomicInteger nextLoop = new AtomicInteger();

    public JanusScenario(PeerOptions options) {
        this.o = options;
    }

    private record Endpoint(WebRtcPeer peer, JanusApi.EchoSession session) {
    }

    public SummaryLine run() throws Exception {
        MeasureWindow window = new MeasureWindow();
        List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
        List<MediaLoop> loops = new ArrayList<>();
        ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-janus-keepalive");
            t.setDaemon(true);
            return t;
        });
        AtomicLong keepaliveFailures = new AtomicLong();
        try (Janus janus = Janus.start(o.janusEventLoops())) {
            System.out.printf("media: janus pid %d, API %s, media on %s (its candidates skip loopback), "
                    + "event_loops %d, log %s%n", janus.pid(), janus.api(), janus.mediaAddress().getHostAddress(),
                    janus.eventLoops(), janus.logFile());
            JanusApi api = new JanusApi(janus.api());
            for (int i = 0; i < o.loops(); i++) loops.add(new MediaLoop("bench-janus-loop-" + i, 1_000_000));
            long t0 = System.nanoTime();
            try {
                openAll(janus, api, window, loops, endpoints);
            } catch (IOException e) {
                janus.requireAlive("while the sessions were set up");
                throw e;
            }
            System.out.printf("media: janus: %d sessions (%d EchoTest handles) connected in %.1f s%n", o.sessions(),
                    endpoints.size(), (System.nanoTime() - t0) / 1e9);
            keepalive.scheduleAtFixedRate(() -> {
                for (Endpoint e : endpoints) {
                    try {
                        e.session().keepalive();
                    } catch (IOException | RuntimeException ex) {
                        keepaliveFailures.incrementAndGet();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, KEEPALIVE_S, KEEPALIVE_S, TimeUnit.SECONDS);
            List<WebRtcPeer> peers = endpoints.stream().map(Endpoint::peer).toList();
            SummaryLine line = PeerMeasurement.run("janus", janus.pid(), o, loops, peers, window);
            janus.requireAlive("during the run");
            Map<String, Integer> profiles = new TreeMap<>();
            for (WebRtcPeer p : peers) profiles.merge(String.valueOf(p.profile()), 1, Integer::sum);
            line.put("srtp_profile", String.join("+", profiles.keySet()))
                    .put("event_loops", janus.eventLoops()).put("keepalive_failures", keepaliveFailures.get());
            keepalive.shutdownNow();
            closeAll(endpoints);
            line.put("peer_exit", janus.stop());
            return line;
        } finally {
            keepalive.shutdownNow();
            for (MediaLoop loop : loops) loop.close();
            for (Endpoint e : endpoints) e.peer().close();
        }
    }

    private void openAll(Janus janus, JanusApi api, MeasureWindow window, List<MediaLoop> loops,
                         List<Endpoint> endpoints) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(o.connectThreads(), r -> {
            Thread t = new Thread(r, "bench-janus-setup");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < o.sessions(); s++) {
                for (String who : List.of("applicant", "helper")) {
                    String name = "janus-" + s + "/" + who;
                    done.add(pool.submit(() -> {
                        endpoints.add(open(name, janus, api, window, loops));
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("an EchoTest endpoint could not be set up: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One endpoint: its peer on the host address, a Janus session with EchoTest, offer/answer, ICE+DTLS+SRTP. */
    private Endpoint open(String name, Janus janus, JanusApi api, MeasureWindow window, List<MediaLoop> loops)
            throws IOException, InterruptedException {
        WebRtcPeer peer = new WebRtcPeer(name, janus.mediaAddress());
        JanusApi.EchoSession session = null;
        try {
            List<PeerSdp.Track> tracks = new ArrayList<>();
            List<StreamSpec> specs = List.of(StreamSpec.microphone(), StreamSpec.camera(o.videoKbps()));
            for (int i = 0; i < specs.size(); i++) {
                int id = streamIds.incrementAndGet();
                OutboundStream stream = new OutboundStream(id, specs.get(i), 0x10000 + id * 16, window);
                peer.send(stream);
                peer.expect(new StreamMeter(stream, window)); // the echo of its own stream
                tracks.add(new PeerSdp.Track(specs.get(i).kind(), Integer.toString(i), stream.ssrc(), Direction.SENDRECV));
            }
            session = api.echoSession();
            peer.applyRemote(session.negotiate(peer.offer(tracks)));
            peer.connect(CONNECT_TIMEOUT);
            loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size())).add(peer);
            return new Endpoint(peer, session);
        } catch (IOException | RuntimeException | InterruptedException e) {
            peer.close();
            if (session != null) {
                try {
                    session.close();
                } catch (IOException ignored) {
                    // Janus drops the session after its timeout anyway
                }
            }
            throw e;
        }
    }

    /** Hangs up every EchoTest handle and destroys its session (Janus stops right after, so failures only count). */
    private static void closeAll(List<Endpoint> endpoints) throws InterruptedException {
        for (Endpoint e : endpoints) {
            try {
                e.session().close();
            } catch (IOException ignored) {
                // the process is stopped next
            }
            e.peer().close();
        }
    }
}
