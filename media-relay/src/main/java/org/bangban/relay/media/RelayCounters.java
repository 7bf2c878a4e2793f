package org.bangban.relay.media;

import org.bangban.relay.srtp.SrtpDropReason;

import java.util.EnumMap;
import java.util.concurrent.atomic.LongAdder;

/** Relay-wide packet counters, lock-free; read by stats and Micrometer. */
public final class RelayCounters {

    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final EnumMap<DropCause, LongAdder> drops = new EnumMap<>(DropCause.class);
    private final EnumMap<SrtpDropReason, LongAdder> srtpDrops = new EnumMap<>(SrtpDropReason.class);
    final LongAdder nacksReceived = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder keyframeRequests = new LongAdder();
    final LongAdder rembsForwarded = new LongAdder();

    public RelayCounters() {
        for (DropCause c : DropCause.values()) {
            drops.put(c, new LongAdder());
        }
        for (SrtpDropReason r : SrtpDropReason.values()) {
            srtpDrops.put(r, new LongAdder());
        }
    }

    void packetIn(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    void packetOut(int bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }

    void drop(DropCause cause) {
        drops.get(cause).increment();
    }

    void srtpDrop(SrtpDropReason reason) {
        srtpDrops.get(reason).increment();
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long packetsOut() {
        return packetsOut.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long dropped(DropCause cause) {
        return drops.get(cause).sum();
    }

    public long srtpDropped(SrtpDropReason reason) {
        return srtpDrops.get(reason).sum();
    }

    public long nacksReceived() {
        return nacksReceived.sum();
    }

    public long retransmissions() {
        return retransmissions.sum();
    }

    /** REMB bandwidth estimates passed on from receivers to publishers. */
    public long rembsForwarded() {
        return rembsForwarded.sum();
    }

    public long keyframeRequests() {
        return keyframeRequests.sum();
    }
}
