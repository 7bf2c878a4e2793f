package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.bangban.relay.ice.CheckOutcome;
import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunParseResult;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Sorts every packet the sockets receive (RFC 7983): STUN Binding requests go to the transport
 * whose ufrag they name and are answered at once; DTLS and SRTP go to the transport that the
 * sender's address (UDP) or connection (TCP) was validated for by a successful check. Anything
 * else is dropped and counted by reason. Lock-free on the packet path.
 */
public final class PacketDispatcher implements PacketReceiver {

    private static final int MAX_PACKET = 1 << 16;

    private final Map<String, PacketEndpoint> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, UdpRoute> udpRoutes = new ConcurrentHashMap<>();
    private final Map<TcpPath, PacketEndpoint> tcpRoutes = new ConcurrentHashMap<>();
    private final EnumMap<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
    private final EnumMap<CheckOutcome.Verdict, LongAdder> checks = new EnumMap<>(CheckOutcome.Verdict.class);
    private final LongAdder stunIndications = new LongAdder();
    private final LongSupplier clock;

    private record UdpRoute(PacketEndpoint endpoint, UdpPath path) {
    }

    public PacketDispatcher(LongSupplier nanoClock) {
        this.clock = nanoClock;
        for (DropReason r : DropReason.values()) {
            drops.put(r, new LongAdder());
        }
        for (CheckOutcome.Verdict v : CheckOutcome.Verdict.values()) {
            checks.put(v, new LongAdder());
        }
    }

    /** Makes an endpoint reachable by its (current) local ufrag. */
    public void register(String ufrag, PacketEndpoint endpoint) {
        byUfrag.put(ufrag, endpoint);
    }

    /** Forgets an endpoint: its ufrag and every path validated for it. */
    public void unregister(String ufrag, PacketEndpoint endpoint) {
        byUfrag.remove(ufrag, endpoint);
        udpRoutes.values().removeIf(r -> r.endpoint() == endpoint);
        tcpRoutes.entrySet().removeIf(e -> {
            if (e.getValue() == endpoint) {
                e.getKey().close();
                return true;
            }
            return false;
        });
    }

    /** Forgets only an old ufrag (after an ICE restart): paths already validated stay. */
    public void unregisterUfrag(String ufrag, PacketEndpoint endpoint) {
        byUfrag.remove(ufrag, endpoint);
    }

    public int endpointCount() {
        return byUfrag.size();
    }

    public long dropped(DropReason reason) {
        return drops.get(reason).sum();
    }

    public long checks(CheckOutcome.Verdict verdict) {
        return checks.get(verdict).sum();
    }

    public long stunIndications() {
        return stunIndications.sum();
    }

    @Override
    public void udpPacket(Channel socket, InetSocketAddress sender, ByteBuf packet) {
        int kind = classify(packet);
        if (kind == KIND_STUN) {
            PacketEndpoint endpoint = stun(packet, sender, socket, null);
            if (endpoint != null) {
                UdpRoute route = udpRoutes.get(sender);
                if (route == null || route.endpoint() != endpoint || route.path().eventLoop() != socket.eventLoop()) {
                    udpRoutes.put(sender, new UdpRoute(endpoint, new UdpPath(socket, sender)));
                }
            }
            return;
        }
        if (kind == KIND_NONE) {
            return;
        }
        UdpRoute route = udpRoutes.get(sender);
        if (route == null) {
            drop(DropReason.UNKNOWN_SOURCE);
            return;
        }
        deliver(kind, route.endpoint(), packet, route.path());
    }

    @Override
    public void tcpPacket(TcpPath path, ByteBuf packet) {
        int kind = classify(packet);
        if (kind == KIND_STUN) {
            PacketEndpoint endpoint = stun(packet, path.remote(), null, path);
            if (endpoint != null) {
                tcpRoutes.put(path, endpoint);
            }
            return;
        }
        if (kind == KIND_NONE) {
            return;
        }
        PacketEndpoint endpoint = tcpRoutes.get(path);
        if (endpoint == null) {
            drop(DropReason.UNKNOWN_SOURCE);
            return;
        }
        deliver(kind, endpoint, packet, path);
    }

    @Override
    public void tcpClosed(TcpPath path) {
        PacketEndpoint endpoint = tcpRoutes.remove(path);
        if (endpoint != null) {
            endpoint.ice().pathClosed(path);
            endpoint.pathClosed(path);
        }
    }

    private static final int KIND_NONE = 0;
    private static final int KIND_STUN = 1;
    private static final int KIND_DTLS = 2;
    private static final int KIND_RTP = 3;
    private static final int KIND_RTCP = 4;

    private int classify(ByteBuf packet) {
        int len = packet.readableBytes();
        if (len == 0) {
            drop(DropReason.EMPTY);
            return KIND_NONE;
        }
        int first = packet.getUnsignedByte(packet.readerIndex());
        if (first <= 3) {
            return KIND_STUN;
        }
        if (first >= 20 && first <= 63) {
            return KIND_DTLS;
        }
        if (first >= 128 && first <= 191) {
            if (len < 2) {
                drop(DropReason.UNKNOWN_KIND);
                return KIND_NONE;
            }
            int pt = packet.getUnsignedByte(packet.readerIndex() + 1);
            // RFC 5761: RTCP packet types 192..223 share the space with RTP payload types + marker bit.
            return pt >= 192 && pt <= 223 ? KIND_RTCP : KIND_RTP;
        }
        drop(DropReason.UNKNOWN_KIND);
        return KIND_NONE;
    }

    private void deliver(int kind, PacketEndpoint endpoint, ByteBuf packet, PacketPath path) {
        if (kind == KIND_DTLS) {
            endpoint.dtlsPacket(packet, path);
        } else {
            endpoint.srtpPacket(packet, kind == KIND_RTCP, path);
        }
    }

    /**
     * Answers a Binding request; returns the endpoint the (valid) check was for, else null.
     * Exactly one of {@code socket} and {@code tcp} is set.
     */
    private PacketEndpoint stun(ByteBuf packet, InetSocketAddress sender, Channel socket, TcpPath tcp) {
        int len = packet.readableBytes();
        if (len > MAX_PACKET) {
            drop(DropReason.STUN_MALFORMED);
            return null;
        }
        byte[] bytes = new byte[len];
        packet.getBytes(packet.readerIndex(), bytes);
        StunParseResult parsed = StunMessage.parse(bytes, 0, len);
        if (!(parsed instanceof StunParseResult.Parsed p)) {
            drop(DropReason.STUN_MALFORMED);
            return null;
        }
        StunMessage message = p.message();
        if (message.method() == StunMessage.METHOD_BINDING && message.messageClass() == StunMessage.CLASS_INDICATION) {
            stunIndications.increment();
            return null;
        }
        if (!message.isBindingRequest()) {
            drop(DropReason.STUN_UNEXPECTED);
            return null;
        }
        String username = message.username().orElse(null);
        int colon = username == null ? -1 : username.indexOf(':');
        if (colon <= 0) {
            drop(DropReason.STUN_NO_USERNAME);
            return null;
        }
        PacketEndpoint endpoint = byUfrag.get(username.substring(0, colon));
        if (endpoint == null) {
            drop(DropReason.STUN_UNKNOWN_UFRAG);
            return null;
        }
        PacketPath path = tcp != null ? tcp : pathFor(socket, sender, endpoint);
        CheckOutcome outcome = endpoint.ice().onBindingRequest(message, path, sender, clock.getAsLong());
        checks.get(outcome.verdict()).increment();
        if (outcome.response() != null) {
            path.send(Unpooled.wrappedBuffer(outcome.response()));
        }
        if (outcome.verdict() != CheckOutcome.Verdict.ACCEPTED) {
            drop(DropReason.STUN_REJECTED);
            return null;
        }
        if (outcome.selectedPathChanged()) {
            endpoint.pathSelected(path);
        }
        return endpoint;
    }

    private PacketPath pathFor(Channel socket, InetSocketAddress sender, PacketEndpoint endpoint) {
        UdpRoute known = udpRoutes.get(sender);
        if (known != null && known.endpoint() == endpoint && known.path().eventLoop() == socket.eventLoop()) {
            return known.path();
        }
        return new UdpPath(socket, sender);
    }

    private void drop(DropReason reason) {
        drops.get(reason).increment();
    }
}
