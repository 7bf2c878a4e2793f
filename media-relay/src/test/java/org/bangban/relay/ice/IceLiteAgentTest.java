package org.bangban.relay.ice;

import org.bangban.relay.stun.StunAttribute;
import org.bangban.relay.stun.StunMessage;
import org.bangban.relay.stun.StunMessageBuilder;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IceLiteAgentTest {

    private static final long SECOND = 1_000_000_000L;
    private final IceCredentials local = IceCredentials.random();
    private final IceLiteAgent<String> agent = new IceLiteAgent<>(local, Duration.ofSeconds(30), 0);
    private final InetSocketAddress browser = new InetSocketAddress("192.0.2.7", 50000);

    private CheckOutcome check(String path, String remoteUfrag, String password, boolean nominate, long now) {
        byte[] req = StunChecks.request(local.ufrag(), remoteUfrag, password, nominate);
        return agent.onBindingRequest(StunChecks.parse(req), path, browser, now);
    }

    @Test
    void aValidCheckIsAnsweredWithTheSendersAddressSignedWithTheLocalPassword() {
        CheckOutcome out = check("a", "brws", local.password(), false, 1);
        assertThat(out.verdict()).isEqualTo(CheckOutcome.Verdict.ACCEPTED);
        StunMessage response = StunChecks.parse(out.response());
        assertThat(response.messageClass()).isEqualTo(StunMessage.CLASS_SUCCESS_RESPONSE);
        assertThat(response.verifyMessageIntegrity(local.passwordBytes())).isTrue();
        assertThat(response.verifyFingerprint()).isTrue();
        assertThat(response.attribute(StunAttribute.XorMappedAddress.class).orElseThrow().address())
                .isEqualTo(browser);
        assertThat(agent.selectedPath()).isEqualTo("a");
    }

    @Test
    void aWrongPasswordOrUfragGets401WithoutIntegrity() {
        CheckOutcome wrongPwd = check("a", "brws", "x".repeat(24), true, 1);
        assertThat(wrongPwd.verdict()).isEqualTo(CheckOutcome.Verdict.UNAUTHENTICATED);
        StunMessage response = StunChecks.parse(wrongPwd.response());
        assertThat(response.messageClass()).isEqualTo(StunMessage.CLASS_ERROR_RESPONSE);
        assertThat(response.hasMessageIntegrity()).isFalse();
        assertThat(agent.selectedPath()).isNull();

        agent.setRemoteUfrag("brws");
        assertThat(check("a", "othr", local.password(), true, 1).verdict())
                .isEqualTo(CheckOutcome.Verdict.UNAUTHENTICATED);
        assertThat(check("a", "brws", local.password(), true, 1).verdict())
                .isEqualTo(CheckOutcome.Verdict.ACCEPTED);
    }

    @Test
    void aPeerClaimingTheControlledRoleGetsRoleConflict() {
        byte[] tx = new byte[12];
        byte[] req = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST, tx)
                .username(local.ufrag() + ":brws").iceControlled(5)
                .build(local.passwordBytes(), true);
        CheckOutcome out = agent.onBindingRequest(StunChecks.parse(req), "a", browser, 1);
        assertThat(out.verdict()).isEqualTo(CheckOutcome.Verdict.ROLE_CONFLICT);
        assertThat(StunChecks.parse(out.response()).attribute(StunAttribute.ErrorCode.class).orElseThrow().code())
                .isEqualTo(487);
    }

    @Test
    void aCheckWithoutFingerprintIsDropped() {
        byte[] req = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST, new byte[12])
                .username(local.ufrag() + ":brws").build(local.passwordBytes(), false);
        CheckOutcome out = agent.onBindingRequest(StunChecks.parse(req), "a", browser, 1);
        assertThat(out.verdict()).isEqualTo(CheckOutcome.Verdict.MALFORMED);
        assertThat(out.response()).isNull();
    }

    @Test
    void theAgentFollowsTheBrowsersNomination() {
        check("udp-1", "brws", local.password(), false, 1);
        check("udp-2", "brws", local.password(), false, 2);
        assertThat(agent.selectedPath()).as("first validated path until one is nominated").isEqualTo("udp-1");
        CheckOutcome nominate2 = check("udp-2", "brws", local.password(), true, 3);
        assertThat(nominate2.selectedPathChanged()).isTrue();
        assertThat(agent.selectedPath()).isEqualTo("udp-2");
        CheckOutcome again = check("udp-2", "brws", local.password(), true, 4);
        assertThat(again.selectedPathChanged()).isFalse();
        check("tcp-1", "brws", local.password(), true, 5);
        assertThat(agent.selectedPath()).isEqualTo("tcp-1");
        agent.pathClosed("tcp-1");
        assertThat(agent.selectedPath()).isNull();
    }

    @Test
    void consentLapsesThirtySecondsAfterTheLastCheckOnTheSelectedPath() {
        check("a", "brws", local.password(), true, 10 * SECOND);
        assertThat(agent.consentExpired(39 * SECOND)).isFalse();
        // checks on another, unselected path do not keep the selected one alive
        check("b", "brws", local.password(), false, 35 * SECOND);
        assertThat(agent.consentExpired(41 * SECOND)).isTrue();
        check("a", "brws", local.password(), false, 41 * SECOND);
        assertThat(agent.consentExpired(70 * SECOND)).isFalse();
    }

    @Test
    void anAgentThatNeverHearsACheckLapsesToo() {
        assertThat(agent.consentExpired(29 * SECOND)).isFalse();
        assertThat(agent.consentExpired(31 * SECOND)).isTrue();
    }

    @Test
    void aClosedAgentAnswersNothing() {
        agent.close();
        CheckOutcome out = check("a", "brws", local.password(), true, 1);
        assertThat(out.verdict()).isEqualTo(CheckOutcome.Verdict.CLOSED);
        assertThat(out.response()).isNull();
    }
}
