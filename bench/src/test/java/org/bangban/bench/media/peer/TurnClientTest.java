package org.bangban.bench.media.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunMessageBuilder;
import org.bangban.relay.stun.StunParseResult;
import org.junit.jupiter.api.Test;

/** The TURN client against answers built the way a TURN server builds them (with the relay's STUN codec). */
class TurnClientTest {
    private static final String REALM = "bench.example";
    private static final byte[] NONCE = "3c4e0b2a9d1f".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = TurnClient.longTermKey("bench", REALM, "s3cret");

    private static StunMessage parse(byte[] wire) {
        StunParseResult r = StunMessage.parse(wire);
        assertThat(r).isInstanceOf(StunParseResult.Parsed.class);
        return ((StunParseResult.Parsed) r).message();
    }

    private static InetSocketAddress address(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static byte[] challenge(StunMessage request) {
        return new StunMessageBuilder(request.method(), StunMessage.CLASS_ERROR_RESPONSE, request.transactionId())
                .errorCode(401, "Unauthorized").raw(TurnClient.REALM, REALM.getBytes(StandardCharsets.UTF_8))
                .raw(TurnClient.NONCE, NONCE).build(null, true);
    }

    /** The 401 to {@code request}, and the request the client sends again with its credentials. */
    private static StunMessage answerChallenge(TurnClient client, StunMessage request) {
        byte[] reply = challenge(request);
        return parse(((TurnClient.Resend) client.onResponse(reply, 0, reply.length)).request());
    }

    private static byte[] allocated(StunMessage request, InetSocketAddress relayed, int lifetime, byte[] key) {
        return new StunMessageBuilder(TurnClient.ALLOCATE, StunMessage.CLASS_SUCCESS_RESPONSE, request.transactionId())
                .xorAddress(TurnClient.XOR_RELAYED_ADDRESS, relayed)
                .raw(TurnClient.LIFETIME, new byte[] {0, 0, (byte) (lifetime >>> 8), (byte) lifetime})
                .build(key, true);
    }

    @Test
    void allocateAnswersTheChallengeWithTheLongTermKeyAndReadsTheRelayedAddress() throws Exception {
        TurnClient client = new TurnClient("bench", "s3cret");
        StunMessage first = parse(client.allocate());
        assertThat(first.method()).isEqualTo(TurnClient.ALLOCATE);
        assertThat(first.messageClass()).isEqualTo(StunMessage.CLASS_REQUEST);
        assertThat(first.hasMessageIntegrity()).as("no credentials before the challenge").isFalse();
        assertThat(first.rawValue(TurnClient.REQUESTED_TRANSPORT)).hasValueSatisfying(
                v -> assertThat(v).containsExactly(17, 0, 0, 0));

        byte[] reply = challenge(first);
        TurnClient.Outcome outcome = client.onResponse(reply, 0, reply.length);
        assertThat(outcome).isInstanceOf(TurnClient.Resend.class);
        StunMessage second = parse(((TurnClient.Resend) outcome).request());
        assertThat(second.transactionId()).isNotEqualTo(first.transactionId());
        assertThat(second.username()).contains("bench");
        assertThat(second.rawValue(TurnClient.REALM).map(String::new)).contains(REALM);
        assertThat(second.rawValue(TurnClient.NONCE)).hasValueSatisfying(v -> assertThat(v).isEqualTo(NONCE));
        assertThat(second.rawValue(TurnClient.REQUESTED_TRANSPORT)).isPresent();
        assertThat(second.verifyMessageIntegrity(KEY)).isTrue();
        assertThat(second.verifyMessageIntegrity(TurnClient.longTermKey("bench", REALM, "wrong"))).isFalse();
        assertThat(second.verifyFingerprint()).isTrue();

        InetSocketAddress relayed = address("127.0.0.1", 49_170);
        byte[] success = allocated(second, relayed, 600, KEY);
        outcome = client.onResponse(success, 0, success.length);
        assertThat(outcome).isInstanceOf(TurnClient.Success.class);
        StunMessage response = ((TurnClient.Success) outcome).response();
        assertThat(TurnClient.relayedAddress(response)).isEqualTo(relayed);
        assertThat(TurnClient.lifetimeSeconds(response)).isEqualTo(600);
        assertThat(client.pendingCount()).as("the first request was answered by the challenge").isZero();

        // later requests carry the credentials from the start
        StunMessage bind = parse(client.channelBind(0x4001, address("127.0.0.1", 40_000)));
        assertThat(bind.verifyMessageIntegrity(KEY)).isTrue();
    }

    @Test
    void aSuccessThatDoesNotVerifyOrAnswersNothingOfOursIsIgnored() throws Exception {
        TurnClient client = new TurnClient("bench", "s3cret");
        StunMessage first = parse(client.allocate());
        StunMessage second = answerChallenge(client, first);

        byte[] forged = allocated(second, address("127.0.0.1", 1), 600, TurnClient.longTermKey("bench", REALM, "x"));
        assertThat(client.onResponse(forged, 0, forged.length)).isInstanceOf(TurnClient.Ignored.class);
        byte[] stray = allocated(first, address("127.0.0.1", 1), 600, KEY); // answered already
        assertThat(client.onResponse(stray, 0, stray.length)).isInstanceOf(TurnClient.Ignored.class);
        byte[] garbage = {0, 1, 0, 4, 1, 2, 3};
        assertThat(client.onResponse(garbage, 0, garbage.length)).isInstanceOf(TurnClient.Ignored.class);
        byte[] rtp = {(byte) 0x80, 96, 0, 1};
        assertThat(client.onResponse(rtp, 0, rtp.length)).isInstanceOf(TurnClient.Ignored.class);
        assertThat(client.pendingCount()).as("the real answer may still come").isEqualTo(1);

        byte[] real = allocated(second, address("127.0.0.1", 2), 600, KEY);
        assertThat(client.onResponse(real, 0, real.length)).isInstanceOf(TurnClient.Success.class);
    }

    @Test
    void aStaleNonceIsAnsweredWithTheNewOneAndOtherErrorsFail() throws Exception {
        TurnClient client = new TurnClient("bench", "s3cret");
        StunMessage second = answerChallenge(client, parse(client.allocate()));
        byte[] ok = allocated(second, address("127.0.0.1", 3), 600, KEY);
        client.onResponse(ok, 0, ok.length);

        StunMessage refresh = parse(client.refresh(600));
        assertThat(refresh.rawValue(TurnClient.LIFETIME)).hasValueSatisfying(
                v -> assertThat(v).containsExactly(0, 0, 2, 88));
        byte[] fresh = "fresh-nonce".getBytes(StandardCharsets.US_ASCII);
        byte[] stale = new StunMessageBuilder(TurnClient.REFRESH, StunMessage.CLASS_ERROR_RESPONSE, refresh.transactionId())
                .errorCode(438, "Stale Nonce").raw(TurnClient.REALM, REALM.getBytes(StandardCharsets.UTF_8))
                .raw(TurnClient.NONCE, fresh).build(KEY, true);
        TurnClient.Outcome outcome = client.onResponse(stale, 0, stale.length);
        assertThat(outcome).isInstanceOf(TurnClient.Resend.class);
        StunMessage again = parse(((TurnClient.Resend) outcome).request());
        assertThat(again.method()).isEqualTo(TurnClient.REFRESH);
        assertThat(again.rawValue(TurnClient.NONCE)).hasValueSatisfying(v -> assertThat(v).isEqualTo(fresh));
        assertThat(again.rawValue(TurnClient.LIFETIME)).isPresent();
        assertThat(again.verifyMessageIntegrity(KEY)).isTrue();

        StunMessage bind = parse(client.channelBind(0x4000, address("127.0.0.1", 40_000)));
        byte[] refused = new StunMessageBuilder(TurnClient.CHANNEL_BIND, StunMessage.CLASS_ERROR_RESPONSE,
                bind.transactionId()).errorCode(403, "Forbidden IP").build(KEY, true);
        assertThat(client.onResponse(refused, 0, refused.length))
                .isEqualTo(new TurnClient.Failure(TurnClient.CHANNEL_BIND, 403, "Forbidden IP"));
    }

    @Test
    void aSecond401AfterCredentialsFails() throws Exception {
        TurnClient client = new TurnClient("bench", "wrong");
        StunMessage second = answerChallenge(client, parse(client.allocate()));
        byte[] again = challenge(second);
        assertThat(client.onResponse(again, 0, again.length)).isInstanceOf(TurnClient.Failure.class)
                .extracting(o -> ((TurnClient.Failure) o).code()).isEqualTo(401);
    }

    @Test
    void withoutCredentialsRequestsAreUnsigned() throws Exception {
        TurnClient client = new TurnClient(null, null);
        StunMessage m = parse(client.createPermission(address("127.0.0.1", 5000)));
        assertThat(m.method()).isEqualTo(TurnClient.CREATE_PERMISSION);
        assertThat(m.hasMessageIntegrity()).isFalse();
        assertThat(m.xorAddress(TurnClient.XOR_PEER_ADDRESS)).contains(address("127.0.0.1", 5000));
        byte[] reply = challenge(m);
        assertThat(client.onResponse(reply, 0, reply.length)).isInstanceOf(TurnClient.Failure.class);
    }

    @Test
    void channelBindCarriesTheChannelAndPeer() throws Exception {
        TurnClient client = new TurnClient(null, null);
        InetSocketAddress peer = address("127.0.0.1", 40_123);
        StunMessage m = parse(client.channelBind(0x4ABC, peer));
        assertThat(m.method()).isEqualTo(TurnClient.CHANNEL_BIND);
        assertThat(m.rawValue(TurnClient.CHANNEL_NUMBER)).hasValueSatisfying(
                v -> assertThat(v).containsExactly(0x4A, 0xBC, 0, 0));
        assertThat(m.xorAddress(TurnClient.XOR_PEER_ADDRESS)).contains(peer);
        assertThatThrownBy(() -> client.channelBind(0x3FFF, peer)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.channelBind(0x5000, peer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lifetimeDefaultsTo600WhenAbsent() {
        byte[] wire = new StunMessageBuilder(TurnClient.REFRESH, StunMessage.CLASS_SUCCESS_RESPONSE, new byte[12])
                .build(null, false);
        assertThat(TurnClient.lifetimeSeconds(parse(wire))).isEqualTo(600);
        byte[] noRelay = new StunMessageBuilder(TurnClient.ALLOCATE, StunMessage.CLASS_SUCCESS_RESPONSE, new byte[12])
                .build(null, false);
        assertThatThrownBy(() -> TurnClient.relayedAddress(parse(noRelay)))
                .hasMessageContaining("XOR-RELAYED-ADDRESS");
    }
}
