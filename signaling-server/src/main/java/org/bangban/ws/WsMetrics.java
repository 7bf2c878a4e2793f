package org.bangban.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bangban.protocol.ErrorCode;

/** Protocol meters: messages received, rejected by reason, sends that failed. */
public final class WsMetrics {
    private final MeterRegistry registry;
    private final Map<ErrorCode, Counter> rejected = new ConcurrentHashMap<>();
    final Counter received;
    final Counter sendFailures;

    public WsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("bangban.ws.messages.received").description("Client messages received").register(registry);
        this.sendFailures = Counter.builder("bangban.ws.send.failures").description("Server messages that could not be sent").register(registry);
        for (ErrorCode c : ErrorCode.values()) rejected(c);
    }

    Counter rejected(ErrorCode code) {
        return rejected.computeIfAbsent(code, c -> Counter.builder("bangban.ws.messages.rejected")
                .description("Client messages answered with an error, by reason").tag("reason", c.wire()).register(registry));
    }
}
