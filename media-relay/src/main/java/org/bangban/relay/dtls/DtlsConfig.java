package org.bangban.relay.dtls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bangban.relay.srtp.SrtpProfile;

/**
 * Settings of the relay's DTLS server, shared by all endpoints.
 *
 * @param handshakeTimeout     how long a handshake may take, counted from the first ClientHello the
 *                             relay accepted (including time spent waiting for the remote SDP
 *                             fingerprint or for a free handshake thread); default 10 s
 * @param initialRetransmit    first retransmission timer of the relay's own flights (doubles on
 *                             each retransmission, RFC 6347 section 4.2.4.1); default 1 s
 * @param handshakeThreads     size of the shared handshake pool: how many handshakes progress at
 *                             once (a thread is held only while a handshake runs); default 64
 * @param handshakeBacklog     handshakes that may wait for a free thread before new ones are
 *                             deferred; default 1024
 * @param receiveQueueCapacity datagrams buffered per session between the I/O thread and the
 *                             handshake thread; more are dropped and counted; default 32
 * @param sendLimit            largest datagram the relay sends (handshake messages are fragmented
 *                             to fit); default 1200, safe on every path WebRTC uses
 * @param maxDatagramSize      largest datagram accepted from a peer; default 2048
 * @param srtpProfiles         SRTP protection profiles the relay accepts, most preferred first;
 *                             default AEAD_AES_128_GCM then AES128_CM_HMAC_SHA1_80
 */
public record DtlsConfig(Duration handshakeTimeout,
                         Duration initialRetransmit,
                         int handshakeThreads,
                         int handshakeBacklog,
                         int receiveQueueCapacity,
                         int sendLimit,
                         int maxDatagramSize,
                         List<SrtpProfile> srtpProfiles) {

    public DtlsConfig {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(initialRetransmit, "initialRetransmit");
        srtpProfiles = List.copyOf(srtpProfiles);
        if (handshakeTimeout.toMillis() < 1 || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshakeTimeout out of range: " + handshakeTimeout);
        }
        if (initialRetransmit.toMillis() < 1 || initialRetransmit.compareTo(handshakeTimeout) > 0) {
            throw new IllegalArgumentException("initialRetransmit must be 1 ms .. handshakeTimeout");
        }
        if (handshakeThreads < 1 || handshakeBacklog < 0 || receiveQueueCapacity < 2) {
            throw new IllegalArgumentException("need handshakeThreads >= 1, handshakeBacklog >= 0,"
                    + " receiveQueueCapacity >= 2");
        }
        if (sendLimit < 256 || maxDatagramSize < 256) {
            throw new IllegalArgumentException("sendLimit and maxDatagramSize must be at least 256");
        }
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile is needed");
        }
    }

    /** The defaults documented on the record. */
    public static DtlsConfig defaults() {
        return new DtlsConfig(Duration.ofSeconds(10), Duration.ofSeconds(1), 64, 1024, 32, 1200, 2048,
                List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80));
    }

    public DtlsConfig withHandshakeTimeout(Duration value) {
        return new DtlsConfig(value, initialRetransmit, handshakeThreads, handshakeBacklog,
                receiveQueueCapacity, sendLimit, maxDatagramSize, srtpProfiles);
    }

    public DtlsConfig withInitialRetransmit(Duration value) {
        return new DtlsConfig(handshakeTimeout, value, handshakeThreads, handshakeBacklog,
                receiveQueueCapacity, sendLimit, maxDatagramSize, srtpProfiles);
    }

    public DtlsConfig withPool(int threads, int backlog) {
        return new DtlsConfig(handshakeTimeout, initialRetransmit, threads, backlog,
                receiveQueueCapacity, sendLimit, maxDatagramSize, srtpProfiles);
    }

    public DtlsConfig withReceiveQueueCapacity(int value) {
        return new DtlsConfig(handshakeTimeout, initialRetransmit, handshakeThreads, handshakeBacklog,
                value, sendLimit, maxDatagramSize, srtpProfiles);
    }

    public DtlsConfig withSrtpProfiles(List<SrtpProfile> value) {
        return new DtlsConfig(handshakeTimeout, initialRetransmit, handshakeThreads, handshakeBacklog,
                receiveQueueCapacity, sendLimit, maxDatagramSize, value);
    }
}
