package org.bangban.relay.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * UDP generic segmentation offload (Linux {@code UDP_SEGMENT}) for one relay's UDP sockets: whether
 * it is used, and what was sent. With GSO a run of equal-sized datagrams to one address (a video
 * frame's packets) leaves in one {@code sendmmsg} entry that the kernel takes through its UDP/IP
 * path once and cuts into datagrams at the end. Used only when the transport is epoll, the kernel
 * and Netty's native library support it, and the operator has not turned it off. The first GSO
 * send the kernel refuses turns it off for good (logged once, counted); that batch is sent again
 * as plain datagrams.
 */
final class UdpGso {

    private static final Logger LOG = LoggerFactory.getLogger(UdpGso.class);
    private static final AttributeKey<UdpGso> KEY = AttributeKey.valueOf(UdpGso.class, "gso");

    /** Segments in one GSO send: the kernel's UDP_MAX_SEGMENTS (64; 128 since Linux 6.9). */
    static final int KERNEL_MAX_SEGMENTS = 64;
    /** Bytes of payload in one GSO send: an IPv4/IPv6 datagram's 64 KiB less headers, with room. */
    static final int MAX_BYTES = 60_000;

    private final AtomicBoolean enabled;
    private final int maxSegments;
    private final LongAdder datagrams = new LongAdder();
    private final LongAdder gsoDatagrams = new LongAdder();
    private final LongAdder gsoSends = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /**
     * {@code maxSegments}: datagrams merged into one send at most; {@link #KERNEL_MAX_SEGMENTS} in
     * production (tests go past it to make the kernel refuse a send).
     */
    UdpGso(boolean enabled, int maxSegments) {
        this.enabled = new AtomicBoolean(enabled);
        this.maxSegments = maxSegments;
    }

    /** Makes {@code socket}'s sends count here. */
    void attach(Channel socket) {
        socket.attr(KEY).set(this);
    }

    /** The GSO state a relay UDP socket counts its sends in (null for another channel). */
    static UdpGso of(Channel socket) {
        return socket.attr(KEY).get();
    }

    boolean enabled() {
        return enabled.get();
    }

    int maxSegments() {
        return maxSegments;
    }

    void sentPlain(int count) {
        datagrams.add(count);
    }

    void sentSegmented(int count) {
        datagrams.add(count);
        gsoDatagrams.add(count);
        gsoSends.increment();
    }

    /** The kernel refused a GSO send: GSO goes off for this relay, the operator is told once. */
    void failed(Throwable cause) {
        failures.increment();
        if (enabled.compareAndSet(true, false)) {
            LOG.warn("Media relay: the kernel refused a UDP GSO send ({}); GSO is off from now on, datagrams go"
                    + " out one by one (set BANGBAN_RELAY_GSO=off to skip the attempt)", cause.toString());
        }
    }

    /** UDP datagrams sent (each segment of a GSO send counted). */
    long datagrams() {
        return datagrams.sum();
    }

    /** Datagrams that left as segments of a GSO send. */
    long gsoDatagrams() {
        return gsoDatagrams.sum();
    }

    /** GSO sends (each one carrying 2 or more datagrams). */
    long gsoSends() {
        return gsoSends.sum();
    }

    /** GSO sends the kernel refused (their datagrams were sent again one by one). */
    long failures() {
        return failures.sum();
    }
}
