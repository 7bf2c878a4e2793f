package org.bangban.relay;

import java.time.Duration;
import java.util.List;

/**
 * How a media relay runs.
 *
 * @param bindHost            the address the sockets bind (0.0.0.0: every interface)
 * @param udpPort             the one UDP port every endpoint shares (0: any free port, for tests)
 * @param tcpPort             the ICE-TCP port (0: any free port; -1: ICE-TCP off)
 * @param advertisedAddresses the addresses put in candidates, in preference order: the public IP
 *                            behind a 1:1 NAT, or the interfaces browsers can reach
 * @param ioThreads           packet I/O threads (one UDP socket each with epoll)
 * @param consentTimeout      an endpoint with no consent check for this long is dropped (RFC 7675)
 * @param dtlsHandshakeTimeout a DTLS handshake not finished by then fails
 * @param roomIdleTimeout     a room with no endpoint for this long is closed
 * @param endpointIdleTimeout an endpoint whose transports never connect is closed after this
 * @param udpGso              send runs of equal-sized datagrams to one address as one UDP GSO send
 *                            where the kernel supports it (Linux, epoll)
 */
public record RelayConfig(String bindHost, int udpPort, int tcpPort, List<String> advertisedAddresses,
                          int ioThreads, Duration consentTimeout, Duration dtlsHandshakeTimeout,
                          Duration roomIdleTimeout, Duration endpointIdleTimeout, boolean udpGso) {

    public RelayConfig {
        advertisedAddresses = List.copyOf(advertisedAddresses);
        if (advertisedAddresses.isEmpty()) {
            throw new IllegalArgumentException("the relay needs at least one advertised address for its candidates");
        }
        if (udpPort < 0 || udpPort > 65535 || tcpPort < -1 || tcpPort > 65535) {
            throw new IllegalArgumentException("relay ports out of range: udp " + udpPort + ", tcp " + tcpPort);
        }
    }

    /** The defaults: UDP 10000, ICE-TCP 4443, advertised 127.0.0.1 (set a real address in production). */
    public static RelayConfig defaults() {
        return new RelayConfig("0.0.0.0", 10000, 4443, List.of("127.0.0.1"),
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), true);
    }

    public RelayConfig withPorts(int udp, int tcp) {
        return new RelayConfig(bindHost, udp, tcp, advertisedAddresses, ioThreads, consentTimeout,
                dtlsHandshakeTimeout, roomIdleTimeout, endpointIdleTimeout, udpGso);
    }

    public RelayConfig withAdvertised(List<String> addresses) {
        return new RelayConfig(bindHost, udpPort, tcpPort, addresses, ioThreads, consentTimeout,
                dtlsHandshakeTimeout, roomIdleTimeout, endpointIdleTimeout, udpGso);
    }

    public RelayConfig withBindHost(String host) {
        return new RelayConfig(host, udpPort, tcpPort, advertisedAddresses, ioThreads, consentTimeout,
                dtlsHandshakeTimeout, roomIdleTimeout, endpointIdleTimeout, udpGso);
    }

    public RelayConfig withIoThreads(int threads) {
        return new RelayConfig(bindHost, udpPort, tcpPort, advertisedAddresses, Math.max(1, threads), consentTimeout,
                dtlsHandshakeTimeout, roomIdleTimeout, endpointIdleTimeout, udpGso);
    }

    public RelayConfig withTimeouts(Duration consent, Duration roomIdle, Duration endpointIdle) {
        return new RelayConfig(bindHost, udpPort, tcpPort, advertisedAddresses, ioThreads, consent,
                dtlsHandshakeTimeout, roomIdle, endpointIdle, udpGso);
    }

    public RelayConfig withUdpGso(boolean on) {
        return new RelayConfig(bindHost, udpPort, tcpPort, advertisedAddresses, ioThreads, consentTimeout,
                dtlsHandshakeTimeout, roomIdleTimeout, endpointIdleTimeout, on);
    }
}
