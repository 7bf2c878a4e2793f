package org.bangban.relay.ice;

import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunMessageBuilder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Builds the Binding requests a browser (full ICE agent, controlling) sends to the relay: the relay's tests and the
 * media load generator (module bench) use it.
 */
public final class StunChecks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StunChecks() {
    }

    /**
     * A Binding request with USERNAME {@code relayUfrag:browserUfrag}, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE when
     * asked, MESSAGE-INTEGRITY keyed with the relay's password and FINGERPRINT; a fresh random transaction id.
     */
    public static byte[] request(String relayUfrag, String browserUfrag, String relayPassword, boolean useCandidate) {
        byte[] tx = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(tx);
        StunMessageBuilder b = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST, tx)
                .username(relayUfrag + ":" + browserUfrag)
                .priority(1_853_824_767L)
                .iceControlling(RANDOM.nextLong());
        if (useCandidate) {
            b.useCandidate();
        }
        return b.build(relayPassword.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Parses a message known to be valid STUN (tests). */
    public static StunMessage parse(byte[] bytes) {
        return ((org.bangban.relay.stun.StunParseResult.Parsed) StunMessage.parse(bytes)).message();
    }
}
