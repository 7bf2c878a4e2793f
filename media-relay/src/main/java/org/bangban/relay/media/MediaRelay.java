package org.bangban.relay.media;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bangban.relay.RelayConfig;
import org.bangban.relay.control.EndpointInfo;
import org.bangban.relay.control.EndpointStats;
import org.bangban.relay.control.RelayControl;
import org.bangban.relay.control.RelayEvents;
import org.bangban.relay.control.RelayException;
import org.bangban.relay.control.RelayStats;
import org.bangban.relay.control.RoomInfo;
import org.bangban.relay.dtls.DtlsConfig;
import org.bangban.relay.dtls.DtlsService;
import org.bangban.relay.ice.IceCredentials;
import org.bangban.relay.ice.IceLiteAgent;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.OutgoingSlot;
import org.bangban.relay.room.TrackSource;
import org.bangban.relay.sdp.Candidate;
import org.bangban.relay.sdp.LocalParameters;
import org.bangban.relay.srtp.SrtpDropReason;
import org.bangban.relay.srtp.SrtpSession;
import org.bangban.relay.transport.DropReason;
import org.bangban.relay.transport.PacketDispatcher;
import org.bangban.relay.transport.PacketPath;
import org.bangban.relay.transport.RelaySockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The media relay: a WebRTC SFU in one object. It owns the sockets, the DTLS service, the rooms,
 * and a timer that expires idle rooms and endpoints, drops endpoints whose consent lapsed, sends
 * receiver reports and samples bitrates. It is the in-process {@link RelayControl}.
 */
public final class MediaRelay implements RelayControl, RelayContext, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaRelay.class);
    /**
     * jitsi-srtp logs its start-up AES benchmark through java.util.logging at INFO on stderr; an operator
     * needs none of it (outcomes are counted instead). Held here so the setting is not garbage-collected.
     */
    private static final java.util.logging.Logger JITSI_LOG = java.util.logging.Logger.getLogger("org.jitsi");

    static {
        JITSI_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final RelayConfig config;
    private final RelayCounters counters = new RelayCounters();
    private final PacketDispatcher dispatcher;
    private final DtlsService dtls;
    private final RelaySockets sockets;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final org.bangban.relay.sdp.Fingerprint localFingerprint;
    private volatile RelayEvents events = RelayEvents.NONE;
    private volatile boolean closed;

    private MediaRelay(RelayConfig config, PacketDispatcher dispatcher, DtlsService dtls, RelaySockets sockets) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.dtls = dtls;
        this.sockets = sockets;
        String[] fp = dtls.sdpFingerprint().split(" ", 2);
        this.localFingerprint = new org.bangban.relay.sdp.Fingerprint(fp[0], fp[1]);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bangban-relay-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts a relay: binds its ports, makes its DTLS certificate. */
    public static MediaRelay start(RelayConfig config) throws InterruptedException {
        config = config.withAdvertised(expandAdvertised(config.advertisedAddresses()));
        DtlsService dtls = new DtlsService(DtlsConfig.defaults().withHandshakeTimeout(config.dtlsHandshakeTimeout()));
        PacketDispatcher dispatcher = new PacketDispatcher(System::nanoTime);
        RelaySockets sockets;
        try {
            sockets = RelaySockets.start(config.bindHost(), config.udpPort(), config.tcpPort(), config.ioThreads(),
                    config.consentTimeout(), config.udpGso(), dispatcher);
        } catch (InterruptedException | RuntimeException e) {
            dtls.close();
            throw e;
        }
        MediaRelay relay = new MediaRelay(config, dispatcher, dtls, sockets);
        // jitsi-srtp benchmarks its AES providers on first use, holding a JVM-wide lock for seconds:
        // do it now, off the packet and handshake paths.
        Thread warm = new Thread(SrtpSession::warmUp, "bangban-relay-srtp-warmup");
        warm.setDaemon(true);
        warm.start();
        LOG.info("Media relay ready: UDP {}, ICE-TCP {}, candidates on {}, DTLS fingerprint {}", sockets.udpPort(),
                sockets.tcpPort() < 0 ? "off" : sockets.tcpPort(), config.advertisedAddresses(), dtls.sdpFingerprint());
        return relay;
    }

    public int udpPort() {
        return sockets.udpPort();
    }

    public int tcpPort() {
        return sockets.tcpPort();
    }

    public PacketDispatcher dispatcher() {
        return dispatcher;
    }

    public RelayCounters counters() {
        return counters;
    }

    /** Exceptions the packet loop caught (each one is a bug). */
    public long socketErrors() {
        return sockets.receiverErrors();
    }

    public DtlsService dtls() {
        return dtls;
    }

    // ---------------------------------------------------------------- control API

    @Override
    public RoomInfo createRoom(String roomId) {
        checkOpen();
        requireId(roomId, "roomId");
        return rooms.computeIfAbsent(roomId, id -> new Room(id, this)).info();
    }

    @Override
    public void closeRoom(String roomId, String reason) {
        Room room = rooms.get(roomId);
        if (room != null) {
            room.close(reason == null ? "closed" : reason);
        }
    }

    @Override
    public EndpointInfo createEndpoint(String roomId, String endpointId, EndpointRole role) {
        checkOpen();
        requireId(endpointId, "endpointId");
        room(roomId).addEndpoint(endpointId, role);
        return new EndpointInfo(roomId, endpointId, role);
    }

    @Override
    public void route(String roomId, String receiverId, String sourceId, Set<TrackSource> tracks) {
        room(roomId).route(receiverId, sourceId, tracks);
    }

    @Override
    public String applyOffer(String roomId, String endpointId, String offerSdp, Map<String, TrackSource> sourcesByMid) {
        return room(roomId).applyOffer(endpointId, offerSdp, sourcesByMid == null ? Map.of() : sourcesByMid);
    }

    @Override
    public Optional<String> createOffer(String roomId, String endpointId, boolean iceRestart) {
        return room(roomId).createOffer(endpointId, iceRestart);
    }

    @Override
    public void applyAnswer(String roomId, String endpointId, String answerSdp) {
        room(roomId).applyAnswer(endpointId, answerSdp);
    }

    @Override
    public void closeEndpoint(String roomId, String endpointId, String reason) {
        Room room = rooms.get(roomId);
        if (room != null) {
            room.removeEndpoint(endpointId, reason, false);
        }
    }

    @Override
    public void setEvents(RelayEvents listener) {
        this.events = listener == null ? RelayEvents.NONE : listener;
    }

    @Override
    public EndpointStats endpointStats(String roomId, String endpointId) {
        Endpoint e = room(roomId).endpoint(endpointId);
        List<EndpointStats.InboundTrackStats> in = new ArrayList<>();
        for (InboundTrack t : e.inbound) {
            long expected = t.reception.packetsExpected();
            long lost = t.reception.cumulativeLost();
            in.add(new EndpointStats.InboundTrackStats(t.source.wireName(), t.source.kind().sdpName(),
                    t.ssrc & 0xFFFF_FFFFL, t.packets, t.bytes, t.bitrate(), lost,
                    expected <= 0 ? 0 : Math.max(0, (double) lost / expected),
                    t.reception.jitter() * 1000.0 / t.source.kind().clockRate()));
        }
        List<EndpointStats.OutboundStreamStats> out = new ArrayList<>();
        Set<Forwarder> active = activeForwarders(e);
        for (Forwarder f : e.forwarders) {
            OutgoingSlot s = f.slot;
            out.add(new EndpointStats.OutboundStreamStats(s.mid(), s.sourceEndpoint(), s.source().wireName(),
                    active.contains(f), s.ssrc(), f.packets, f.bytes, f.bitrate(), f.nacks, f.retransmitted, f.plis,
                    f.remoteLossFraction, f.remoteJitterMillis, f.rttMillis));
        }
        long rtt = 0;
        for (Forwarder f : e.forwarders) {
            rtt = Math.max(rtt, f.rttMillis);
        }
        return new EndpointStats(roomId, endpointId, e.role.name().toLowerCase(java.util.Locale.ROOT),
                transportStats(e.publish, 0), transportStats(e.subscribe, rtt), in, out);
    }

    /** The forwarders into {@code e} that a published track feeds right now. */
    private static Set<Forwarder> activeForwarders(Endpoint e) {
        Set<Forwarder> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Endpoint other : e.room.endpoints()) {
            for (InboundTrack t : other.inbound) {
                for (Forwarder f : t.subscribers) {
                    if (f.receiver == e) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    private static EndpointStats.TransportStats transportStats(WebRtcTransport t, long rttMillis) {
        if (t == null) {
            return null;
        }
        PacketPath path = t.selectedPath();
        var srtp = t.srtp();
        return new EndpointStats.TransportStats(t.iceState(), t.dtlsState(), path == null ? null : path.toString(),
                t.packetsIn.sum(), t.bytesIn.sum(), t.packetsOut.sum(), t.bytesOut.sum(),
                srtp == null ? 0 : srtp.stats().unprotectDropped(SrtpDropReason.AUTH_FAIL), rttMillis);
    }

    @Override
    public RelayStats stats() {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            dropped.put(r.tag(), dispatcher.dropped(r));
        }
        for (DropCause c : DropCause.values()) {
            dropped.put(c.tag(), counters.dropped(c));
        }
        for (SrtpDropReason r : SrtpDropReason.values()) {
            dropped.put("srtp_" + r.name().toLowerCase(java.util.Locale.ROOT), counters.srtpDropped(r));
        }
        int endpoints = 0;
        for (Room r : rooms.values()) {
            endpoints += r.endpoints().size();
        }
        var d = dtls.stats().snapshot();
        return new RelayStats(rooms.size(), endpoints, counters.packetsIn(), counters.packetsOut(), counters.bytesIn(),
                counters.bytesOut(), d.handshakesSucceeded(), d.handshakesFailedTotal(), counters.srtpDropped(SrtpDropReason.AUTH_FAIL),
                dropped, sockets.udpDatagramsSent(), sockets.udpDatagramsSentSegmented());
    }

    /** Registers the relay's meters: totals, drops by reason, rooms, endpoints, DTLS. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("bangban_relay_rooms", rooms, Map::size).description("Rooms open now").register(registry);
        Gauge.builder("bangban_relay_endpoints", this, r -> r.stats().endpoints())
                .description("Endpoints in all rooms now").register(registry);
        FunctionCounter.builder("bangban_relay_packets_in", counters, RelayCounters::packetsIn)
                .description("SRTP/SRTCP packets received and decrypted").register(registry);
        FunctionCounter.builder("bangban_relay_packets_out", counters, RelayCounters::packetsOut)
                .description("SRTP/SRTCP packets sent").register(registry);
        FunctionCounter.builder("bangban_relay_bytes_in", counters, RelayCounters::bytesIn).register(registry);
        FunctionCounter.builder("bangban_relay_bytes_out", counters, RelayCounters::bytesOut).register(registry);
        FunctionCounter.builder("bangban_relay_nacks_received", counters, RelayCounters::nacksReceived).register(registry);
        FunctionCounter.builder("bangban_relay_retransmissions", counters, RelayCounters::retransmissions)
                .register(registry);
        FunctionCounter.builder("bangban_relay_keyframe_requests", counters, RelayCounters::keyframeRequests)
                .register(registry);
        FunctionCounter.builder("bangban_relay_rembs_forwarded", counters, RelayCounters::rembsForwarded)
                .register(registry);
        for (DropReason r : DropReason.values()) {
            FunctionCounter.builder("bangban_relay_packets_dropped", dispatcher, d -> d.dropped(r))
                    .tag("reason", r.tag()).description("Packets the relay dropped, by reason").register(registry);
        }
        for (DropCause c : DropCause.values()) {
            FunctionCounter.builder("bangban_relay_packets_dropped", counters, k -> k.dropped(c))
                    .tag("reason", c.tag()).register(registry);
        }
        for (SrtpDropReason s : SrtpDropReason.values()) {
            FunctionCounter.builder("bangban_relay_packets_dropped", counters, k -> k.srtpDropped(s))
                    .tag("reason", "srtp_" + s.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("bangban_relay_dtls_handshakes", dtls, x -> x.stats().snapshot().handshakesSucceeded())
                .tag("result", "ok").register(registry);
        FunctionCounter.builder("bangban_relay_dtls_handshakes", dtls, x -> x.stats().snapshot().handshakesFailedTotal())
                .tag("result", "failed").register(registry);
        Gauge.builder("bangban_relay_dtls_handshakes_active", dtls, DtlsService::activeHandshakeTasks)
                .description("DTLS handshakes running or queued").register(registry);
        FunctionCounter.builder("bangban_relay_socket_errors", sockets, RelaySockets::receiverErrors)
                .description("Exceptions caught in the packet loop (each is a bug)").register(registry);
        FunctionCounter.builder("bangban_relay_udp_datagrams_sent", sockets, RelaySockets::udpDatagramsSent)
                .description("UDP datagrams sent (each segment of a GSO send counted)").register(registry);
        FunctionCounter.builder("bangban_relay_udp_datagrams_sent_gso", sockets, RelaySockets::udpDatagramsSentSegmented)
                .description("UDP datagrams sent as segments of GSO sends").register(registry);
        FunctionCounter.builder("bangban_relay_udp_gso_sends", sockets, RelaySockets::udpGsoSends)
                .description("UDP GSO sends (2 datagrams or more each)").register(registry);
        FunctionCounter.builder("bangban_relay_udp_gso_failures", sockets, RelaySockets::udpGsoFailures)
                .description("GSO sends the kernel refused (sent again one by one; GSO then turned off)")
                .register(registry);
        Gauge.builder("bangban_relay_udp_gso_enabled", sockets, s -> s.udpGsoEnabled() ? 1 : 0)
                .description("1 while UDP GSO is used").register(registry);
    }

    @Override
    public void close() {
        closed = true;
        for (Room r : new ArrayList<>(rooms.values())) {
            r.close("relay shutting down");
        }
        timer.shutdownNow();
        sockets.close();
        dtls.close();
    }

    // ---------------------------------------------------------------- RelayContext

    @Override
    public WebRtcTransport newTransport(Endpoint owner, WebRtcTransport.Direction direction) {
        String label = owner.room.id + "/" + owner.id + "/" + direction.name().toLowerCase(java.util.Locale.ROOT);
        WebRtcTransport t = new WebRtcTransport(label, direction, owner, dtls, config.consentTimeout(), counters);
        dispatcher.register(t.ice().localCredentials().ufrag(), t);
        return t;
    }

    @Override
    public void restartIce(WebRtcTransport transport) {
        IceLiteAgent<PacketPath> old = transport.restartIce(config.consentTimeout());
        dispatcher.register(transport.ice().localCredentials().ufrag(), transport);
        dispatcher.unregisterUfrag(old.localCredentials().ufrag(), transport);
        old.close();
    }

    @Override
    public void closeTransport(WebRtcTransport transport) {
        dispatcher.unregister(transport.ice().localCredentials().ufrag(), transport);
        transport.close();
    }

    @Override
    public LocalParameters localParameters(IceCredentials credentials, long sessionId) {
        List<Candidate> candidates = new ArrayList<>();
        int foundation = 1;
        int localPref = 65535;
        for (String address : config.advertisedAddresses()) {
            candidates.add(Candidate.host(Integer.toString(foundation++), "udp",
                    Candidate.priority(126, localPref, 1), address, sockets.udpPort()));
            if (sockets.tcpPort() > 0) {
                candidates.add(Candidate.host(Integer.toString(foundation++), "tcp",
                        Candidate.priority(90, localPref, 1), address, sockets.tcpPort()));
            }
            localPref -= 1;
        }
        return new LocalParameters(credentials.ufrag(), credentials.password(), localFingerprint, candidates, sessionId);
    }

    @Override
    public RelayEvents events() {
        return events;
    }

    @Override
    public void roomClosed(Room room) {
        rooms.remove(room.id, room);
    }

    // ---------------------------------------------------------------- housekeeping

    private void tick() {
        try {
            long now = System.nanoTime();
            for (Room room : rooms.values()) {
                if (room.isEmpty()) {
                    if (now - room.emptySinceNanos() > config.roomIdleTimeout().toNanos()) {
                        LOG.info("Room {} closed: empty for {}", room.id, config.roomIdleTimeout());
                        room.close("idle");
                    }
                    continue;
                }
                for (Endpoint e : room.endpoints()) {
                    String why = expiry(e, now);
                    if (why != null) {
                        LOG.info("Endpoint {} of room {} closed: {}", e.id, room.id, why);
                        room.removeEndpoint(e.id, why, true);
                        continue;
                    }
                    for (InboundTrack t : e.inbound) {
                        t.sampleBitrate(now);
                    }
                    for (Forwarder f : e.forwarders) {
                        f.sampleBitrate(now);
                    }
                    e.sendReceiverReport(now);
                }
            }
        } catch (RuntimeException ex) {
            LOG.error("Media relay housekeeping failed; it runs again in 1 s", ex);
        }
    }

    /** Why an endpoint should go now, or null. */
    private String expiry(Endpoint e, long now) {
        boolean anyConnected = false;
        for (WebRtcTransport t : new WebRtcTransport[]{e.publish, e.subscribe}) {
            if (t == null) {
                continue;
            }
            if (t.selectedPath() != null && t.ice().consentExpired(now)) {
                return "ICE consent lost on its " + t.direction().name().toLowerCase(java.util.Locale.ROOT)
                        + " transport (no check for " + config.consentTimeout().toSeconds() + " s)";
            }
            anyConnected |= t.connected();
        }
        if (!anyConnected && now - e.createdAtNanos > config.endpointIdleTimeout().toNanos()) {
            return "never connected within " + config.endpointIdleTimeout().toSeconds() + " s";
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * {@code auto} in the advertised list stands for every address of this host's interfaces that
     * are up (IPv4, not loopback), in interface order; loopback when there is none.
     */
    static List<String> expandAdvertised(List<String> configured) {
        List<String> out = new ArrayList<>();
        for (String a : configured) {
            if (!a.equalsIgnoreCase("auto")) {
                out.add(a);
                continue;
            }
            try {
                for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                    if (!ni.isUp() || ni.isLoopback()) {
                        continue;
                    }
                    for (var addr : java.util.Collections.list(ni.getInetAddresses())) {
                        if (addr instanceof java.net.Inet4Address && !out.contains(addr.getHostAddress())) {
                            out.add(addr.getHostAddress());
                        }
                    }
                }
            } catch (java.net.SocketException e) {
                LOG.warn("Could not list network interfaces for relay candidates ({}); set relay.advertise", e.toString());
            }
        }
        if (out.isEmpty()) {
            out.add("127.0.0.1");
        }
        return out;
    }

    private Room room(String roomId) {
        checkOpen();
        Room room = roomId == null ? null : rooms.get(roomId);
        if (room == null) {
            throw new RelayException(RelayException.Code.ROOM_NOT_FOUND, "no room '" + roomId + "' on this relay");
        }
        return room;
    }

    private void checkOpen() {
        if (closed) {
            throw new RelayException(RelayException.Code.RELAY_CLOSED, "the media relay is shutting down");
        }
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isBlank() || id.length() > 128) {
            throw new RelayException(RelayException.Code.BAD_REQUEST, "'" + what + "' must be 1..128 characters");
        }
    }
}
