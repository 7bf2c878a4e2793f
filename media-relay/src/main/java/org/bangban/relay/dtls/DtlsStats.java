package org.bangban.relay.dtls;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one {@link DtlsService}, shared by all its sessions (lock-free adders). Every
 * started handshake ends up counted once as succeeded or as failed with a reason. Read them with
 * {@link #snapshot()} to publish as metrics.
 */
public final class DtlsStats {

    /** Why a received datagram was not given to the DTLS engine. */
    public enum Drop {
        /** Not one or more well-formed DTLS records ({@link DtlsRecords#check}). */
        MALFORMED,
        /** A DTLS record before any handshake began that is not a ClientHello. */
        NOT_CLIENT_HELLO,
        /** The session's receive queue was full. */
        QUEUE_FULL,
        /** The session was closed or had failed. */
        AFTER_CLOSE
    }

    /** Counter values at one moment. */
    public record Snapshot(long handshakesStarted, long handshakesSucceeded,
                           Map<DtlsFailureReason, Long> handshakesFailed,
                           Map<Drop, Long> datagramsDropped,
                           long handshakeStartsDeferred, long applicationDataDiscarded,
                           long sendFailures) {

        public long handshakesFailed(DtlsFailureReason reason) {
            return handshakesFailed.get(reason);
        }

        public long datagramsDropped(Drop drop) {
            return datagramsDropped.get(drop);
        }

        public long handshakesFailedTotal() {
            return handshakesFailed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final LongAdder started = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final Map<DtlsFailureReason, LongAdder> failed = adders(DtlsFailureReason.class);
    private final Map<Drop, LongAdder> dropped = adders(Drop.class);
    private final LongAdder startsDeferred = new LongAdder();
    private final LongAdder applicationData = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        EnumMap<E, LongAdder> map = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            map.put(e, new LongAdder());
        }
        return Collections.unmodifiableMap(map);
    }

    private static <E extends Enum<E>> Map<E, Long> sums(Class<E> type, Map<E, LongAdder> adders) {
        EnumMap<E, Long> map = new EnumMap<>(type);
        adders.forEach((k, v) -> map.put(k, v.sum()));
        return Collections.unmodifiableMap(map);
    }

    public Snapshot snapshot() {
        return new Snapshot(started.sum(), succeeded.sum(), sums(DtlsFailureReason.class, failed),
                sums(Drop.class, dropped), startsDeferred.sum(), applicationData.sum(), sendFailures.sum());
    }

    void handshakeStarted() {
        started.increment();
    }

    void handshakeSucceeded() {
        succeeded.increment();
    }

    void handshakeFailed(DtlsFailureReason reason) {
        failed.get(reason).increment();
    }

    void dropped(Drop drop) {
        dropped.get(drop).increment();
    }

    void handshakeStartDeferred() {
        startsDeferred.increment();
    }

    void applicationDataDiscarded() {
        applicationData.increment();
    }

    void sendFailed() {
        sendFailures.increment();
    }
}
