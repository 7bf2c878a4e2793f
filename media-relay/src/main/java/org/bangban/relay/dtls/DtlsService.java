package org.bangban.relay.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The relay's DTLS server, one per process: the certificate every endpoint presents, the bctls
 * crypto, the shared handshake thread pool and the counters. Endpoints get their
 * {@link DtlsServerSession} from {@link #newSession}.
 *
 * <p><b>Handshake pool.</b> bctls runs a handshake as blocking code, so each handshake in progress
 * holds one pool thread from its first ClientHello until it succeeds or fails (a few round trips,
 * at most {@link DtlsConfig#handshakeTimeout()}); an established session holds none, and borrows a
 * thread only for a moment when a record arrives after the handshake. The pool has
 * {@link DtlsConfig#handshakeThreads()} threads (default 64: threads mostly wait on the network, the
 * CPU part of a handshake is a few milliseconds) and a backlog of
 * {@link DtlsConfig#handshakeBacklog()} waiting handshakes (default 1024). When both are full a new
 * handshake is not started: its ClientHello stays in the session's queue, the start is counted as
 * deferred, and it is tried again when the browser retransmits the ClientHello; a handshake that
 * waited in the backlog past its deadline fails with {@link DtlsFailureReason#OVERLOADED}.
 */
public final class DtlsService implements AutoCloseable {

    private final DtlsConfig config;
    private final DtlsCertificate certificate;
    private final BcTlsCrypto crypto;
    private final Certificate tlsCertificate;
    private final ThreadPoolExecutor pool;
    private final DtlsStats stats = new DtlsStats();

    /** A service with a freshly generated certificate. */
    public DtlsService(DtlsConfig config) {
        this(config, DtlsCertificate.generate());
    }

    public DtlsService(DtlsConfig config, DtlsCertificate certificate) {
        this.config = Objects.requireNonNull(config, "config");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.crypto = new BcTlsCrypto(new SecureRandom());
        try {
            TlsCertificate cert = crypto.createCertificate(certificate.derUnsafe());
            this.tlsCertificate = new Certificate(new TlsCertificate[] {cert});
        } catch (IOException e) {
            throw new IllegalStateException("bctls cannot read the relay certificate", e);
        }
        BlockingQueue<Runnable> backlog = config.handshakeBacklog() == 0
                ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(config.handshakeBacklog());
        this.pool = new ThreadPoolExecutor(config.handshakeThreads(), config.handshakeThreads(),
                30, TimeUnit.SECONDS, backlog, new HandshakeThreads());
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * A new DTLS server session for one endpoint. It does nothing until the first ClientHello is
     * {@link DtlsServerSession#offer offered}.
     */
    public DtlsServerSession newSession(DtlsPacketSink sink, DtlsSessionListener listener) {
        return new DtlsServerSession(this, sink, listener);
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    /** The relay's {@code a=fingerprint} value for its SDP, e.g. {@code "sha-256 AB:CD:..."}. */
    public String sdpFingerprint() {
        return certificate.sdpFingerprint();
    }

    public DtlsConfig config() {
        return config;
    }

    public DtlsStats stats() {
        return stats;
    }

    /** Handshakes running or waiting for a thread right now. */
    public int activeHandshakeTasks() {
        return pool.getActiveCount() + pool.getQueue().size();
    }

    /** Stops the handshake pool; running handshakes are interrupted. For process shutdown. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    boolean isClosed() {
        return pool.isShutdown();
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    Certificate tlsCertificate() {
        return tlsCertificate;
    }

    Executor executor() {
        return pool;
    }

    private static final class HandshakeThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "dtls-handshake-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
