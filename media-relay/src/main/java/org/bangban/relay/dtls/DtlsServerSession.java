package org.bangban.relay.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.bangban.relay.srtp.SrtpKeyingMaterial;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS server side of one endpoint's association (the relay is always the DTLS server:
 * {@code a=setup:passive} in its answers, {@code actpass} in its offers). The packet I/O code hands
 * it received DTLS datagrams with {@link #offer}; it never blocks the caller. The handshake itself
 * runs on the {@link DtlsService}'s shared pool, sends through the {@link DtlsPacketSink} and reports
 * to the {@link DtlsSessionListener}: keying material on success, a bounded reason on failure.
 *
 * <p>The client must present a certificate whose digest equals the fingerprint of its SDP
 * ({@link #setRemoteFingerprint}); it may be set before or after the first ClientHello, and the
 * handshake waits for it until its deadline.
 *
 * <p>After the handshake the session holds no thread. Records that still arrive (a close_notify,
 * or the client's last flight again because the relay's Finished was lost, which bctls answers by
 * retransmitting) are processed on demand on a pool thread. WebRTC media does not use DTLS
 * application data (only SCTP data channels would, which the relay does not offer), so any
 * application data is discarded and counted.
 *
 * <p>The records of one outgoing flight are packed into as few datagrams as
 * {@link DtlsConfig#sendLimit()} allows, as browsers do: the relay's whole second flight is one
 * datagram, so there is less to lose.
 */
public final class DtlsServerSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DtlsServerSession.class);

    /** Life cycle of a session. */
    public enum State {
        /** Created; no ClientHello seen yet. */
        NEW,
        /** A handshake is queued or running. */
        HANDSHAKING,
        /** Handshake done; keying material delivered. */
        CONNECTED,
        /** The handshake failed. Terminal. */
        FAILED,
        /** Closed locally or by the peer. Terminal. */
        CLOSED
    }

    /** Wakes the handshake thread when the session is closed. */
    private static final byte[] CLOSED_MARKER = new byte[0];
    /** How long a post-handshake pass waits for more records before giving the thread back. */
    private static final int DRAIN_WAIT_MILLIS = 1;

    private final DtlsService service;
    private final DtlsConfig config;
    private final DtlsStats stats;
    private final DtlsPacketSink sink;
    private final DtlsSessionListener listener;
    private final ArrayBlockingQueue<byte[]> inbound;
    private final CompletableFuture<Fingerprint> remoteFingerprint = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    /** True while a pool task owns post-handshake processing (the handshake task, then drain tasks). */
    private final AtomicBoolean drainOwned = new AtomicBoolean();
    /** Serialises use of the established {@link DTLSTransport}: drain passes and close(). */
    private final ReentrantLock transportLock = new ReentrantLock();
    private final Object sendLock = new Object();
    private boolean sinkOpen = true; // guarded by sendLock
    private byte[] packed; // guarded by sendLock: records waiting to leave as one datagram
    private int packedLength; // guarded by sendLock

    private volatile long startNanos;
    private volatile long deadlineNanos;
    private volatile DTLSTransport transport;
    private volatile boolean peerClosed;

    DtlsServerSession(DtlsService service, DtlsPacketSink sink, DtlsSessionListener listener) {
        this.service = service;
        this.config = service.config();
        this.stats = service.stats();
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.inbound = new ArrayBlockingQueue<>(config.receiveQueueCapacity());
    }

    /**
     * Sets the fingerprint from the client's SDP {@code a=fingerprint}. The first value set wins:
     * setting the same one again (a renegotiation repeats it) returns true, a different one returns
     * false (a changed certificate needs a new session).
     */
    public boolean setRemoteFingerprint(Fingerprint fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (remoteFingerprint.complete(fingerprint)) {
            return true;
        }
        try {
            return fingerprint.equals(remoteFingerprint.getNow(null));
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.CompletionException closed) {
            return false; // the session was closed before a fingerprint came
        }
    }

    /** Structural and state checks of a received datagram, counting what is dropped. */
    private boolean admissible(byte[] datagram, int offset, int length) {
        DtlsRecords.Verdict verdict = DtlsRecords.check(datagram, offset, length, config.maxDatagramSize());
        if (verdict != DtlsRecords.Verdict.VALID) {
            stats.dropped(DtlsStats.Drop.MALFORMED);
            return false;
        }
        State s = state.get();
        if (s == State.FAILED || s == State.CLOSED) {
            stats.dropped(DtlsStats.Drop.AFTER_CLOSE);
            return false;
        }
        if (s == State.NEW && !DtlsRecords.startsWithClientHello(datagram, offset, length)) {
            stats.dropped(DtlsStats.Drop.NOT_CLIENT_HELLO);
            return false;
        }
        return true;
    }

    /**
     * Hands over one received UDP datagram whose first byte is 20..63 (RFC 7983). The bytes are
     * copied, so the caller may reuse its buffer at once. Never blocks. Returns false if the
     * datagram was dropped (malformed, not a ClientHello before the handshake, queue full, session
     * closed); every drop is counted in {@link DtlsStats}.
     */
    public boolean offer(byte[] datagram, int offset, int length) {
        if (!admissible(datagram, offset, length)) {
            return false;
        }
        byte[] copy = new byte[length];
        System.arraycopy(datagram, offset, copy, 0, length);
        return enqueue(copy);
    }

    private boolean enqueue(byte[] copy) {
        boolean queued = inbound.offer(copy);
        if (!queued) {
            stats.dropped(DtlsStats.Drop.QUEUE_FULL);
        }
        State s = state.get();
        if (s == State.NEW) {
            startHandshake();
        } else if (s == State.CONNECTED && queued) {
            scheduleDrain();
        }
        return queued;
    }

    /**
     * Same as {@link #offer(byte[], int, int)} for the bytes between position and limit; the
     * buffer's position is not changed.
     */
    public boolean offer(ByteBuffer datagram) {
        if (datagram == null) {
            stats.dropped(DtlsStats.Drop.MALFORMED);
            return false;
        }
        if (datagram.hasArray()) {
            return offer(datagram.array(), datagram.arrayOffset() + datagram.position(), datagram.remaining());
        }
        byte[] copy = new byte[datagram.remaining()];
        datagram.duplicate().get(copy);
        return admissible(copy, 0, copy.length) && enqueue(copy);
    }

    public State state() {
        return state.get();
    }

    /**
     * Ends the session and frees its resources. When established, sends close_notify first. A
     * handshake in progress is abandoned without callback. Idempotent; after it returns the sink
     * and the listener are not called again.
     */
    @Override
    public void close() {
        State prev = state.getAndUpdate(s -> s == State.FAILED ? s : State.CLOSED);
        if (prev == State.CLOSED || prev == State.FAILED) {
            return;
        }
        remoteFingerprint.cancel(false);
        wakeHandshakeThread();
        if (prev == State.CONNECTED) {
            transportLock.lock();
            try {
                DTLSTransport t = transport;
                if (t != null) {
                    t.close(); // sends close_notify through the sink
                    flush();
                }
            } catch (IOException | RuntimeException e) {
                log.debug("close_notify not sent: {}", e.toString());
            } finally {
                transport = null;
                transportLock.unlock();
            }
        }
        closeSink();
    }

    private void wakeHandshakeThread() {
        inbound.clear();
        while (!inbound.offer(CLOSED_MARKER)) {
            inbound.poll();
        }
    }

    // ---- handshake ---------------------------------------------------------------------------

    private void startHandshake() {
        if (!state.compareAndSet(State.NEW, State.HANDSHAKING)) {
            return;
        }
        if (startNanos == 0) {
            startNanos = System.nanoTime();
            deadlineNanos = startNanos + config.handshakeTimeout().toNanos();
        }
        try {
            service.executor().execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            stats.handshakeStartDeferred();
            state.compareAndSet(State.HANDSHAKING, State.NEW);
        }
    }

    private void runHandshake() {
        stats.handshakeStarted();
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (state.get() != State.HANDSHAKING) {
            stats.handshakeFailed(DtlsFailureReason.CLOSED);
            return;
        }
        if (remainingMillis < 1) {
            fail(new DtlsFailure(DtlsFailureReason.OVERLOADED, "no DTLS handshake thread became free within "
                    + config.handshakeTimeout().toMillis() + " ms of the first ClientHello"));
            return;
        }
        RelayTlsServer server = new RelayTlsServer(service.crypto(), service.certificate(),
                service.tlsCertificate(), config.srtpProfiles(), (int) remainingMillis,
                (int) Math.min(remainingMillis, config.initialRetransmit().toMillis()),
                this::awaitRemoteFingerprint);
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // ICE connectivity checks already proved the client's address: no HelloVerifyRequest round trip.
        protocol.setVerifyRequests(false);
        DTLSTransport established;
        try {
            established = protocol.accept(server, new QueueTransport());
        } catch (IOException | RuntimeException e) {
            flush(); // the alert bctls raised
            if (state.get() == State.CLOSED || service.isClosed()) {
                stats.handshakeFailed(DtlsFailureReason.CLOSED);
            } else {
                fail(classify(e, server));
            }
            return;
        }
        flush(); // ChangeCipherSpec and Finished
        SrtpKeyingMaterial keys = server.keyingMaterial();
        DtlsHandshakeResult result = new DtlsHandshakeResult(keys.profile(), keys, server.cipherSuiteName(),
                Duration.ofNanos(System.nanoTime() - startNanos));
        transport = established;
        drainOwned.set(true); // this thread processes whatever arrived meanwhile, after the callback
        if (!state.compareAndSet(State.HANDSHAKING, State.CONNECTED)) {
            stats.handshakeFailed(DtlsFailureReason.CLOSED);
            transport = null;
            closeQuietly(established);
            return;
        }
        stats.handshakeSucceeded();
        notifyListener(() -> listener.handshakeSucceeded(result));
        drain();
    }

    private void fail(DtlsFailure failure) {
        if (!state.compareAndSet(State.HANDSHAKING, State.FAILED)) {
            stats.handshakeFailed(DtlsFailureReason.CLOSED);
            return;
        }
        stats.handshakeFailed(failure.reason());
        release();
        notifyListener(() -> listener.handshakeFailed(failure));
    }

    private DtlsFailure classify(Exception e, RelayTlsServer server) {
        if (server.refusal() != null) {
            return server.refusal();
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsFailure(DtlsFailureReason.TIMEOUT, "the client did not complete the DTLS handshake within "
                    + config.handshakeTimeout().toMillis() + " ms");
        }
        if (e instanceof TlsFatalAlertReceived received) {
            short alert = received.getAlertDescription();
            return new DtlsFailure(DtlsFailureReason.PEER_ALERT,
                    "the client aborted the DTLS handshake with alert " + AlertDescription.getText(alert));
        }
        if (e instanceof TlsFatalAlert raised) {
            short alert = raised.getAlertDescription();
            String detail = AlertDescription.getText(alert)
                    + (raised.getMessage() == null ? "" : ": " + raised.getMessage());
            if (alert == AlertDescription.handshake_failure || alert == AlertDescription.insufficient_security
                    || alert == AlertDescription.protocol_version) {
                return new DtlsFailure(DtlsFailureReason.NEGOTIATION_FAILED,
                        "no DTLS 1.2 parameters in common with the client (" + detail + ")");
            }
            if (alert != AlertDescription.internal_error) {
                return new DtlsFailure(DtlsFailureReason.PROTOCOL_ERROR,
                        "the client's DTLS handshake was malformed or invalid (" + detail + ")");
            }
        }
        log.warn("DTLS handshake failed unexpectedly", e);
        return new DtlsFailure(DtlsFailureReason.INTERNAL_ERROR, "DTLS handshake failed in the relay: " + e);
    }

    private Fingerprint awaitRemoteFingerprint() throws IOException {
        long left = deadlineNanos - System.nanoTime();
        try {
            return left > 0 ? remoteFingerprint.get(left, TimeUnit.NANOSECONDS) : remoteFingerprint.getNow(null);
        } catch (TimeoutException e) {
            return null;
        } catch (CancellationException | ExecutionException e) {
            throw new IOException("DTLS session closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the SDP fingerprint");
        }
    }

    // ---- after the handshake -----------------------------------------------------------------

    private void scheduleDrain() {
        if (!drainOwned.compareAndSet(false, true)) {
            return;
        }
        try {
            service.executor().execute(this::drain);
        } catch (RejectedExecutionException e) {
            // pool saturated by handshakes: the records wait in the queue until the next offer
            drainOwned.set(false);
        }
    }

    /** Runs with {@link #drainOwned} set; gives it back without losing a record offered meanwhile. */
    private void drain() {
        do {
            String closedWhy = null;
            transportLock.lock();
            try {
                closedWhy = processQueued();
                flush(); // retransmitted final flight, or our close_notify answer
            } finally {
                transportLock.unlock();
            }
            if (closedWhy != null) {
                endConnection(closedWhy);
            }
            drainOwned.set(false);
        } while (!inbound.isEmpty() && state.get() == State.CONNECTED && drainOwned.compareAndSet(false, true));
    }

    /** Feeds queued records to bctls; returns why the association ended, or null while it lives. */
    private String processQueued() {
        DTLSTransport t = transport;
        if (t == null || state.get() != State.CONNECTED) {
            return null;
        }
        try {
            byte[] buf = new byte[t.getReceiveLimit()];
            while (!inbound.isEmpty() && !peerClosed && state.get() == State.CONNECTED) {
                if (t.receive(buf, 0, buf.length, DRAIN_WAIT_MILLIS) >= 0) {
                    stats.applicationDataDiscarded();
                }
            }
            return peerClosed ? "the client closed DTLS (close_notify)" : null;
        } catch (TlsFatalAlertReceived e) {
            return "the client sent fatal alert " + AlertDescription.getText(e.getAlertDescription());
        } catch (IOException | RuntimeException e) {
            return state.get() == State.CONNECTED ? "DTLS record processing failed: " + e : null;
        }
    }

    private void endConnection(String why) {
        if (!state.compareAndSet(State.CONNECTED, State.CLOSED)) {
            return;
        }
        transportLock.lock();
        try {
            closeQuietly(transport);
            transport = null;
            flush();
        } finally {
            transportLock.unlock();
        }
        release();
        notifyListener(() -> listener.connectionClosed(why));
    }

    /** Sends the records packed so far as one datagram. */
    private void flush() {
        synchronized (sendLock) {
            if (packedLength > 0 && sinkOpen) {
                deliver(packed, 0, packedLength);
            }
            packedLength = 0;
        }
    }

    private static void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("DTLS session listener failed", e);
        }
    }

    /** Drops queued datagrams and stops sending, at the end of the session. */
    private void release() {
        inbound.clear();
        closeSink();
    }

    private void closeSink() {
        synchronized (sendLock) {
            sinkOpen = false;
            packed = null;
            packedLength = 0;
        }
    }

    // guarded by sendLock
    private void deliver(byte[] buf, int off, int len) {
        try {
            sink.send(buf, off, len);
        } catch (RuntimeException e) {
            stats.sendFailed();
            log.debug("DTLS datagram not sent: {}", e.toString());
        }
    }

    private static void closeQuietly(DTLSTransport t) {
        if (t == null) {
            return;
        }
        try {
            t.close();
        } catch (IOException | RuntimeException e) {
            log.debug("DTLS transport close failed: {}", e.toString());
        }
    }

    /** What bctls reads from and writes to: the inbound queue and the sink. */
    private final class QueueTransport implements DatagramTransport {

        @Override
        public int getReceiveLimit() {
            return config.maxDatagramSize();
        }

        @Override
        public int getSendLimit() {
            return config.sendLimit();
        }

        /**
         * Waits up to {@code waitMillis} (0 means no limit other than the handshake deadline) for a
         * datagram and returns its length, or -1 when the wait ends without one, which is what
         * makes bctls retransmit its last flight. Throws once the handshake deadline has passed or
         * the session was closed.
         */
        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            flush(); // our flight is complete when bctls starts waiting for the peer
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis > 0 ? waitMillis : DRAIN_WAIT_MILLIS);
            if (state.get() == State.HANDSHAKING) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new TlsTimeoutException("DTLS handshake deadline passed");
                }
                waitNanos = waitMillis > 0 ? Math.min(waitNanos, left) : left;
            }
            byte[] datagram;
            try {
                datagram = inbound.poll(waitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("DTLS receive interrupted");
            }
            if (datagram == null) {
                return -1;
            }
            if (datagram == CLOSED_MARKER) {
                inbound.offer(CLOSED_MARKER); // keep waking whoever reads next
                // bctls passes an InterruptedIOException through without failing the association,
                // so close() can still send close_notify afterwards
                throw new InterruptedIOException("DTLS session closed");
            }
            if (datagram.length > len) {
                return -1;
            }
            System.arraycopy(datagram, 0, buf, off, datagram.length);
            return datagram.length;
        }

        /**
         * Packs the records of a flight into as few datagrams as the send limit allows (RFC 6347
         * section 4.1.1 permits several records per datagram, and browsers do the same): fewer
         * datagrams to lose. The datagram leaves when the next record does not fit or on flush().
         */
        @Override
        public void send(byte[] buf, int off, int len) {
            synchronized (sendLock) {
                if (!sinkOpen) {
                    return;
                }
                int limit = config.sendLimit();
                if (packedLength + len > limit) {
                    flush();
                }
                if (len > limit) {
                    deliver(buf, off, len);
                    return;
                }
                if (packed == null) {
                    packed = new byte[limit];
                }
                System.arraycopy(buf, off, packed, packedLength, len);
                packedLength += len;
            }
        }

        /** bctls calls this when the association ends: close_notify or fatal alert from the peer, or our close. */
        @Override
        public void close() {
            if (state.get() == State.CONNECTED) {
                peerClosed = true;
            }
        }
    }
}
