package org.bangban.relay.ice;

import org.bangban.relay.stun.StunAttribute;
import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunMessageBuilder;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The relay's side of ICE for one transport, in lite mode (RFC 8445 section 2.5): it never
 * sends checks, answers the browser's Binding requests, takes the path the browser nominates
 * with USE-CANDIDATE (and follows it when it nominates another), and judges consent freshness
 * (RFC 7675): a selected path with no valid check for the consent timeout has lost consent.
 *
 * <p>Pure logic: the caller passes the parsed request, the path it came on and the time; it gets
 * the response bytes back. Thread-safe (checks for one transport may arrive on several I/O
 * threads when the browser probes UDP and TCP at once).
 *
 * @param <P> the caller's path type (an address, a TCP channel, ...); compared with equals
 */
public final class IceLiteAgent<P> {

    private final IceCredentials local;
    private final byte[] localPassword;
    private final long consentTimeoutNanos;
    private final String usernamePrefix;

    private volatile String remoteUfrag;
    private P selected;
    private long selectedConsentAt;
    private long lastCheckAt;
    private boolean closed;

    public IceLiteAgent(IceCredentials local, Duration consentTimeout, long nowNanos) {
        this.local = Objects.requireNonNull(local, "local");
        this.localPassword = local.passwordBytes();
        this.consentTimeoutNanos = consentTimeout.toNanos();
        this.usernamePrefix = local.ufrag() + ":";
        this.lastCheckAt = nowNanos;
    }

    public IceCredentials localCredentials() {
        return local;
    }

    /**
     * The browser's ufrag from its SDP. Until it is known, checks naming any remote ufrag are
     * accepted (a browser may check before its answer reaches the relay); afterwards they must
     * name it.
     */
    public void setRemoteUfrag(String ufrag) {
        this.remoteUfrag = ufrag;
    }

    /**
     * Handles a Binding request that arrived on {@code path} from {@code source}. The request's
     * USERNAME must start with this agent's ufrag (the caller routed it here by that).
     */
    public synchronized CheckOutcome onBindingRequest(StunMessage request, P path, InetSocketAddress source,
                                                      long nowNanos) {
        if (closed) {
            return CheckOutcome.dropped(CheckOutcome.Verdict.CLOSED);
        }
        if (!request.hasFingerprint() || !request.verifyFingerprint()
                || !request.unknownComprehensionRequired().isEmpty()) {
            return CheckOutcome.dropped(CheckOutcome.Verdict.MALFORMED);
        }
        String username = request.username().orElse("");
        String expectedRemote = remoteUfrag;
        boolean userOk = username.startsWith(usernamePrefix)
                && (expectedRemote == null || username.substring(usernamePrefix.length()).equals(expectedRemote));
        if (!userOk || !request.verifyMessageIntegrity(localPassword)) {
            return new CheckOutcome(CheckOutcome.Verdict.UNAUTHENTICATED,
                    StunMessageBuilder.bindingError(request.transactionId(), 401, "Unauthenticated", null), false);
        }
        if (request.attribute(StunAttribute.IceControlled.class).isPresent()) {
            return new CheckOutcome(CheckOutcome.Verdict.ROLE_CONFLICT,
                    StunMessageBuilder.bindingError(request.transactionId(), 487, "Role Conflict", localPassword),
                    false);
        }
        lastCheckAt = nowNanos;
        boolean nominated = request.attribute(StunAttribute.UseCandidate.class).isPresent();
        boolean changed = false;
        if (nominated || selected == null) {
            changed = !path.equals(selected);
            selected = path;
        }
        if (path.equals(selected)) {
            selectedConsentAt = nowNanos;
        }
        byte[] response = StunMessageBuilder.bindingSuccess(request.transactionId(), source, localPassword);
        return new CheckOutcome(CheckOutcome.Verdict.ACCEPTED, response, changed);
    }

    /** The path media goes out on: the one the browser nominated last, or null before any check. */
    public synchronized P selectedPath() {
        return selected;
    }

    /**
     * True when consent has lapsed: a path was selected but no valid check came on it for the
     * consent timeout, or no valid check came at all for that long since the agent was made.
     */
    public synchronized boolean consentExpired(long nowNanos) {
        long since = selected == null ? lastCheckAt : selectedConsentAt;
        return nowNanos - since > consentTimeoutNanos;
    }

    /** Forgets the selected path when it is gone (its TCP connection closed). */
    public synchronized void pathClosed(P path) {
        if (path.equals(selected)) {
            selected = null;
        }
    }

    public synchronized void close() {
        closed = true;
        selected = null;
    }
}
