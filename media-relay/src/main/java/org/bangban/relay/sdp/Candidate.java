package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ICE candidate line {@code a=candidate:...} (RFC 8839 5.1). {@code extensions} holds the name/value pairs after
 * the known ones (e.g. {@code generation}, {@code 0}, {@code network-id}, {@code 1}) flattened in order.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
                        int port, String type, Optional<String> relatedAddress, Optional<Integer> relatedPort,
                        Optional<String> tcpType, List<String> extensions) {

    public Candidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(relatedAddress, "relatedAddress");
        Objects.requireNonNull(relatedPort, "relatedPort");
        Objects.requireNonNull(tcpType, "tcpType");
        extensions = List.copyOf(extensions);
        if (extensions.size() % 2 != 0) {
            throw new IllegalArgumentException("candidate extensions come in name/value pairs");
        }
    }

    /**
     * A host candidate of the relay for RTP component 1: {@code transport} is {@code udp} or {@code tcp}; a TCP one
     * is {@code tcptype passive} (the relay only accepts connections).
     */
    public static Candidate host(String foundation, String transport, long priority, String address, int port) {
        boolean tcp = "tcp".equalsIgnoreCase(transport);
        if (!tcp && !"udp".equalsIgnoreCase(transport)) {
            throw new IllegalArgumentException("transport must be udp or tcp: " + transport);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new Candidate(foundation, 1, tcp ? "tcp" : "udp", priority, address, port, "host",
                Optional.empty(), Optional.empty(), tcp ? Optional.of("passive") : Optional.empty(), List.of());
    }

    /** RFC 8445 5.1.2.1: {@code 2^24 * type preference + 2^8 * local preference + (256 - component)}. */
    public static long priority(int typePreference, int localPreference, int component) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    public boolean isUdp() {
        return "udp".equalsIgnoreCase(transport);
    }

    String toSdpValue() {
        StringBuilder sb = new StringBuilder(96).append(foundation).append(' ').append(component).append(' ')
                .append(transport).append(' ').append(priority).append(' ').append(address).append(' ')
                .append(port).append(" typ ").append(type);
        relatedAddress.ifPresent(a -> sb.append(" raddr ").append(a));
        relatedPort.ifPresent(p -> sb.append(" rport ").append(p));
        tcpType.ifPresent(t -> sb.append(" tcptype ").append(t));
        for (String e : extensions) {
            sb.append(' ').append(e);
        }
        return sb.toString();
    }
}
