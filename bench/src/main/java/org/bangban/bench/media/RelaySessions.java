package org.bangban.bench.media;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bangban.relay.control.RelayControl;
import org.bangban.relay.control.RelayEvents;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.TrackSource;
import org.bangban.relay.sdp.Direction;

/**
 * Bangban assistance sessions on a relay, driven through its control API ({@link RelayControl}: the HTTP client for a
 * relay process, or an embedded {@code MediaRelay}): per session a room with two participants, the applicant and the
 * helper, each with a publish transport (microphone and camera, and the applicant's screen with {@code screen}) and
 * a subscribe transport receiving the other's tracks; with {@code supervisor} a third endpoint, an observer with only
 * a subscribe transport receiving both. Every transport is a {@link WebRtcPeer}; they are spread over the
 * {@link MediaLoop}s (senders and receivers on separate loops when there are two or more). The relay's negotiation-needed events are answered (createOffer, answer, applyAnswer) once a
 * subscriber is set up.
 */
public final class RelaySessions implements AutoCloseable {

    /**
     * @param supervisor a subscribe-only observer per session
     * @param screen     the applicant also shares its screen
     */
    public record Shape(int videoKbps, boolean screen, int screenKbps, int screenFps, boolean supervisor) {
    }

    private final RelayControl relay;
    private final Shape shape;
    private final MeasureWindow window;
    private final List<MediaLoop> loops;
    private final Duration connectTimeout;
    private final AtomicInteger streamIds = new AtomicInteger();
    private final AtomicInteger nextSender = new AtomicInteger();
    private final AtomicInteger nextReceiver = new AtomicInteger();
    private final List<WebRtcPeer> peers = new CopyOnWriteArrayList<>();
    private final List<String> rooms = new CopyOnWriteArrayList<>();
    private final Map<String, WebRtcPeer> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService renegotiation = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-renegotiation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong renegotiations = new AtomicLong();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    public RelaySessions(RelayControl relay, Shape shape, MeasureWindow window, List<MediaLoop> loops,
                         Duration connectTimeout) {
        this.relay = relay;
        this.shape = shape;
        this.window = window;
        this.loops = List.copyOf(loops);
        this.connectTimeout = connectTimeout;
        relay.setEvents(new RelayEvents() {
            @Override
            public void negotiationNeeded(String roomId, String endpointId) {
                WebRtcPeer sub = subscribers.get(roomId + "/" + endpointId);
                if (sub != null) renegotiation.execute(() -> renegotiate(roomId, endpointId, sub));
            }

            @Override
            public void endpointClosed(String roomId, String endpointId, String reason) {
                if (rooms.contains(roomId)) problems.add("relay closed endpoint " + roomId + "/" + endpointId + ": " + reason);
            }

            @Override
            public void roomClosed(String roomId, String reason) {
            }
        });
    }

    /**
     * Sets up sessions {@code from .. to-1} on {@code threads} threads in parallel; each session's transports start
     * streaming as soon as they are connected. A session that cannot be set up (a refused call, ICE or DTLS not done
     * within the connect timeout: an overloaded relay) is counted in {@link #failedSessions}, named in
     * {@link #problems}, its sockets closed, and left out of {@link #peers}: the run goes on without it.
     */
    public void open(int from, int to, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-session-setup");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    List<WebRtcPeer> own = new ArrayList<>();
                    try {
                        session(n, own);
                        peers.addAll(own);
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        problems.add("session " + n + " could not be set up: " + e.getMessage());
                        own.forEach(WebRtcPeer::close);
                    }
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a session setup task failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private final Histogram setupNanos = new Histogram();
    private final Histogram controlNanos = new Histogram();

    /** Time per transport: ICE and DTLS ({@code connect}), and the control calls of its negotiation. */
    public synchronized String setupTimes() {
        return String.format(java.util.Locale.ROOT, "connect p50 %.0f ms max %.0f ms, control calls p50 %.0f ms max %.0f ms",
                setupNanos.percentile(0.5) / 1e6, setupNanos.max() / 1e6, controlNanos.percentile(0.5) / 1e6,
                controlNanos.max() / 1e6);
    }

    private synchronized void timed(Histogram h, long since) {
        h.record(System.nanoTime() - since);
    }

    /** Sessions {@link #open} could not set up. */
    public int failedSessions() {
        return failed.get();
    }

    private void session(int n, List<WebRtcPeer> own) throws IOException {
        String room = "bench-" + n;
        relay.createRoom(room);
        rooms.add(room);
        relay.createEndpoint(room, "applicant", EndpointRole.PARTICIPANT);
        relay.createEndpoint(room, "helper", EndpointRole.PARTICIPANT);
        if (shape.supervisor()) relay.createEndpoint(room, "supervisor", EndpointRole.OBSERVER);
        List<OutboundStream> applicant = publish(room, "applicant", shape.screen(), own);
        List<OutboundStream> helper = publish(room, "helper", false, own);
        subscribe(room, "applicant", helper, own);
        subscribe(room, "helper", applicant, own);
        if (shape.supervisor()) {
            List<OutboundStream> both = new ArrayList<>(applicant);
            both.addAll(helper);
            subscribe(room, "supervisor", both, own);
        }
    }

    private List<OutboundStream> publish(String room, String endpoint, boolean screen, List<WebRtcPeer> own)
            throws IOException {
        WebRtcPeer peer = new WebRtcPeer(room + "/" + endpoint + "/publish", InetAddress.getLoopbackAddress());
        own.add(peer);
        List<StreamSpec> specs = new ArrayList<>(List.of(StreamSpec.microphone(), StreamSpec.camera(shape.videoKbps())));
        if (screen) specs.add(StreamSpec.screen(shape.screenKbps(), shape.screenFps()));
        List<PeerSdp.Track> tracks = new ArrayList<>();
        Map<String, TrackSource> sources = new LinkedHashMap<>();
        List<OutboundStream> streams = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            StreamSpec spec = specs.get(i);
            int id = streamIds.incrementAndGet();
            OutboundStream s = new OutboundStream(id, spec, 0x10000 + id * 16, window);
            streams.add(s);
            peer.send(s);
            tracks.add(new PeerSdp.Track(spec.kind(), Integer.toString(i), s.ssrc(), Direction.SENDONLY));
            sources.put(Integer.toString(i), TrackSource.fromWireName(spec.source()));
        }
        long t = System.nanoTime();
        peer.applyRemote(relay.applyOffer(room, endpoint, peer.offer(tracks), sources));
        timed(controlNanos, t);
        t = System.nanoTime();
        peer.connect(connectTimeout);
        timed(setupNanos, t);
        loop(true).add(peer);
        return streams;
    }

    private void subscribe(String room, String endpoint, List<OutboundStream> from, List<WebRtcPeer> own)
            throws IOException {
        WebRtcPeer peer = new WebRtcPeer(room + "/" + endpoint + "/subscribe", InetAddress.getLoopbackAddress());
        own.add(peer);
        for (OutboundStream s : from) peer.expect(new StreamMeter(s, window));
        long t = System.nanoTime();
        String offer = relay.createOffer(room, endpoint, false).orElseThrow(() -> new IOException(
                "the relay offered nothing to " + room + "/" + endpoint + " although the other side publishes"));
        relay.applyAnswer(room, endpoint, peer.answer(offer, Direction.RECVONLY));
        timed(controlNanos, t);
        t = System.nanoTime();
        peer.connect(connectTimeout);
        timed(setupNanos, t);
        subscribers.put(room + "/" + endpoint, peer);
        loop(false).add(peer);
    }

    private void renegotiate(String room, String endpoint, WebRtcPeer peer) {
        try {
            relay.createOffer(room, endpoint, false)
                    .ifPresent(offer -> relay.applyAnswer(room, endpoint, peer.answer(offer, Direction.RECVONLY)));
            renegotiations.incrementAndGet();
        } catch (RuntimeException e) {
            problems.add("renegotiating " + room + "/" + endpoint + " failed: " + e.getMessage());
        }
    }

    /**
     * With two loops or more, publish transports go to the first half and subscribe transports to the other, so a
     * receiver's loop never holds a datagram while it sends a frame burst (which would add to the latency
     * measured); with one loop, that loop does both.
     */
    private MediaLoop loop(boolean publisher) {
        int n = loops.size();
        if (n == 1) return loops.get(0);
        int senders = n / 2;
        return publisher ? loops.get(Math.floorMod(nextSender.getAndIncrement(), senders))
                : loops.get(senders + Math.floorMod(nextReceiver.getAndIncrement(), n - senders));
    }

    /** Every transport, publish and subscribe, of the sessions that were set up. */
    public List<WebRtcPeer> peers() {
        return List.copyOf(peers);
    }

    public int rooms() {
        return rooms.size();
    }

    /** Subscribe transports renegotiated after the relay asked. */
    public long renegotiations() {
        return renegotiations.get();
    }

    /** Endpoints the relay closed on its own and failed renegotiations, for the report. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Closes every room on the relay (ignoring a relay that is gone) and every peer's socket. */
    @Override
    public void close() {
        renegotiation.shutdownNow();
        for (String room : rooms) {
            try {
                relay.closeRoom(room, "bench done");
            } catch (RuntimeException e) {
                problems.add("closing " + room + " failed: " + e.getMessage());
            }
        }
        rooms.clear();
        peers.forEach(WebRtcPeer::close);
        peers.clear();
    }
}
