package org.bangban.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;

/**
 * One way to reach a browser: a remote UDP address on one of the relay's UDP sockets, or one
 * accepted ICE-TCP connection. ICE picks the path; media goes out on it.
 */
public sealed interface PacketPath permits UdpPath, TcpPath {

    /** The browser's address as the relay sees it (its server-reflexive or host address). */
    InetSocketAddress remote();

    /** "udp" or "tcp", for stats and logs. */
    String protocol();

    /** Sends one packet; takes ownership of {@code packet} (it is released once written). */
    void send(ByteBuf packet);

    boolean isOpen();

    /** The event loop this path's socket belongs to (sends from it need no hand-off). */
    EventLoop eventLoop();
}
