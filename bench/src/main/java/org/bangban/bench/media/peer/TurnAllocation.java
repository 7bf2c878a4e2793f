package org.bangban.bench.media.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import org.bangban.relay.stun.StunMessage;

/**
 * One TURN allocation with one channel to one peer, set up over the caller's UDP channel (in blocking mode while
 * this runs): Allocate (with the 401 challenge), ChannelBind (which also installs the permission). Requests are
 * retransmitted after 0.5, 1, 2, 4 s (RFC 8489 6.2.1, shortened: the server is on this host). {@link #refresh()}
 * builds the requests that keep it alive when a run outlasts the lifetime; their answers go to
 * {@link #onControl(byte[], int, int)} from the caller's receive loop.
 */
public final class TurnAllocation {
    private static final int[] RETRANSMIT_MS = {500, 1000, 2000, 4000};

    private final TurnClient client;
    private final InetSocketAddress server;
    private final InetSocketAddress relayed;
    private final InetSocketAddress peer;
    private final int channel;
    private final int lifetimeSeconds;
    private volatile String lastFailure;

    private TurnAllocation(TurnClient client, InetSocketAddress server, InetSocketAddress relayed,
                           InetSocketAddress peer, int channel, int lifetimeSeconds) {
        this.client = client;
        this.server = server;
        this.relayed = relayed;
        this.peer = peer;
        this.channel = channel;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    /** Allocates a relayed address on {@code server} and binds {@code channel} to {@code peer}. */
    public static TurnAllocation open(DatagramChannel socket, InetSocketAddress server, String username,
                                      String password, InetSocketAddress peer, int channel) throws IOException {
        TurnClient client = new TurnClient(username, password);
        StunMessage allocated = transact(socket, server, client, client.allocate());
        InetSocketAddress relayed = TurnClient.relayedAddress(allocated);
        transact(socket, server, client, client.channelBind(channel, peer));
        return new TurnAllocation(client, server, relayed, peer, channel, TurnClient.lifetimeSeconds(allocated));
    }

    private static StunMessage transact(DatagramChannel socket, InetSocketAddress server, TurnClient client,
                                        byte[] request) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        int attempt = 0;
        socket.send(java.nio.ByteBuffer.wrap(request), server);
        while (true) {
            socket.socket().setSoTimeout(RETRANSMIT_MS[attempt]);
            try {
                socket.socket().receive(in);
            } catch (SocketTimeoutException e) {
                if (++attempt == RETRANSMIT_MS.length) {
                    throw new IOException("the TURN server " + server + " did not answer a request in "
                            + (500 + 1000 + 2000 + 4000) / 1000.0 + " s; is it running and listening there?");
                }
                socket.send(java.nio.ByteBuffer.wrap(request), server);
                continue;
            }
            TurnClient.Outcome outcome = client.onResponse(buf, 0, in.getLength());
            if (outcome instanceof TurnClient.Success s) return s.response();
            if (outcome instanceof TurnClient.Resend r) {
                request = r.request();
                attempt = 0;
                socket.send(java.nio.ByteBuffer.wrap(request), server);
            } else if (outcome instanceof TurnClient.Failure f) {
                throw new IOException("the TURN server " + server + " refused " + methodName(f.method()) + ": "
                        + f.code() + " " + f.reason());
            }
            // Ignored: a stray datagram, keep waiting for ours
        }
    }

    static String methodName(int method) {
        return switch (method) {
            case TurnClient.ALLOCATE -> "Allocate";
            case TurnClient.REFRESH -> "Refresh";
            case TurnClient.CREATE_PERMISSION -> "CreatePermission";
            case TurnClient.CHANNEL_BIND -> "ChannelBind";
            default -> "method 0x" + Integer.toHexString(method);
        };
    }

    public InetSocketAddress relayed() {
        return relayed;
    }

    public InetSocketAddress server() {
        return server;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public int channel() {
        return channel;
    }

    public int lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** Seconds between refreshes: a minute before the allocation (or a channel binding, 600 s) would expire. */
    public int refreshEverySeconds() {
        return Math.max(30, Math.min(lifetimeSeconds, 600) - 60);
    }

    /** The requests that keep the allocation and the channel (and so the permission) alive, to send to the server. */
    public byte[][] refresh() {
        return new byte[][] {client.refresh(lifetimeSeconds), client.channelBind(channel, peer)};
    }

    /** A request to send again, or null: reads a STUN answer that arrived in the caller's receive loop. */
    public byte[] onControl(byte[] buf, int off, int len) {
        TurnClient.Outcome outcome = client.onResponse(buf, off, len);
        if (outcome instanceof TurnClient.Resend r) return r.request();
        if (outcome instanceof TurnClient.Failure f) {
            lastFailure = methodName(f.method()) + ": " + f.code() + " " + f.reason();
        }
        return null;
    }

    /** The last refresh the server refused, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** A Refresh with lifetime 0: frees the relayed port (best effort, not awaited). */
    public void release(DatagramChannel socket) {
        try {
            socket.send(java.nio.ByteBuffer.wrap(client.refresh(0)), server);
        } catch (IOException e) {
            // the server is going away with the harness anyway
        }
    }
}
