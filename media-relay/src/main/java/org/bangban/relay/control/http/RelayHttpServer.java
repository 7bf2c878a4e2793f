package org.bangban.relay.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.bangban.relay.control.EventLog;
import org.bangban.relay.control.RelayControl;
import org.bangban.relay.control.RelayEvent;
import org.bangban.relay.control.RelayException;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.TrackSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The relay's control API over HTTP/JSON (docs/relay-api.md), for a relay that runs as its own
 * process. Every request needs {@code Authorization: Bearer <relay secret>}. Control work runs
 * on its own small pool, never on media I/O threads.
 */
public final class RelayHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHttpServer.class);
    private static final int MAX_BODY = 256 * 1024;
    private static final long MAX_WAIT_MS = 30_000;

    private final RelayControl relay;
    private final EventLog events;
    private final byte[] secret;
    private final Supplier<String> metrics;
    private final ObjectMapper json = new ObjectMapper();
    private final EventLoopGroup group;
    private final ExecutorService work;
    private final Channel listener;

    /**
     * @param metrics Prometheus text for {@code GET /metrics} (no auth: scrapers), or null
     */
    public RelayHttpServer(RelayControl relay, EventLog events, String secret, String host, int port,
                           Supplier<String> metrics) throws InterruptedException {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the relay control API needs a secret of at least 16 characters"
                    + " (set relay.secret / BANGBAN_RELAY_SECRET, the same on the signaling server)");
        }
        this.relay = relay;
        this.events = events;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.metrics = metrics;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bangban-relay-http", true),
                NioIoHandler.newFactory());
        this.work = Executors.newFixedThreadPool(2, new DefaultThreadFactory("bangban-relay-control", true));
        this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Handler());
                    }
                }).bind(host, port).sync().channel();
        LOG.info("Relay control API listening on http://{}:{}/v1/", host, port());
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        work.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            HttpMethod method = request.method();
            if (method.equals(HttpMethod.GET) && path.equals("/metrics") && metrics != null) {
                respondText(ctx, keepAlive, metrics.get());
                return;
            }
            if (!authorised(request)) {
                respond(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED, error("unauthorized",
                        "missing or wrong bearer token: send the relay secret as 'Authorization: Bearer <secret>'"));
                return;
            }
            if (method.equals(HttpMethod.GET) && path.equals("/v1/events")) {
                longPoll(ctx, keepAlive, uri);
                return;
            }
            String body = request.content().toString(StandardCharsets.UTF_8);
            work.execute(() -> {
                try {
                    Object result = route(method, path, body);
                    if (result == null) {
                        respond(ctx, keepAlive, HttpResponseStatus.NO_CONTENT, null);
                    } else {
                        respond(ctx, keepAlive, HttpResponseStatus.OK, json.valueToTree(result));
                    }
                } catch (RelayException e) {
                    respond(ctx, keepAlive, HttpResponseStatus.valueOf(e.code().httpStatus()),
                            error(e.code().wireName(), e.getMessage()));
                } catch (BadRequest e) {
                    respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, error("bad_request", e.getMessage()));
                } catch (RuntimeException e) {
                    LOG.error("Relay control request {} {} failed", method, path, e);
                    respond(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            error("internal", "the relay failed on this request; see its log"));
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Relay control connection failed: {}", cause.toString());
            ctx.close();
        }
    }

    private boolean authorised(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(secret, header.substring(7).getBytes(StandardCharsets.UTF_8));
    }

    private void longPoll(ChannelHandlerContext ctx, boolean keepAlive, QueryStringDecoder uri) {
        long after;
        long waitMs;
        try {
            after = Long.parseLong(param(uri, "after", "0"));
            waitMs = Math.min(MAX_WAIT_MS, Math.max(0, Long.parseLong(param(uri, "waitMs", "0"))));
        } catch (NumberFormatException e) {
            respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, error("bad_request", "after and waitMs must be numbers"));
            return;
        }
        Consumer<RelayEvent> wake = new Consumer<>() {
            private boolean done;

            @Override
            public void accept(RelayEvent e) {
                try {
                    ctx.executor().execute(() -> {
                        if (!done) {
                            done = true;
                            respond(ctx, keepAlive, HttpResponseStatus.OK, eventsBody(after));
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // the control API is shutting down: the poller's connection goes with it
                }
            }
        };
        if (waitMs == 0 || !events.awaitNext(after, wake)) {
            respond(ctx, keepAlive, HttpResponseStatus.OK, eventsBody(after));
            return;
        }
        ctx.executor().schedule(() -> {
            events.cancel(wake);
            wake.accept(null);
        }, waitMs, TimeUnit.MILLISECONDS);
    }

    private JsonNode eventsBody(long after) {
        ObjectNode out = json.createObjectNode();
        List<RelayEvent> list = events.after(after);
        out.set("events", json.valueToTree(list));
        out.put("last", events.lastSeq());
        return out;
    }

    private static String param(QueryStringDecoder uri, String name, String fallback) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    /** The control routes; returns the JSON result, or null for 204. */
    private Object route(HttpMethod method, String path, String body) {
        String[] p = path.split("/");
        // p[0] = "", p[1] = "v1"
        if (p.length < 3 || !p[1].equals("v1")) {
            throw new RelayException(RelayException.Code.BAD_REQUEST, "no such control path: " + path);
        }
        if (p.length == 3 && p[2].equals("stats") && method.equals(HttpMethod.GET)) {
            return relay.stats();
        }
        if (!p[2].equals("rooms")) {
            throw new RelayException(RelayException.Code.BAD_REQUEST, "no such control path: " + path);
        }
        if (p.length == 3 && method.equals(HttpMethod.POST)) {
            return relay.createRoom(text(parse(body), "roomId"));
        }
        String room = p.length > 3 ? p[3] : null;
        if (p.length == 4 && method.equals(HttpMethod.DELETE)) {
            relay.closeRoom(room, "closed by the controller");
            return null;
        }
        if (p.length == 5 && p[4].equals("routes") && method.equals(HttpMethod.PUT)) {
            JsonNode n = parse(body);
            Set<TrackSource> tracks = EnumSet.noneOf(TrackSource.class);
            JsonNode arr = n.get("tracks");
            if (arr == null || !arr.isArray()) {
                throw new BadRequest("'tracks' must be an array of microphone, camera, screen");
            }
            for (JsonNode t : arr) {
                try {
                    tracks.add(TrackSource.fromWireName(t.asText()));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(e.getMessage());
                }
            }
            relay.route(room, text(n, "receiver"), text(n, "source"), tracks);
            return null;
        }
        if (p.length == 5 && p[4].equals("endpoints") && method.equals(HttpMethod.POST)) {
            JsonNode n = parse(body);
            EndpointRole role;
            try {
                role = EndpointRole.valueOf(text(n, "role").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("'role' must be participant or observer");
            }
            return relay.createEndpoint(room, text(n, "endpointId"), role);
        }
        if (p.length >= 6 && p[4].equals("endpoints")) {
            String endpoint = p[5];
            if (p.length == 6 && method.equals(HttpMethod.DELETE)) {
                relay.closeEndpoint(room, endpoint, "closed by the controller");
                return null;
            }
            if (p.length == 7) {
                switch (p[6]) {
                    case "offer" -> {
                        JsonNode n = parse(body);
                        Map<String, TrackSource> sources = new LinkedHashMap<>();
                        JsonNode s = n.get("sources");
                        if (s != null && s.isObject()) {
                            for (var it = s.fields(); it.hasNext(); ) {
                                var e = it.next();
                                try {
                                    sources.put(e.getKey(), TrackSource.fromWireName(e.getValue().asText()));
                                } catch (IllegalArgumentException ex) {
                                    throw new BadRequest(ex.getMessage());
                                }
                            }
                        }
                        return Map.of("sdp", relay.applyOffer(room, endpoint, text(n, "sdp"), sources));
                    }
                    case "subscribe-offer" -> {
                        JsonNode n = body.isBlank() ? json.createObjectNode() : parse(body);
                        Optional<String> offer = relay.createOffer(room, endpoint, n.path("iceRestart").asBoolean(false));
                        return offer.map(sdp -> Map.of("sdp", sdp)).orElse(null);
                    }
                    case "subscribe-answer" -> {
                        relay.applyAnswer(room, endpoint, text(parse(body), "sdp"));
                        return null;
                    }
                    case "stats" -> {
                        return relay.endpointStats(room, endpoint);
                    }
                    default -> {
                    }
                }
            }
        }
        throw new RelayException(RelayException.Code.BAD_REQUEST, "no such control path: " + method + " " + path);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode n = json.readTree(body);
            if (n == null || !n.isObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadRequest("'" + field + "' is required (a non-empty string)");
        }
        return v.asText();
    }

    private ObjectNode error(String code, String message) {
        ObjectNode n = json.createObjectNode();
        n.put("error", code);
        n.put("message", message);
        return n;
    }

    private void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        send(ctx, keepAlive, status, Unpooled.wrappedBuffer(bytes), "application/json");
    }

    private void respondText(ChannelHandlerContext ctx, boolean keepAlive, String text) {
        send(ctx, keepAlive, HttpResponseStatus.OK, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8),
                "text/plain; version=0.0.4; charset=utf-8");
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, ByteBuf content,
                             String type) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
