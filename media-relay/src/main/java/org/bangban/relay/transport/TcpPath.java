package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One accepted ICE-TCP connection (RFC 6544, passive side). Packets are framed with a 16-bit
 * length (RFC 4571) by the channel's pipeline.
 */
public final class TcpPath implements PacketPath {

    private final Channel connection;

    public TcpPath(Channel connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public InetSocketAddress remote() {
        return (InetSocketAddress) connection.remoteAddress();
    }

    @Override
    public String protocol() {
        return "tcp";
    }

    @Override
    public void send(ByteBuf packet) {
        connection.writeAndFlush(packet, connection.voidPromise());
    }

    @Override
    public boolean isOpen() {
        return connection.isActive();
    }

    @Override
    public EventLoop eventLoop() {
        return connection.eventLoop();
    }

    public void close() {
        connection.close();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpPath other && other.connection == connection;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(connection);
    }

    @Override
    public String toString() {
        InetSocketAddress r = remote();
        return r == null ? "tcp:closed" : "tcp:" + r.getAddress().getHostAddress() + ":" + r.getPort();
    }
}
