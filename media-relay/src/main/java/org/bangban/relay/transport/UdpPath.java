package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A browser's UDP address reached through one of the relay's UDP sockets. */
public final class UdpPath implements PacketPath {

    private final Channel socket;
    private final InetSocketAddress remote;

    public UdpPath(Channel socket, InetSocketAddress remote) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public String protocol() {
        return "udp";
    }

    /**
     * On a relay I/O thread the packet leaves through that thread's own socket (same port), and
     * during a read batch it is flushed with the batch; on any other thread it goes through the
     * socket the path was validated on, flushed at once. See {@link UdpSendBatch}.
     */
    @Override
    public void send(ByteBuf packet) {
        UdpSendBatch batch = UdpSendBatch.current();
        if (batch != null && batch.usable()) {
            batch.send(packet, remote);
        } else {
            UdpGso gso = UdpGso.of(socket);
            if (gso != null) {
                gso.sentPlain(1);
            }
            socket.writeAndFlush(new DatagramPacket(packet, remote), socket.voidPromise());
        }
    }

    @Override
    public boolean isOpen() {
        return socket.isActive();
    }

    @Override
    public EventLoop eventLoop() {
        return socket.eventLoop();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpPath other && other.socket == socket && other.remote.equals(remote);
    }

    @Override
    public int hashCode() {
        return remote.hashCode() * 31 + System.identityHashCode(socket);
    }

    @Override
    public String toString() {
        return "udp:" + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
