package org.bangban.bench.media.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.bangban.bench.media.EndpointSocket;
import org.bangban.bench.media.MediaEndpoint;
import org.bangban.bench.media.OutboundStream;
import org.bangban.bench.media.Probe;
import org.bangban.bench.media.StreamMeter;
import org.bangban.bench.media.WebRtcPeer;
import org.bangban.relay.rtp.RtpPacket;
import org.bangban.relay.stun.StunMessage;

/**
 * One side of a 1:1 session relayed by coturn: the same paced streams as a {@link WebRtcPeer} sends (RTP with a
 * probe, an RTCP sender report a second), the packets padded by the bytes SRTP would add so they are as long as the
 * SRTP packets Bangban and Janus carry; coturn does not look inside. The applicant talks to coturn over its
 * allocation, each packet in ChannelData; the helper is a plain UDP socket sending to the applicant's relayed
 * address. Either way every packet crosses the relay once. Owned by its {@link org.bangban.bench.media.MediaLoop}'s
 * thread once handed to it.
 */
public final class TurnEndpoint implements MediaEndpoint {
    private final String name;
    private final DatagramChannel channel;
    private final EndpointSocket udp;
    private final TurnAllocation allocation; // null for the helper
    private final int srtpTag;
    private final List<OutboundStream> sending = new ArrayList<>();
    private StreamMeter[] meters = new StreamMeter[0];
    private long nextRefreshNanos = Long.MAX_VALUE;

    private long rtpReceived;
    private long rtcpReceived;
    private long notProbes;
    private long unexpectedStreams;
    private long controlAnswers;
    private long otherDropped;

    private TurnEndpoint(String name, DatagramChannel channel, TurnAllocation allocation, int srtpTag) {
        this.name = name;
        this.channel = channel;
        this.udp = new EndpointSocket(channel, 64);
        this.allocation = allocation;
        this.srtpTag = srtpTag;
    }

    /**
     * The applicant: {@code allocation} was made over {@code channel}, whose packets now go in ChannelData to the
     * TURN server. {@code srtpTag} is the bytes SRTP would add to each RTP packet (16 for AEAD_AES_128_GCM, 10 for
     * AES128_CM_HMAC_SHA1_80).
     */
    public static TurnEndpoint applicant(String name, DatagramChannel channel, TurnAllocation allocation, int srtpTag)
            throws IOException {
        channel.connect(allocation.server());
        channel.configureBlocking(false);
        TurnEndpoint e = new TurnEndpoint(name, channel, allocation, srtpTag);
        e.nextRefreshNanos = System.nanoTime() + allocation.refreshEverySeconds() * 1_000_000_000L;
        return e;
    }

    /** The helper: a plain UDP socket that sends to and hears from the applicant's relayed address. */
    public static TurnEndpoint helper(String name, DatagramChannel channel, InetSocketAddress relayed, int srtpTag)
            throws IOException {
        channel.connect(relayed);
        channel.configureBlocking(false);
        return new TurnEndpoint(name, channel, null, srtpTag);
    }

    public String name() {
        return name;
    }

    /** A stream this endpoint sends once its loop runs. */
    public void send(OutboundStream stream) {
        sending.add(stream);
    }

    /** A stream this endpoint should receive. */
    public void expect(StreamMeter meter) {
        meters = Arrays.copyOf(meters, meters.length + 1);
        meters[meters.length - 1] = meter;
    }

    @Override
    public List<OutboundStream> sending() {
        return List.copyOf(sending);
    }

    @Override
    public List<StreamMeter> meters() {
        return List.of(meters);
    }

    @Override
    public DatagramChannel channel() {
        return channel;
    }

    @Override
    public void tick(long now) {
        for (int i = 0, n = sending.size(); i < n; i++) sending.get(i).sendDue(now, udp.sendBuf(), sink);
        if (now >= nextRefreshNanos) {
            nextRefreshNanos = now + allocation.refreshEverySeconds() * 1_000_000_000L;
            for (byte[] request : allocation.refresh()) udp.write(request, request.length);
        }
    }

    /** The stream writes its packet at {@code sendBuf[0]}; it goes out with the tag (and the ChannelData header). */
    private final OutboundStream.Sink sink = new OutboundStream.Sink() {
        @Override
        public boolean sendRtp(byte[] buf, int len) {
            return sendPadded(buf, len, srtpTag);
        }

        @Override
        public boolean sendRtcp(byte[] buf, int len) {
            return sendPadded(buf, len, 4 + srtpTag); // SRTCP adds the E flag + index and the tag
        }
    };

    private boolean sendPadded(byte[] buf, int len, int tag) {
        int data = len + tag;
        if (allocation != null) {
            System.arraycopy(buf, 0, buf, ChannelData.HEADER, len);
            Arrays.fill(buf, ChannelData.HEADER + len, ChannelData.HEADER + data, (byte) 0);
            return udp.write(buf, ChannelData.frame(buf, 0, allocation.channel(), data));
        }
        Arrays.fill(buf, len, data, (byte) 0);
        return udp.write(buf, data);
    }

    @Override
    public void readAll() {
        udp.readAll(onDatagram);
    }

    private final IntConsumer onDatagram = n -> received(System.nanoTime(), n);

    private void received(long now, int n) {
        byte[] b = udp.receiveBuf();
        int off = 0;
        int len = n;
        if (allocation != null) {
            if (ChannelData.isChannelData(b[0])) {
                len = ChannelData.dataLength(b, 0, n);
                if (len < 0 || ChannelData.channel(b, 0) != allocation.channel()) {
                    otherDropped++;
                    return;
                }
                off = ChannelData.HEADER;
            } else if (StunMessage.isStun(b[0])) {
                controlAnswers++;
                byte[] again = allocation.onControl(b, 0, n);
                if (again != null) udp.write(again, again.length);
                return;
            } else {
                otherDropped++;
                return;
            }
        }
        int first = b[off] & 0xFF;
        if (first < 128 || first >= 192 || len < RtpPacket.FIXED_HEADER_LENGTH) {
            otherDropped++;
            return;
        }
        int type = b[off + 1] & 0xFF;
        if (type >= 192 && type <= 223) {
            rtcpReceived++;
            return;
        }
        rtpReceived++;
        int payload = RtpPacket.payloadOffset(b, off);
        if (!Probe.isProbe(b, payload, off + len - payload)) {
            notProbes++;
            return;
        }
        if (!StreamMeter.record(meters, b, payload, now, len)) unexpectedStreams++;
    }

    /** The refresh the server refused last, or null. */
    public String refreshFailure() {
        return allocation == null ? null : allocation.lastFailure();
    }

    @Override
    public WebRtcPeer.Counters counters() {
        return new WebRtcPeer.Counters(rtpReceived, rtcpReceived, 0, notProbes, unexpectedStreams, controlAnswers,
                otherDropped, udp.errors());
    }

    /** Frees the allocation (best effort) and closes the socket. */
    @Override
    public void close() {
        if (allocation != null && channel.isOpen()) allocation.release(channel);
        udp.close();
    }
}
