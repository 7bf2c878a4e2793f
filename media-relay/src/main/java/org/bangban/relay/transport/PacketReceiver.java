package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;

/**
 * What the sockets hand every received packet to. Called on the socket's I/O thread; the buffer
 * is valid only during the call (the transport releases it afterwards). Implementations must
 * not block and must not throw: a bad packet is dropped and counted.
 */
public interface PacketReceiver {

    void udpPacket(Channel socket, InetSocketAddress sender, ByteBuf packet);

    void tcpPacket(TcpPath path, ByteBuf packet);

    /** An ICE-TCP connection closed (by the browser, an error or the relay). */
    void tcpClosed(TcpPath path);
}
