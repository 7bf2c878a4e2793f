package org.bangban.bench.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's UDP receive-buffer overflows (RcvbufErrors in {@code /proc/net/snmp}), machine-wide: a datagram the
 * kernel dropped because a socket's receive buffer was full. Sampled around a window, it tells loss in a socket
 * buffer (the relay's or the generator's) from loss inside a server. -1 when unreadable.
 */
public final class UdpErrors {
    private UdpErrors() {
    }

    public static long receiveBufferErrors() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/net/snmp"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return -1;
        }
    }

    static long parse(List<String> snmp) {
        for (int i = 0; i + 1 < snmp.size(); i++) {
            if (snmp.get(i).startsWith("Udp: ") && snmp.get(i + 1).startsWith("Udp: ")) {
                List<String> names = List.of(snmp.get(i).trim().split("\\s+"));
                String[] values = snmp.get(i + 1).trim().split("\\s+");
                int at = names.indexOf("RcvbufErrors");
                if (at > 0 && at < values.length) return Long.parseLong(values[at]);
            }
        }
        return -1;
    }
}
