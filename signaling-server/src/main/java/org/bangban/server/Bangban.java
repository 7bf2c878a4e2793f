package org.bangban.server;

import org.bangban.media.MediaService;
import org.bangban.relay.RelayConfig;
import org.bangban.relay.control.RelayControl;
import org.bangban.relay.control.http.HttpRelayClient;
import org.bangban.relay.media.MediaRelay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bangban.calendar.HolidayCalendar;
import org.bangban.cases.Cases;
import org.bangban.cases.RealNameCipher;
import org.bangban.casefeed.CallbackCases;
import org.bangban.casefeed.CaseFeed;
import org.bangban.casefeed.CaseSessions;
import org.bangban.casefeed.SessionApi;
import org.bangban.casefeed.SessionChat;
import org.bangban.casefeed.SessionRecords;
import org.bangban.evaluation.EvaluationSettings;
import org.bangban.evaluation.Evaluations;
import org.bangban.evaluation.WorkingDays;
import org.bangban.materials.ContentSniffer;
import org.bangban.materials.MaterialStore;
import org.bangban.materials.MaterialType;
import org.bangban.materials.Materials;
import org.bangban.calendar.ServiceHours;
import org.bangban.config.Config;
import org.bangban.caseapi.CaseLogApi;
import org.bangban.http.ApiRouter;
import org.bangban.indicators.Indicators;
import org.bangban.indicators.IndicatorsApi;
import org.bangban.http.CoreApi;
import org.bangban.http.HttpServer;
import org.bangban.http.Origins;
import org.bangban.http.WidgetApi;
import org.bangban.identity.PasswordHasher;
import org.bangban.identity.PortalTokenVerifier;
import org.bangban.identity.ServerSecret;
import org.bangban.identity.StaffAccounts;
import org.bangban.identity.TokenService;
import org.bangban.live.InMemoryLiveState;
import org.bangban.live.LiveState;
import org.bangban.live.LocalMessageBus;
import org.bangban.live.MessageBus;
import org.bangban.live.RedisLiveState;
import org.bangban.live.RedisMessageBus;
import org.bangban.pairing.Ids;
import org.bangban.pointer.PointerRelay;
import org.bangban.pairing.PairingLoop;
import org.bangban.pairing.PairingService;
import org.bangban.pairing.PairingSettings;
import org.bangban.presence.PresenceService;
import org.bangban.protocol.Codec;
import org.bangban.queue.Router;
import org.bangban.queue.RoutingConfig;
import org.bangban.queue.StrategyName;
import org.bangban.queue.WaitEstimator;
import org.bangban.store.CallbackRequests;
import org.bangban.store.RecordStore;
import org.bangban.store.RequestOutcomes;
import org.bangban.store.ServiceItems;
import org.bangban.ws.LocalConnections;
import org.bangban.ws.MessageHandler;
import org.bangban.ws.WebSocketEndpoints;
import org.bangban.ws.WsMetrics;
import org.bangban.wallboard.WallboardFeed;
import org.bangban.wallboard.WallboardRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole signaling node, wired by hand from the configuration: record store, live state, pairing,
 * presence, the WebSocket protocol and the HTTP server. {@link #close()} drains.
 */
public final class Bangban implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bangban.class);
    private final Config config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicReference<String> status = new AtomicReference<>("starting");
    private MediaRelay embeddedRelay;
    private HttpServer http;
    private LocalConnections connections;
    private PairingLoop loop;
    private PresenceService presence;
    private MessageHandler handler;
    private String nodeId;
    private boolean demo;

    private Bangban(Config config) {
        this.config = config;
    }

    public static Bangban start(Config config) throws Exception {
        Bangban b = new Bangban(config);
        try {
            b.build();
        } catch (Exception | Error e) {
            b.close();
            throw e;
        }
        return b;
    }

    private void build() throws Exception {
        demo = config.demo();
        nodeId = config.optional("node.id") != null ? config.optional("node.id") : UUID.randomUUID().toString().substring(0, 8);
        Clock clock = Clock.systemUTC();
        ObjectMapper mapper = new ObjectMapper();
        Codec codec = new Codec(mapper);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", nodeId);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        // Records: SQLite under the data dir, or the configured database.
        Path dataDir = Path.of(config.string("data.dir"));
        Files.createDirectories(dataDir);
        RecordStore store = config.optional("db.url") == null
                ? RecordStore.sqliteFile(dataDir.resolve("bangban.db"), registry)
                : RecordStore.open(config.string("db.url"), config.optional("db.user"), config.optional("db.password"), registry);
        closeables.add(store);
        StaffAccounts accounts = new StaffAccounts(store, new PasswordHasher());
        ServiceItems items = new ServiceItems(store);
        if (demo) DemoData.seed(accounts, items);
        StoreCatalog catalog = new StoreCatalog(items);
        ZoneId zone = ZoneId.of(config.string("service.zone"));
        HolidayCalendar calendar = HolidayCalendar.parse(config.string("service.holidays"), config.string("service.workdays"));

        // The case log 办件, materials 材料 and ratings 好差评 that sessions feed.
        Cases cases = new Cases(store, RealNameCipher.fromConfig(config), clock, zone);
        Materials materials = new Materials(store, new MaterialStore(dataDir,
                Long.parseLong(config.string("materials.max.bytes")),
                new ContentSniffer(MaterialType.parseList(config.string("materials.types")))), clock);
        materials.bindMetrics(registry);
        Evaluations evaluations = new Evaluations(store, EvaluationSettings.from(config), new WorkingDays(calendar, zone));
        StoreRequestLog requestLog = new StoreRequestLog(store, new RequestOutcomes(store), new CallbackRequests(store),
                new CallbackCases(cases, catalog));

        // Identities.
        TokenService tokens = new TokenService(serverSecret(dataDir), config.duration("token.lifetime"));
        PortalTokenVerifier portal = PortalVerifiers.from(config);
        IdentityAuthenticator auth = new IdentityAuthenticator(accounts, tokens, portal);

        // Live state: in-memory, or Redis shared by many nodes.
        LiveState live;
        MessageBus bus;
        String redisUrl = config.optional("redis.url");
        if (redisUrl == null) {
            live = new InMemoryLiveState();
            bus = new LocalMessageBus();
        } else {
            RedisClient redis = RedisClient.create(redisUrl);
            closeables.add(redis::shutdown);
            String prefix = config.string("redis.prefix");
            live = new RedisLiveState(redis, prefix, mapper);
            bus = new RedisMessageBus(redis, prefix);
        }
        closeables.add(0, live);
        closeables.add(0, bus);

        // Pairing.
        PairingSettings settings = PairingSettings.from(config);
        RoutingConfig routing = new RoutingConfig(settings.greenHeadStart(), settings.transferHeadStart(),
                config.duration("pairing.overflow.after"), StrategyName.valueOf(config.string("pairing.strategy")));
        Router router = new Router(routing);
        ServiceHours hours = ServiceHours.parse(config.string("service.hours"), zone, calendar);
        PairingService pairing = new PairingService(live, bus, codec, router, new WaitEstimator(), hours, catalog,
                requestLog, settings, clock, new Ids(), registry);
        loop = new PairingLoop(pairing, registry); // closed first by close(), before the connections
        bus.onKick(loop::kick);

        // Connections and presence.
        connections = new LocalConnections(registry);
        bus.onDelivery(connections::deliver);
        pairing.connectedHere(connections::has);
        // connection marks name this run of this node: a restarted node, or two nodes given one node.id by
        // mistake, never take each other's marks for their own
        String instance = nodeId + "." + UUID.randomUUID().toString().substring(0, 6);
        presence = new PresenceService(config.duration("presence.grace"), PresenceService.MARK_TTL,
                instance, live, clock, connections::has, connections::principalIds, pairing::helperLost,
                pairing::applicantLost, registry); // closed by close() with the pairing loop
        // Media: the relay in this process, or one running apart.
        RelayControl relay = startRelay(registry);
        MediaService media = new MediaService(relay, live, bus, codec, connections::has,
                config.bool("supervisor.indicator", true));
        closeables.add(0, media);
        pairing.onSessionEnded(media::sessionEnded);
        CaseFeed feed = new CaseFeed(store, cases, new CaseSessions(store), settings.wrapUp(), registry);
        closeables.add(0, feed);
        pairing.journal(feed);
        media.journal(feed);
        SessionRecords sessionRecords = new SessionRecords(store, cases, feed, materials, evaluations, live, bus, codec, clock);

        Indicators indicators = Indicators.from(config, store, clock); // also checks the service-level setting
        WallboardFeed wallboard = new WallboardFeed(live, new WallboardRecords(store, zone, clock),
                () -> catalog.items().stream().map(i -> i.category()).distinct().toList(),
                indicators.serviceLevel(), Duration.ofSeconds(1), clock, mapper, registry);
        closeables.add(0, wallboard);
        wallboard.mediaQuality(s -> org.bangban.wallboard.MediaQuality.of(java.util.Arrays.asList(
                endpointStats(relay, s.id(), s.applicantId()), endpointStats(relay, s.id(), s.helperId()))));

        WsMetrics wsMetrics = new WsMetrics(registry);
        handler = new MessageHandler(codec, auth, pairing, presence, connections, live, catalog, wsMetrics,
                () -> !"ready".equals(status.get()), media, new SessionChat(live, bus, codec, feed),
                new PointerRelay(live, bus, codec), wallboard);
        WebSocketEndpoints endpoints = new WebSocketEndpoints(handler, codec, wsMetrics,
                config.integer("ws.max.message.bytes"), config.integer("ws.rate.per.second"), config.integer("ws.rate.burst"));

        Origins origins = Origins.parse(config.string("http.cors.origins"));
        http = new HttpServer(config.string("http.host"), config.integer("http.port"),
                new HttpServer.WsSettings(config.integer("ws.max.message.bytes"), config.duration("ws.idle.timeout")),
                endpoints::create, registry, status::get, this::healthDetails,
                new ApiRouter(auth, mapper, List.of(new CoreApi(auth, catalog, live), new SessionApi(sessionRecords),
                        new CaseLogApi(store, cases, materials, evaluations, accounts, items, clock),
                        new IndicatorsApi(indicators), new WidgetApi(origins, config.bool("recording.notice", false))),
                        origins));
        http.start();
        loop.start(Duration.ofMillis(200));
        status.set("ready");
        log.info("bangban node {} ready on port {} ({}; live state {}; records {})", nodeId, http.port(),
                config.source(), redisUrl == null ? "in-memory" : "Redis", store.dialect());
    }

    private RelayControl startRelay(PrometheusMeterRegistry registry) throws InterruptedException {
        String url = config.optional("relay.url");
        if (url != null) {
            String secret = config.optional("relay.secret");
            if (secret == null || secret.length() < 16) {
                throw new Config.ConfigException("relay.url is set, so relay.secret (BANGBAN_RELAY_SECRET) must be the"
                        + " relay's control secret (at least 16 characters)");
            }
            HttpRelayClient client = new HttpRelayClient(url, secret);
            closeables.add(0, client);
            log.info("media relay at {}", url);
            return client;
        }
        if (config.optional("redis.url") != null) {
            log.warn("relay.url is not set on a clustered node: this node runs its own media relay, so a session whose"
                    + " applicant and helper are connected to different nodes gets no media. Run one relay"
                    + " (java -jar bangban-relay.jar) and set relay.url and relay.secret on every node.");
        }
        List<String> advertised = java.util.Arrays.stream(config.string("relay.advertise").split(","))
                .map(String::trim).filter(a -> !a.isEmpty()).toList();
        int threads = config.integer("relay.threads");
        RelayConfig rc = RelayConfig.defaults()
                .withBindHost(config.string("relay.bind"))
                .withPorts(config.integer("relay.port"), config.integer("relay.tcp.port"))
                .withAdvertised(advertised)
                .withIoThreads(threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads);
        MediaRelay relay = MediaRelay.start(rc);
        embeddedRelay = relay;
        relay.bindMetrics(registry);
        closeables.add(relay);
        return relay;
    }

    /** A participant's media statistics, or null while it has no endpoint on the relay (no media yet). */
    private static org.bangban.relay.control.EndpointStats endpointStats(RelayControl relay, String room, String endpoint) {
        try {
            return relay.endpointStats(room, endpoint);
        } catch (org.bangban.relay.control.RelayException e) {
            if (e.code() == org.bangban.relay.control.RelayException.Code.ROOM_NOT_FOUND
                    || e.code() == org.bangban.relay.control.RelayException.Code.ENDPOINT_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** Rooms open on the embedded relay (0 when the relay runs apart). */
    public int relayRooms() {
        return embeddedRelay == null ? 0 : embeddedRelay.stats().rooms();
    }

    /** The embedded relay's UDP port (tests start it on port 0), or -1 when the relay runs apart. */
    public int relayUdpPort() {
        return embeddedRelay == null ? -1 : embeddedRelay.udpPort();
    }

    private ServerSecret serverSecret(Path dataDir) {
        String shared = config.optional("token.secret");
        if (shared == null) {
            if (config.optional("redis.url") != null) {
                log.warn("token.secret (BANGBAN_TOKEN_SECRET) is not set on a clustered node: tokens from this node will "
                        + "not be accepted by the others, so clients cannot reconnect elsewhere. Give every node the same secret.");
            }
            return ServerSecret.loadOrCreate(dataDir);
        }
        byte[] bytes = shared.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new Config.ConfigException("token.secret (BANGBAN_TOKEN_SECRET) must be at least 32 characters, was " + bytes.length);
        }
        return ServerSecret.of(bytes);
    }

    private String healthDetails() {
        return "\"node\":\"" + nodeId + "\",\"connections\":" + (connections == null ? 0 : connections.count());
    }

    public int port() {
        return http.port();
    }

    public String status() {
        return status.get();
    }

    public String banner() {
        StringBuilder b = new StringBuilder();
        b.append("\n帮办 Bangban is running: http://localhost:").append(http.port()).append("/\n");
        b.append("  WebSocket ws://localhost:").append(http.port()).append("/ws   health /health   metrics /metrics   API /api/\n");
        if (demo) {
            b.append("  Demo accounts (password '").append(DemoData.PASSWORD).append("'): helper1, helper2 (helpers), supervisor1 (supervisor)\n");
            b.append("  Demo service items: ").append(DemoData.ITEMS.size()).append(" (see /api/items)\n");
        }
        return b.toString();
    }

    /**
     * Drains, in this order: every message from now on is answered {@code unavailable} (but {@code ping}) and
     * clients are told {@code server.draining}; the messages being handled finish (up to {@code drain.timeout});
     * the pairing loop and the grace periods stop after what they are doing; the connections close; then the live
     * state, the message bus and the record store. So nothing is cut off half-way in the live state or the records.
     */
    @Override
    public void close() {
        if ("stopped".equals(status.getAndSet("draining"))) {
            status.set("stopped");
            return;
        }
        if (connections != null) {
            connections.forEach(c -> c.send("{\"type\":\"server.draining\"}"));
        }
        if (handler != null) {
            Duration timeout = config.duration("drain.timeout");
            try {
                int left = handler.awaitIdle(timeout);
                if (left > 0) log.warn("{} message(s) still being handled after {} of draining; stopping anyway", left, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(loop);
        closeQuietly(presence);
        try {
            if (http != null) http.close();
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
        for (AutoCloseable c : closeables) closeQuietly(c);
        status.set("stopped");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            log.warn("while stopping {}: {}", c, e.toString());
        }
    }
}
