package org.bangban.relay.dtls;

import java.util.Objects;

/**
 * A failed handshake: a bounded {@link DtlsFailureReason} for metrics and a sentence for the
 * operator's log (never key material).
 */
public record DtlsFailure(DtlsFailureReason reason, String message) {
    public DtlsFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
