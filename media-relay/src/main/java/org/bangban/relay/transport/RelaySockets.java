package org.bangban.relay.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's sockets: one UDP port shared by every endpoint (several sockets on it with
 * SO_REUSEPORT when epoll is available, so the kernel spreads browsers over the I/O threads) and
 * one ICE-TCP port (RFC 6544 passive, RFC 4571 framing). Everything received goes to one
 * {@link PacketReceiver}; nothing a packet does can break a socket's loop.
 */
public final class RelaySockets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySockets.class);
    /** RFC 4571: a 16-bit length in front of every packet. */
    private static final int TCP_MAX_FRAME = 0xFFFF;
    /** Largest UDP datagram taken in whole (longer ones are cut, as before); browsers stay under 1,500. */
    static final int MAX_DATAGRAM = 2048;
    /** Datagrams read per recvmmsg call (epoll). */
    static final int RECV_BATCH = 16;

    private final EventLoopGroup group;
    private final boolean epoll;
    private final UdpGso gso;
    private final List<Channel> udpSockets = new ArrayList<>();
    private Channel tcpListener;
    private final LongAdder receiverErrors = new LongAdder();
    private final LongAdder tcpFramingErrors = new LongAdder();
    private final LongAdder tcpIdleClosed = new LongAdder();

    private RelaySockets(EventLoopGroup group, boolean epoll, UdpGso gso) {
        this.group = group;
        this.epoll = epoll;
        this.gso = gso;
    }

    /**
     * Binds the UDP port and (when {@code tcpPort} is not negative) the TCP port on
     * {@code bindHost}. Port 0 picks a free port (tests). {@code tcpIdle}: a TCP connection that
     * sends nothing for that long is closed. UDP GSO is used where the kernel supports it.
     */
    public static RelaySockets start(String bindHost, int udpPort, int tcpPort, int ioThreads,
                                     Duration tcpIdle, PacketReceiver receiver) throws InterruptedException {
        return start(bindHost, udpPort, tcpPort, ioThreads, tcpIdle, true, receiver);
    }

    /** As above; {@code udpGso} false: never UDP GSO, every datagram sent on its own. */
    public static RelaySockets start(String bindHost, int udpPort, int tcpPort, int ioThreads,
                                     Duration tcpIdle, boolean udpGso, PacketReceiver receiver)
            throws InterruptedException {
        return start(bindHost, udpPort, tcpPort, ioThreads, tcpIdle, udpGso, UdpGso.KERNEL_MAX_SEGMENTS, receiver);
    }

    /** {@code gsoMaxSegments}: datagrams merged into one GSO send at most (tests go past the kernel's limit). */
    static RelaySockets start(String bindHost, int udpPort, int tcpPort, int ioThreads, Duration tcpIdle,
                              boolean udpGso, int gsoMaxSegments, PacketReceiver receiver) throws InterruptedException {
        boolean useEpoll = Epoll.isAvailable();
        IoHandlerFactory io = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int threads = Math.max(1, ioThreads);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory("bangban-relay-io", true), io);
        boolean gsoSupported = useEpoll && EpollDatagramChannel.isSegmentedDatagramPacketSupported();
        RelaySockets sockets = new RelaySockets(group, useEpoll, new UdpGso(udpGso && gsoSupported, gsoMaxSegments));
        try {
            sockets.bindUdp(bindHost, udpPort, useEpoll ? threads : 1, receiver);
            if (tcpPort >= 0) {
                sockets.bindTcp(bindHost, tcpPort, tcpIdle, receiver);
            }
        } catch (InterruptedException | RuntimeException e) {
            sockets.close();
            throw e;
        }
        LOG.info("Media relay UDP GSO (UDP_SEGMENT): {}", udpGso && gsoSupported ? "on"
                : !udpGso ? "off (configured)" : "off (not supported by this kernel or transport)");
        return sockets;
    }

    private void bindUdp(String host, int port, int count, PacketReceiver receiver) throws InterruptedException {
        int boundPort = port;
        for (int i = 0; i < count; i++) {
            Bootstrap b = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                    .handler(new UdpHandler(receiver));
            if (epoll && count > 1) {
                b.option(EpollChannelOption.SO_REUSEPORT, true);
            }
            if (epoll) {
                // recvmmsg: up to RECV_BATCH datagrams of at most MAX_DATAGRAM bytes per system call
                b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * RECV_BATCH));
            }
            Channel ch = b.bind(host, boundPort).sync().channel();
            gso.attach(ch);
            boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
            udpSockets.add(ch);
        }
        LOG.info("Media relay listening on UDP {}:{} ({} socket(s), {})", host, boundPort, count,
                epoll ? "epoll" : "nio");
    }

    private void bindTcp(String host, int port, Duration idle, PacketReceiver receiver) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(idle.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new LengthFieldBasedFrameDecoder(TCP_MAX_FRAME + 2, 0, 2, 0, 2))
                                .addLast(new LengthFieldPrepender(2))
                                .addLast(new TcpHandler(receiver, new TcpPath(ch)));
                    }
                });
        tcpListener = b.bind(host, port).sync().channel();
        LOG.info("Media relay listening on ICE-TCP {}:{}", host, tcpPort());
    }

    public int udpPort() {
        return ((InetSocketAddress) udpSockets.get(0).localAddress()).getPort();
    }

    /** The bound TCP port, or -1 when ICE-TCP is off. */
    public int tcpPort() {
        return tcpListener == null ? -1 : ((InetSocketAddress) tcpListener.localAddress()).getPort();
    }

    public boolean usesEpoll() {
        return epoll;
    }

    public int udpSocketCount() {
        return udpSockets.size();
    }

    /** The UDP sockets, all bound to {@link #udpPort()} (tests). */
    List<Channel> udpChannels() {
        return List.copyOf(udpSockets);
    }

    /** Whether runs of equal-sized datagrams to one address go out as GSO sends now. */
    public boolean udpGsoEnabled() {
        return gso.enabled();
    }

    /** UDP datagrams sent (every segment of a GSO send counted). */
    public long udpDatagramsSent() {
        return gso.datagrams();
    }

    /** UDP datagrams that left as segments of GSO sends. */
    public long udpDatagramsSentSegmented() {
        return gso.gsoDatagrams();
    }

    /** GSO sends (two datagrams or more each). */
    public long udpGsoSends() {
        return gso.gsoSends();
    }

    /** GSO sends the kernel refused (their datagrams sent again one by one; GSO then off). */
    public long udpGsoFailures() {
        return gso.failures();
    }

    /** Exceptions thrown by the receiver and caught here (each one is a bug to report). */
    public long receiverErrors() {
        return receiverErrors.sum();
    }

    public long tcpFramingErrors() {
        return tcpFramingErrors.sum();
    }

    public long tcpIdleClosed() {
        return tcpIdleClosed.sum();
    }

    @Override
    public void close() {
        long sent = gso.datagrams();
        LOG.info("Media relay UDP: {} datagrams sent, {} of them ({} %) in {} GSO sends, {} GSO sends refused", sent,
                gso.gsoDatagrams(), sent == 0 ? 0 : Math.round(1000.0 * gso.gsoDatagrams() / sent) / 10.0,
                gso.gsoSends(), gso.failures());
        for (Channel ch : udpSockets) {
            ch.close().syncUninterruptibly();
        }
        if (tcpListener != null) {
            tcpListener.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final PacketReceiver receiver;

        UdpHandler(PacketReceiver receiver) {
            super(DatagramPacket.class, true);
            this.receiver = receiver;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            UdpSendBatch.bind(ctx.channel(), gso);
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            UdpSendBatch batch = UdpSendBatch.current();
            if (batch != null) {
                batch.readStarted();
            }
            try {
                receiver.udpPacket(ctx.channel(), packet.sender(), packet.content());
            } catch (Throwable t) {
                receiverErrors.increment();
                LOG.warn("Media relay: a UDP packet from {} raised {}; packet dropped, socket goes on",
                        packet.sender(), t.toString(), t);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            UdpSendBatch batch = UdpSendBatch.current();
            if (batch != null) {
                batch.readComplete();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: the socket stays open.
            LOG.debug("Media relay UDP socket error (ignored): {}", cause.toString());
        }
    }

    private final class TcpHandler extends ChannelInboundHandlerAdapter {
        private final PacketReceiver receiver;
        private final TcpPath path;

        TcpHandler(PacketReceiver receiver, TcpPath path) {
            this.receiver = receiver;
            this.path = path;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                receiver.tcpPacket(path, frame);
            } catch (Throwable t) {
                receiverErrors.increment();
                LOG.warn("Media relay: an ICE-TCP packet from {} raised {}; packet dropped, connection goes on",
                        path, t.toString(), t);
            } finally {
                frame.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                tcpIdleClosed.increment();
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            try {
                receiver.tcpClosed(path);
            } catch (Throwable t) {
                receiverErrors.increment();
                LOG.warn("Media relay: closing ICE-TCP path {} raised {}", path, t.toString(), t);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            tcpFramingErrors.increment();
            LOG.debug("Media relay ICE-TCP connection {} failed ({}); closed", path, cause.toString());
            ctx.close();
        }
    }
}
