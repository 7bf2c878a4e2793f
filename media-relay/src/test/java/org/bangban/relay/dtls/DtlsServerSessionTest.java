package org.bangban.relay.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.bangban.relay.srtp.SrtpKeyingMaterial;
import org.bangban.relay.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DtlsServerSessionTest {

    /** What Chromium offers with GCM enabled: AEAD_AES_256_GCM, AEAD_AES_128_GCM, CM_80, CM_32. */
    static final int[] CHROME_PROFILES = {SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM,
        SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32};
    static final DtlsCertificate RELAY_CERT = DtlsCertificate.generate();
    static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();
    static final long WAIT_SECONDS = 20;

    private final List<DtlsService> services = new ArrayList<>();
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        clients.shutdownNow();
        services.forEach(DtlsService::close);
    }

    private DtlsService service(DtlsConfig config) {
        DtlsService s = new DtlsService(config, RELAY_CERT);
        services.add(s);
        return s;
    }

    private static DtlsConfig fastConfig() {
        return DtlsConfig.defaults().withInitialRetransmit(Duration.ofMillis(100));
    }

    /** One relay session wired to one in-memory bctls client. */
    private final class Association {
        final DtlsService service;
        final InMemoryLink link = new InMemoryLink();
        final RecordingListener listener = new RecordingListener();
        final DtlsServerSession session;
        final DtlsClient client;
        CompletableFuture<DTLSTransport> clientResult;

        Association(DtlsService service, DtlsCertificate clientCert, int[] profiles) {
            this.service = service;
            this.session = service.newSession(link.serverSink(), listener);
            link.attach(session);
            this.client = new DtlsClient(clientCert, profiles, service.certificate().fingerprint(), 100);
        }

        Association fingerprint(DtlsCertificate cert) {
            assertThat(session.setRemoteFingerprint(Fingerprint.of(Fingerprint.Algorithm.SHA_256, cert.der())))
                    .isTrue();
            return this;
        }

        Association start() {
            clientResult = CompletableFuture.supplyAsync(() -> {
                try {
                    return new DTLSClientProtocol().connect(client, link.clientTransport());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, clients);
            return this;
        }

        DtlsHandshakeResult awaitSuccess() throws Exception {
            DtlsHandshakeResult result = listener.succeeded.get(WAIT_SECONDS, TimeUnit.SECONDS);
            clientResult.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return result;
        }

        DtlsFailure awaitFailure() throws Exception {
            return listener.failed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        Throwable clientFailure() {
            assertThatThrownBy(() -> clientResult.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            Throwable t = clientResult.handle((ok, e) -> e).join();
            while (t.getCause() != null && !(t instanceof TlsFatalAlertReceived)) {
                t = t.getCause();
            }
            return t;
        }
    }

    /** An association whose SDP fingerprint is set before the client starts. */
    private Association connected(DtlsService service, DtlsCertificate clientCert, int[] profiles) {
        return new Association(service, clientCert, profiles).fingerprint(CLIENT_CERT).start();
    }

    private static void assertSameKeys(SrtpKeyingMaterial relay, SrtpKeyingMaterial client) {
        assertThat(relay.profile()).isEqualTo(client.profile());
        assertThat(relay.clientKey()).isEqualTo(client.clientKey());
        assertThat(relay.clientSalt()).isEqualTo(client.clientSalt());
        assertThat(relay.serverKey()).isEqualTo(client.serverKey());
        assertThat(relay.serverSalt()).isEqualTo(client.serverSalt());
        assertThat(relay.clientKey()).isNotEqualTo(relay.serverKey());
    }

    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("timed out waiting for " + what).isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void handshakeGivesBothSidesTheSameSrtpKeysAndPrefersGcm() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = connected(service, CLIENT_CERT, CHROME_PROFILES);

        DtlsHandshakeResult result = a.awaitSuccess();

        assertThat(result.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(result.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertSameKeys(result.keyingMaterial(), a.client.keyingMaterial());
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.CONNECTED);
        DtlsStats.Snapshot stats = service.stats().snapshot();
        assertThat(stats.handshakesStarted()).isEqualTo(1);
        assertThat(stats.handshakesSucceeded()).isEqualTo(1);
        assertThat(stats.handshakesFailedTotal()).isZero();
        assertThat(a.listener.calls.get()).isEqualTo(1);
    }

    @Test
    void theSameFingerprintMayBeSetAgainButNotAnother() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT);
        Fingerprint same = Fingerprint.of(Fingerprint.Algorithm.SHA_256, CLIENT_CERT.der());
        Fingerprint other = Fingerprint.of(Fingerprint.Algorithm.SHA_256, RELAY_CERT.der());
        assertThat(a.session.setRemoteFingerprint(same)).as("a renegotiation repeats the fingerprint").isTrue();
        assertThat(a.session.setRemoteFingerprint(other)).as("a changed certificate needs a new session").isFalse();
        a.session.close();
    }

    @Test
    void clientOfferingOnlyAesCmGetsAesCmWithItsKeyLengths() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT,
                new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}).fingerprint(CLIENT_CERT).start();

        DtlsHandshakeResult result = a.awaitSuccess();

        assertThat(result.profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(result.keyingMaterial().clientSalt()).hasSize(14);
        assertSameKeys(result.keyingMaterial(), a.client.keyingMaterial());
    }

    @Test
    void serverPreferenceFollowsConfiguredOrder() throws Exception {
        DtlsService service = service(fastConfig().withSrtpProfiles(
                List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM)));
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT).start();

        assertThat(a.awaitSuccess().profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
    }

    @Test
    void fingerprintMayArriveAfterTheClientFlight() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).start();

        // the client has sent its certificate flight (ending in ChangeCipherSpec) before the SDP arrives
        awaitCondition(() -> a.link.sentByClient().stream().anyMatch(d -> InMemoryLink.hasRecord(d, 20, 0)),
                "client ChangeCipherSpec");
        assertThat(a.listener.succeeded).isNotDone();
        a.fingerprint(CLIENT_CERT);

        assertSameKeys(a.awaitSuccess().keyingMaterial(), a.client.keyingMaterial());
    }

    @Test
    void wrongFingerprintIsRefused() throws Exception {
        DtlsService service = service(fastConfig());
        DtlsCertificate other = DtlsCertificate.generate();
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(other).start();

        DtlsFailure failure = a.awaitFailure();

        assertThat(failure.reason()).isEqualTo(DtlsFailureReason.FINGERPRINT_MISMATCH);
        assertThat(failure.message()).contains(other.sdpFingerprint())
                .contains(Fingerprint.of(Fingerprint.Algorithm.SHA_256, CLIENT_CERT.der()).toSdp());
        assertThat(a.clientFailure()).isInstanceOf(TlsFatalAlertReceived.class);
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.FAILED);
        assertThat(a.listener.succeeded).isNotDone();
        assertThat(service.stats().snapshot().handshakesFailed(DtlsFailureReason.FINGERPRINT_MISMATCH)).isEqualTo(1);
    }

    @Test
    void fingerprintNeverSetFailsAtTheDeadline() throws Exception {
        DtlsService service = service(fastConfig().withHandshakeTimeout(Duration.ofMillis(800)));
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).start();

        assertThat(a.awaitFailure().reason()).isEqualTo(DtlsFailureReason.FINGERPRINT_MISSING);
    }

    @Test
    void clientWithoutUseSrtpIsRefused() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = connected(service, CLIENT_CERT, null);

        DtlsFailure failure = a.awaitFailure();

        assertThat(failure.reason()).isEqualTo(DtlsFailureReason.SRTP_NOT_NEGOTIATED);
        assertThat(failure.message()).contains("use_srtp");
        assertThat(a.clientFailure()).isInstanceOf(TlsFatalAlertReceived.class);
    }

    @Test
    void clientWithOnlyUnsupportedSrtpProfilesIsRefused() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT,
                new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32}).fingerprint(CLIENT_CERT).start();

        DtlsFailure failure = a.awaitFailure();

        assertThat(failure.reason()).isEqualTo(DtlsFailureReason.SRTP_NOT_NEGOTIATED);
        assertThat(failure.message()).contains("0x0002");
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = connected(service, null, CHROME_PROFILES);

        assertThat(a.awaitFailure().reason()).isEqualTo(DtlsFailureReason.NO_CLIENT_CERTIFICATE);
        assertThat(a.clientFailure()).isInstanceOf(TlsFatalAlertReceived.class);
    }

    @Test
    void completesThroughRetransmissionWhenEveryThirdDatagramAndABurstAreLost() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT);
        a.link.packClientFlights();
        // relay -> client: every third datagram from the first on, and a burst of three more
        a.link.lossToClient((i, d) -> i % 3 == 0 || (i >= 1 && i <= 3));
        // client -> relay: every third datagram from the second on
        a.link.lossToServer((i, d) -> i % 3 == 1);
        long start = System.nanoTime();
        a.start();

        DtlsHandshakeResult result = a.awaitSuccess();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(service.config().handshakeTimeout());
        assertSameKeys(result.keyingMaterial(), a.client.keyingMaterial());
        assertThat(a.link.droppedToClient()).isGreaterThanOrEqualTo(4);
        assertThat(a.link.droppedToServer()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void lostFinalFlightIsRetransmittedAfterTheRelayConsidersTheHandshakeDone() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT);
        // drop the relay's datagram with its Finished (epoch-1 handshake record): the relay is already CONNECTED
        boolean[] droppedOnce = {false};
        a.link.lossToClient((i, d) -> {
            if (!droppedOnce[0] && InMemoryLink.hasRecord(d, 22, 1)) {
                droppedOnce[0] = true;
                return true;
            }
            return false;
        });
        a.start();

        DtlsHandshakeResult result = a.awaitSuccess();

        assertSameKeys(result.keyingMaterial(), a.client.keyingMaterial());
        long finishedSent = a.link.sentByServer().stream().filter(d -> InMemoryLink.hasRecord(d, 22, 1)).count();
        assertThat(finishedSent).isEqualTo(2);
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.CONNECTED);
    }

    @Test
    void silentClientTimesOutAfterTheRelayRetransmitted() throws Exception {
        Duration timeout = Duration.ofMillis(1000);
        DtlsService service = service(fastConfig().withHandshakeTimeout(timeout));
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT);
        a.link.lossToServer((i, d) -> i > 0); // only the first ClientHello gets through
        long start = System.nanoTime();
        a.start();

        DtlsFailure failure = a.awaitFailure();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.reason()).isEqualTo(DtlsFailureReason.TIMEOUT);
        assertThat(took).isGreaterThanOrEqualTo(timeout.minusMillis(50)).isLessThan(timeout.plusSeconds(3));
        // ServerHello..ServerHelloDone went out more than once: receive() timed out and bctls resent
        long serverHellos = a.link.sentByServer().stream()
                .filter(d -> InMemoryLink.contentType(d) == 22 && (d[DtlsRecords.RECORD_HEADER_LENGTH] & 0xFF) == 2)
                .count();
        assertThat(serverHellos).isGreaterThanOrEqualTo(3);
        awaitCondition(() -> service.activeHandshakeTasks() == 0, "handshake thread released");
    }

    @Test
    void garbageIsCountedAndDoesNotDisturbAHandshake() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT);
        Random random = new Random(42);
        int malformed = 0;
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            if (!a.session.offer(junk, 0, junk.length)) {
                malformed++;
            }
        }
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.NEW);
        assertThat(a.session.offer(null, 0, 0)).isFalse();
        assertThat(a.session.offer(new byte[20], 15, 10)).isFalse();
        assertThat(a.session.offer((ByteBuffer) null)).isFalse();
        DtlsStats.Snapshot before = service.stats().snapshot();
        assertThat(before.datagramsDropped(DtlsStats.Drop.MALFORMED)
                + before.datagramsDropped(DtlsStats.Drop.NOT_CLIENT_HELLO)).isEqualTo(malformed + 3L).isEqualTo(503);

        // after each real client datagram, inject a truncated copy, a copy with a wrong version and
        // a copy corrupted past the handshake header (epoch 0) or inside the ciphertext (epoch 1)
        a.link.lossToServer((i, d) -> {
            a.session.offer(d, 0, d.length);
            assertThatCode(() -> {
                assertThat(a.session.offer(d, 0, d.length - 1)).isFalse();
                byte[] wrongVersion = d.clone();
                wrongVersion[1] = 3;
                assertThat(a.session.offer(wrongVersion, 0, wrongVersion.length)).isFalse();
                int from = DtlsRecords.RECORD_HEADER_LENGTH + (InMemoryLink.epoch(d) == 0 ? 12 : 0);
                if (d.length > from) {
                    byte[] corrupted = d.clone();
                    corrupted[from + random.nextInt(d.length - from)] ^= (byte) (1 + random.nextInt(255));
                    a.session.offer(corrupted, 0, corrupted.length);
                }
            }).doesNotThrowAnyException();
            return true; // already delivered
        });
        a.start();

        DtlsHandshakeResult result = a.awaitSuccess();
        assertSameKeys(result.keyingMaterial(), a.client.keyingMaterial());
        long injected = service.stats().snapshot().datagramsDropped(DtlsStats.Drop.MALFORMED)
                - before.datagramsDropped(DtlsStats.Drop.MALFORMED);
        assertThat(injected).isEqualTo(2L * a.link.sentByClient().size());
    }

    @Test
    void garbageClientHellosFailCleanly() throws Exception {
        DtlsService service = service(fastConfig().withHandshakeTimeout(Duration.ofMillis(600)));
        Random random = new Random(7);
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            DtlsServerSession session = service.newSession((b, o, l) -> { }, listener);
            session.setRemoteFingerprint(CLIENT_CERT.fingerprint());
            byte[] hello = new byte[DtlsRecords.RECORD_HEADER_LENGTH + 12 + random.nextInt(200)];
            random.nextBytes(hello);
            byte[] recordHeader = {22, (byte) 0xFE, (byte) 0xFD, 0, 0};
            System.arraycopy(recordHeader, 0, hello, 0, recordHeader.length);
            int bodyLength = hello.length - DtlsRecords.RECORD_HEADER_LENGTH;
            hello[11] = (byte) (bodyLength >>> 8);
            hello[12] = (byte) bodyLength;
            hello[DtlsRecords.RECORD_HEADER_LENGTH] = 1;
            if (i % 2 == 0) { // a consistent handshake header, so the ClientHello body parser sees the junk
                int length = bodyLength - 12;
                byte[] header = {1, 0, (byte) (length >>> 8), (byte) length, 0, 0, 0, 0, 0,
                    0, (byte) (length >>> 8), (byte) length};
                System.arraycopy(header, 0, hello, DtlsRecords.RECORD_HEADER_LENGTH, header.length);
            }
            assertThat(session.offer(hello, 0, hello.length)).isTrue();
        }

        for (RecordingListener listener : listeners) {
            DtlsFailure failure = listener.failed.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(failure.reason()).isIn(DtlsFailureReason.PROTOCOL_ERROR, DtlsFailureReason.TIMEOUT,
                    DtlsFailureReason.NEGOTIATION_FAILED, DtlsFailureReason.SRTP_NOT_NEGOTIATED);
        }
        DtlsStats.Snapshot stats = service.stats().snapshot();
        assertThat(stats.handshakesStarted()).isEqualTo(20);
        assertThat(stats.handshakesFailedTotal()).isEqualTo(20);
        assertThat(stats.handshakesFailed(DtlsFailureReason.INTERNAL_ERROR)).isZero();
    }

    @Test
    void fiftyConcurrentHandshakesCompleteOnABoundedPool() throws Exception {
        int threads = 8;
        DtlsService service = service(fastConfig().withPool(threads, 64));
        List<Association> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT));
        }
        all.forEach(Association::start);

        Set<String> handshakeThreads = new HashSet<>();
        for (Association a : all) {
            assertSameKeys(a.awaitSuccess().keyingMaterial(), a.client.keyingMaterial());
            handshakeThreads.addAll(a.link.senderThreads());
        }

        assertThat(handshakeThreads).allMatch(n -> n.startsWith("dtls-handshake-"));
        assertThat(handshakeThreads.size()).isLessThanOrEqualTo(threads);
        assertThat(service.stats().snapshot().handshakesSucceeded()).isEqualTo(50);
        awaitCondition(() -> service.activeHandshakeTasks() == 0, "all handshake threads released");
    }

    @Test
    void fullPoolDefersTheStartUntilTheClientHelloIsRetransmitted() throws Exception {
        DtlsService service = service(fastConfig().withPool(1, 0));
        Association first = new Association(service, CLIENT_CERT, CHROME_PROFILES).start();
        awaitCondition(() -> first.session.state() == DtlsServerSession.State.HANDSHAKING
                && service.activeHandshakeTasks() == 1, "first handshake holding the only thread");

        Association second = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT).start();
        awaitCondition(() -> service.stats().snapshot().handshakeStartsDeferred() >= 1, "a deferred start");
        assertThat(second.session.state()).isEqualTo(DtlsServerSession.State.NEW);

        first.fingerprint(CLIENT_CERT); // frees the thread once the first handshake completes
        assertSameKeys(first.awaitSuccess().keyingMaterial(), first.client.keyingMaterial());
        assertSameKeys(second.awaitSuccess().keyingMaterial(), second.client.keyingMaterial());
        assertThat(service.stats().snapshot().handshakesSucceeded()).isEqualTo(2);
    }

    @Test
    void closeAfterHandshakeSendsCloseNotifyAndStopsEverything() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = connected(service, CLIENT_CERT, CHROME_PROFILES);
        a.awaitSuccess();
        int sentBefore = a.link.sentByServer().size();

        a.session.close();
        a.session.close();

        List<byte[]> sent = a.link.sentByServer();
        assertThat(sent).hasSize(sentBefore + 1);
        byte[] last = sent.get(sent.size() - 1);
        assertThat(InMemoryLink.contentType(last)).isEqualTo(21); // alert
        assertThat(InMemoryLink.epoch(last)).isEqualTo(1); // encrypted
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.CLOSED);
        // the client reads and authenticates the close_notify
        DTLSTransport clientTransport = a.clientResult.get();
        assertThat(clientTransport.receive(new byte[2048], 0, 2048, 100)).isEqualTo(-1);
        assertThat(a.client.alertsReceived()).containsExactly(AlertDescription.close_notify);
        long droppedBefore = service.stats().snapshot().datagramsDropped(DtlsStats.Drop.AFTER_CLOSE);
        byte[] record = a.link.sentByClient().get(0);
        assertThat(a.session.offer(record, 0, record.length)).isFalse();
        assertThat(service.stats().snapshot().datagramsDropped(DtlsStats.Drop.AFTER_CLOSE))
                .isEqualTo(droppedBefore + 1);
        assertThat(a.link.sentByServer()).hasSize(sentBefore + 1);
        assertThat(a.listener.closed).isNotDone();
    }

    @Test
    void peerCloseNotifyIsReported() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = connected(service, CLIENT_CERT, CHROME_PROFILES);
        a.awaitSuccess();

        a.clientResult.get().close();

        assertThat(a.listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).contains("close_notify");
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.CLOSED);
    }

    @Test
    void applicationDataAfterTheHandshakeIsDiscardedAndCounted() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = connected(service, CLIENT_CERT, CHROME_PROFILES);
        a.awaitSuccess();

        DTLSTransport clientTransport = a.clientResult.get();
        for (int i = 0; i < 3; i++) {
            clientTransport.send(new byte[] {1, 2, 3}, 0, 3);
        }

        awaitCondition(() -> service.stats().snapshot().applicationDataDiscarded() == 3, "application data counted");
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.CONNECTED);
    }

    @Test
    void closeDuringHandshakeAbandonsItWithoutCallback() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).start(); // waits for fingerprint
        awaitCondition(() -> a.link.sentByClient().stream().anyMatch(d -> InMemoryLink.hasRecord(d, 20, 0)),
                "client flight sent");

        a.session.close();

        awaitCondition(() -> service.stats().snapshot().handshakesFailed(DtlsFailureReason.CLOSED) == 1,
                "handshake abandoned");
        awaitCondition(() -> service.activeHandshakeTasks() == 0, "handshake thread released");
        assertThat(a.listener.calls.get()).isZero();
        assertThat(a.session.state()).isEqualTo(DtlsServerSession.State.CLOSED);
        int sent = a.link.sentByServer().size();
        a.session.setRemoteFingerprint(CLIENT_CERT.fingerprint());
        assertThat(a.link.sentByServer()).hasSize(sent);
    }

    @Test
    void byteBufferOffersCopyTheRemainingBytesAndLeaveThePositionAlone() throws Exception {
        DtlsService service = service(fastConfig());
        Association a = new Association(service, CLIENT_CERT, CHROME_PROFILES).fingerprint(CLIENT_CERT);
        a.link.deliverAsByteBuffers();
        a.start();

        assertSameKeys(a.awaitSuccess().keyingMaterial(), a.client.keyingMaterial());
        assertThat(a.link.byteBufferPositionsKept()).isTrue();
    }

    @Test
    void datagramsBeyondTheQueueAreDroppedAndCounted() throws Exception {
        DtlsService service = service(fastConfig().withPool(1, 0).withReceiveQueueCapacity(4));
        // occupy the only thread so the second session's queue cannot drain
        Association busy = new Association(service, CLIENT_CERT, CHROME_PROFILES).start();
        awaitCondition(() -> service.activeHandshakeTasks() == 1, "thread occupied");
        InMemoryLink link = new InMemoryLink();
        DtlsServerSession session = service.newSession(link.serverSink(), new RecordingListener());
        byte[] hello = busy.link.sentByClient().get(0);

        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (session.offer(hello, 0, hello.length)) {
                accepted++;
            }
        }

        assertThat(accepted).isEqualTo(4);
        assertThat(service.stats().snapshot().datagramsDropped(DtlsStats.Drop.QUEUE_FULL)).isEqualTo(6);
        session.close();
        busy.session.close();
    }
}
