package org.bangban.bench.media.peer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bangban.relay.stun.StunAttribute;
import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunMessageBuilder;
import org.bangban.relay.stun.StunParseResult;

/**
 * The client side of TURN (RFC 8656, and RFC 5766 that coturn also speaks) without I/O: it builds the requests of
 * one allocation (Allocate, CreatePermission, ChannelBind, Refresh) and reads the server's responses, and the caller
 * moves the bytes over its own UDP socket. Long-term credentials: the first request goes without them, the 401 answer
 * brings the realm and nonce, and the request is built again with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY keyed
 * with MD5(username ":" realm ":" password) (RFC 8489 9.2). A 438 (stale nonce) is answered the same way. The STUN
 * encoding is the relay's own codec ({@code org.bangban.relay.stun}).
 *
 * <p>Thread-safe: the pending transactions are a concurrent map, so a timer may build a Refresh while a receive
 * loop reads answers.
 */
public final class TurnClient {
    public static final int ALLOCATE = 0x003;
    public static final int REFRESH = 0x004;
    public static final int CREATE_PERMISSION = 0x008;
    public static final int CHANNEL_BIND = 0x009;

    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_TRANSPORT = 0x0019;

    /** The first channel number a client may bind (RFC 8656 12). */
    public static final int FIRST_CHANNEL = 0x4000;
    /** The last one. */
    public static final int LAST_CHANNEL = 0x4FFF;

    private static final int UDP = 17;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What an answer meant to the caller. */
    public sealed interface Outcome {
    }

    /** The request succeeded; {@code response} is the server's (integrity checked when it carried any). */
    public record Success(int method, StunMessage response) implements Outcome {
    }

    /** The request must go again as {@code request} (the server asked for credentials or a fresh nonce). */
    public record Resend(byte[] request) implements Outcome {
    }

    /** The server refused the request. */
    public record Failure(int method, int code, String reason) implements Outcome {
    }

    /** Not an answer to a request of ours (unknown transaction, not STUN, or a bad signature): dropped. */
    public record Ignored(String why) implements Outcome {
    }

    private record Pending(int method, Consumer<StunMessageBuilder> attributes, boolean authenticated) {
    }

    private final String username;
    private final String password;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile String realm;
    private volatile byte[] nonce;
    private volatile byte[] key;

    /** A client with long-term credentials, or for a server without authentication when {@code username} is null. */
    public TurnClient(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** Allocate for a UDP relayed address (REQUESTED-TRANSPORT 17). */
    public byte[] allocate() {
        return request(ALLOCATE, b -> b.raw(REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0}));
    }

    /** CreatePermission for the peer's address (the port is ignored by the server, RFC 8656 9). */
    public byte[] createPermission(InetSocketAddress peer) {
        return request(CREATE_PERMISSION, b -> b.xorAddress(XOR_PEER_ADDRESS, peer));
    }

    /** ChannelBind of {@code channel} (0x4000–0x4FFF) to the peer; it also installs or refreshes the permission. */
    public byte[] channelBind(int channel, InetSocketAddress peer) {
        if (channel < FIRST_CHANNEL || channel > LAST_CHANNEL) {
            throw new IllegalArgumentException("a channel number is 0x4000..0x4FFF, was 0x" + Integer.toHexString(channel));
        }
        byte[] number = {(byte) (channel >>> 8), (byte) channel, 0, 0};
        return request(CHANNEL_BIND, b -> b.raw(CHANNEL_NUMBER, number).xorAddress(XOR_PEER_ADDRESS, peer));
    }

    /** Refresh of the allocation for {@code lifetimeSeconds} (0 deletes it). */
    public byte[] refresh(int lifetimeSeconds) {
        byte[] lifetime = {(byte) (lifetimeSeconds >>> 24), (byte) (lifetimeSeconds >>> 16),
                (byte) (lifetimeSeconds >>> 8), (byte) lifetimeSeconds};
        return request(REFRESH, b -> b.raw(LIFETIME, lifetime));
    }

    /** Requests sent and not answered yet. */
    public int pendingCount() {
        return pending.size();
    }

    private byte[] request(int method, Consumer<StunMessageBuilder> attributes) {
        return build(method, attributes, key != null);
    }

    private byte[] build(int method, Consumer<StunMessageBuilder> attributes, boolean authenticated) {
        byte[] tx = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(tx);
        StunMessageBuilder b = new StunMessageBuilder(method, StunMessage.CLASS_REQUEST, tx);
        attributes.accept(b);
        byte[] wire;
        if (authenticated) {
            b.username(username).raw(REALM, realm.getBytes(StandardCharsets.UTF_8)).raw(NONCE, nonce);
            wire = b.build(key, true);
        } else {
            wire = b.build(null, true);
        }
        pending.put(HexFormat.of().formatHex(tx), new Pending(method, attributes, authenticated));
        return wire;
    }

    /** Reads one datagram from the server. */
    public Outcome onResponse(byte[] data, int off, int len) {
        if (len == 0 || !StunMessage.isStun(data[off])) return new Ignored("not STUN");
        StunParseResult parsed = StunMessage.parse(data, off, len);
        if (!(parsed instanceof StunParseResult.Parsed p)) {
            return new Ignored("malformed STUN: " + ((StunParseResult.Invalid) parsed).reason());
        }
        StunMessage m = p.message();
        int cls = m.messageClass();
        if (cls != StunMessage.CLASS_SUCCESS_RESPONSE && cls != StunMessage.CLASS_ERROR_RESPONSE) {
            return new Ignored("not a response (class " + cls + ")");
        }
        String tx = HexFormat.of().formatHex(m.transactionId());
        Pending request = pending.get(tx);
        if (request == null || request.method != m.method()) return new Ignored("no request of ours with this transaction");
        if (m.hasMessageIntegrity() && (key == null || !m.verifyMessageIntegrity(key))) {
            return new Ignored("MESSAGE-INTEGRITY does not verify with our key"); // forged or stray: keep waiting
        }
        pending.remove(tx);
        if (cls == StunMessage.CLASS_SUCCESS_RESPONSE) return new Success(request.method, m);
        StunAttribute.ErrorCode error = m.attribute(StunAttribute.ErrorCode.class)
                .orElse(new StunAttribute.ErrorCode(500, "error response without ERROR-CODE"));
        boolean challenge = error.code() == 401 && !request.authenticated;
        boolean staleNonce = error.code() == 438;
        if ((challenge || staleNonce) && username != null) {
            Optional<byte[]> newNonce = m.rawValue(NONCE);
            Optional<byte[]> newRealm = m.rawValue(REALM);
            if (newNonce.isEmpty() || (realm == null && newRealm.isEmpty())) {
                return new Failure(request.method, error.code(), error.reason() + " (without REALM/NONCE to answer it)");
            }
            newRealm.ifPresent(r -> {
                realm = new String(r, StandardCharsets.UTF_8);
                key = longTermKey(username, realm, password);
            });
            nonce = newNonce.get();
            return new Resend(build(request.method, request.attributes, true));
        }
        return new Failure(request.method, error.code(), error.reason());
    }

    /** RFC 8489 9.2.2: MD5(username ":" realm ":" password), the names taken as given (ASCII needs no SASLprep). */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }

    /** The relayed address of an Allocate success. */
    public static InetSocketAddress relayedAddress(StunMessage allocateSuccess) {
        return allocateSuccess.xorAddress(XOR_RELAYED_ADDRESS).orElseThrow(() -> new IllegalStateException(
                "the TURN server's Allocate success has no valid XOR-RELAYED-ADDRESS: " + allocateSuccess));
    }

    /** The LIFETIME of an Allocate or Refresh success, in seconds (600, the default, when absent). */
    public static int lifetimeSeconds(StunMessage success) {
        return success.rawValue(LIFETIME).filter(v -> v.length == 4)
                .map(v -> ((v[0] & 0xFF) << 24) | ((v[1] & 0xFF) << 16) | ((v[2] & 0xFF) << 8) | (v[3] & 0xFF))
                .orElse(600);
    }
}
