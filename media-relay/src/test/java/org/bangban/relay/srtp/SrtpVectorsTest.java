package org.bangban.relay.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.SrtpCipherCtr;
import org.jitsi.srtp.crypto.SrtpCipherGcm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC test vectors. The RFC 3711 and RFC 7714 vectors use session keys (or expose derivation
 * only internally in jitsi-srtp), so they are checked twice: against jitsi-srtp's public cipher
 * classes where possible, and against {@link SrtpReference}; jitsi-srtp's full protect path is then
 * compared byte for byte with the reference, starting from the RFC master key.
 */
class SrtpVectorsTest {

    // RFC 3711 Appendix B.2: AES-CM keystream.
    private static final byte[] B2_SESSION_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] B2_IV_0 = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
    private static final byte[] B2_IV_FEFF = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF");
    private static final byte[] B2_BLOCKS_0000_0002 = hex(
            "E03EAD0935C95E80E166B16DD92B4EB4" + "D23513162B02D0F72A43A2FE4A5F97AB"
            + "41E95B3BB0A2E8DD477901E4FCA894C0");
    private static final byte[] B2_BLOCKS_FEFF_FF01 = hex(
            "EC8CDF7398607CB0F2D21675EA9EA1E4" + "362B7C3C6773516318A077D7FC5073AE"
            + "6A2CC3787889374FBEB4C81B17BA6C44");

    // RFC 3711 Appendix B.3: key derivation.
    private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
    private static final byte[] B3_CIPHER_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
    private static final byte[] B3_CIPHER_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
    private static final byte[] B3_AUTH_KEY = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");

    // RFC 7714 section 16.1.1: AEAD_AES_128_GCM encryption of an RTP packet (session key and salt).
    private static final byte[] GCM_KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_SALT = hex("517569642070726f2071756f");
    private static final byte[] GCM_IV = hex("51753c6580c2726f20718414");
    private static final byte[] GCM_PLAIN_RTP = hex(
            "8040f17b8041f8d35501a0b247616c6c" + "696120657374206f6d6e697320646976"
            + "69736120696e20706172746573207472" + "6573");
    private static final byte[] GCM_SRTP = hex(
            "8040f17b8041f8d35501a0b2f24de3a3" + "fb34de6cacba861c9d7e4bcabe633bd5"
            + "0d294e6f42a5f47a51c7d19b36de3adf" + "8833899d7f27beb16a9152cf765ee439"
            + "0cce");

    @Test
    void rfc3711B2KeystreamFromReference() throws Exception {
        assertThat(SrtpReference.aesCmKeystream(B2_SESSION_KEY, B2_IV_0, 48)).isEqualTo(B2_BLOCKS_0000_0002);
        assertThat(SrtpReference.aesCmKeystream(B2_SESSION_KEY, B2_IV_FEFF, 48)).isEqualTo(B2_BLOCKS_FEFF_FF01);
    }

    @Test
    void rfc3711B2KeystreamFromJitsiCipher() throws Exception {
        SrtpCipherCtr ctr = new SrtpCipherCtr(Aes.createCipher("AES/CTR/NoPadding"));
        ctr.init(B2_SESSION_KEY, null);
        byte[] data = new byte[48];
        ctr.setIV(B2_IV_0.clone(), Cipher.ENCRYPT_MODE);
        ctr.process(data, 0, data.length);
        assertThat(data).isEqualTo(B2_BLOCKS_0000_0002);
        data = new byte[48];
        ctr.setIV(B2_IV_FEFF.clone(), Cipher.ENCRYPT_MODE);
        ctr.process(data, 0, data.length);
        assertThat(data).isEqualTo(B2_BLOCKS_FEFF_FF01);
    }

    @Test
    void rfc3711B3KeyDerivationFromReference() throws Exception {
        SrtpReference.SessionKeys k = SrtpReference.rtpKeys(
                SrtpProfile.AES128_CM_HMAC_SHA1_80, B3_MASTER_KEY, B3_MASTER_SALT);
        assertThat(k.encKey()).isEqualTo(B3_CIPHER_KEY);
        assertThat(k.salt()).isEqualTo(B3_CIPHER_SALT);
        assertThat(k.authKey()).isEqualTo(B3_AUTH_KEY);
    }

    /**
     * jitsi-srtp derives keys internally, so B.3 is checked end to end: packets protected with
     * the B.3 master key must equal the reference protection under the B.3 session keys (which
     * the test above ties to the RFC). Crosses a sequence-number wrap, so the ROC matters too.
     */
    @Test
    void rfc3711B3MasterKeyProtectsLikeTheReference() throws Exception {
        SrtpProfile profile = SrtpProfile.AES128_CM_HMAC_SHA1_80;
        SrtpKeyingMaterial km = new SrtpKeyingMaterial(profile,
                B3_MASTER_KEY, B3_MASTER_SALT, B3_MASTER_KEY, B3_MASTER_SALT);
        SrtpReference.SessionKeys rtpKeys = new SrtpReference.SessionKeys(B3_CIPHER_KEY, B3_CIPHER_SALT, B3_AUTH_KEY);
        SrtpReference.SessionKeys rtcpKeys = SrtpReference.rtcpKeys(profile, B3_MASTER_KEY, B3_MASTER_SALT);
        try (SrtpSession relay = SrtpSession.forRelay(km)) {
            int[] seqs = {65534, 65535, 0, 1};
            int[] rocs = {0, 0, 1, 1};
            for (int i = 0; i < seqs.length; i++) {
                byte[] rtp = Packets.rtp(0xCAFEBABE, seqs[i], 1000L * i, 100 + 37 * i, i);
                byte[] expected = SrtpReference.protectRtpCm(rtpKeys, rtp, rocs[i]);
                assertThat(protectRtp(relay, rtp)).as("seq %d", seqs[i]).isEqualTo(expected);
                // and the relay's inbound side (same master key here) accepts the reference packet
                assertThat(unprotectRtp(relay, expected)).isEqualTo(rtp);
            }
            for (int index = 0; index < 3; index++) {
                byte[] rtcp = Packets.rtcp(0xCAFEBABE, 60 + 8 * index, index);
                byte[] expected = SrtpReference.protectRtcpCm(rtcpKeys, rtcp, index);
                assertThat(protectRtcp(relay, rtcp)).isEqualTo(expected);
                assertThat(unprotectRtcp(relay, expected)).isEqualTo(rtcp);
            }
        }
    }

    @Test
    void rfc7714GcmVectorFromReference() throws Exception {
        byte[] sealed = SrtpReference.protectRtpGcm(
                new SrtpReference.SessionKeys(GCM_KEY, GCM_SALT, new byte[0]), GCM_PLAIN_RTP, 0);
        assertThat(sealed).isEqualTo(GCM_SRTP);
    }

    @Test
    void rfc7714GcmVectorFromJitsiCipher() throws Exception {
        SrtpCipherGcm gcm = new SrtpCipherGcm(Aes.createCipher("AES/GCM/NoPadding"));
        gcm.init(GCM_KEY, null);
        byte[] data = Arrays.copyOf(GCM_PLAIN_RTP, GCM_SRTP.length);
        gcm.setIV(GCM_IV, Cipher.ENCRYPT_MODE);
        gcm.processAAD(data, 0, 12);
        assertThat(gcm.process(data, 12, GCM_PLAIN_RTP.length - 12)).isEqualTo(GCM_SRTP.length - 12);
        assertThat(data).isEqualTo(GCM_SRTP);

        gcm.setIV(GCM_IV, Cipher.DECRYPT_MODE);
        gcm.processAAD(data, 0, 12);
        assertThat(gcm.process(data, 12, GCM_SRTP.length - 12)).isEqualTo(GCM_PLAIN_RTP.length - 12);
        assertThat(Arrays.copyOf(data, GCM_PLAIN_RTP.length)).isEqualTo(GCM_PLAIN_RTP);
    }

    /** Both profiles, both directions: jitsi-srtp's output equals the reference from derived keys. */
    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sessionMatchesReferenceForBothDirections(SrtpProfile profile) throws Exception {
        SrtpKeyingMaterial km = Packets.keyingMaterial(profile, new Random(7714L + profile.ordinal()));
        try (SrtpSession relay = SrtpSession.forRelay(km);
             SrtpSession browser = SrtpSession.create(km, SrtpSession.Role.DTLS_CLIENT, 64)) {
            checkAgainstReference(profile, relay, km.serverKey(), km.serverSalt());
            checkAgainstReference(profile, browser, km.clientKey(), km.clientSalt());
        }
    }

    private static void checkAgainstReference(SrtpProfile profile, SrtpSession session,
                                              byte[] masterKey, byte[] masterSalt) throws GeneralSecurityException {
        SrtpReference.SessionKeys rtpKeys = SrtpReference.rtpKeys(profile, masterKey, masterSalt);
        SrtpReference.SessionKeys rtcpKeys = SrtpReference.rtcpKeys(profile, masterKey, masterSalt);
        for (int i = 0; i < 5; i++) {
            byte[] rtp = Packets.rtp(0x11223344, 65533 + i, 90_000L * i, 200 + 111 * i, i);
            int roc = 65533 + i > 65535 ? 1 : 0;
            assertThat(protectRtp(session, rtp)).isEqualTo(SrtpReference.protectRtp(profile, rtpKeys, rtp, roc));
            byte[] rtcp = Packets.rtcp(0x55667788, 28 + 4 * i, i);
            assertThat(protectRtcp(session, rtcp)).isEqualTo(SrtpReference.protectRtcp(profile, rtcpKeys, rtcp, i));
        }
    }

    static byte[] protectRtp(SrtpSession s, byte[] rtp) {
        byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpSession.MAX_RTP_OVERHEAD);
        int n = s.protectRtp(buf, 0, rtp.length);
        assertThat(n).as("protectRtp result").isPositive();
        return Arrays.copyOf(buf, n);
    }

    static byte[] protectRtcp(SrtpSession s, byte[] rtcp) {
        byte[] buf = Arrays.copyOf(rtcp, rtcp.length + SrtpSession.MAX_RTCP_OVERHEAD);
        int n = s.protectRtcp(buf, 0, rtcp.length);
        assertThat(n).as("protectRtcp result").isPositive();
        return Arrays.copyOf(buf, n);
    }

    static byte[] unprotectRtp(SrtpSession s, byte[] srtp) {
        byte[] buf = srtp.clone();
        int n = s.unprotectRtp(buf, 0, buf.length);
        assertThat(n).as("unprotectRtp result").isPositive();
        return Arrays.copyOf(buf, n);
    }

    static byte[] unprotectRtcp(SrtpSession s, byte[] srtcp) {
        byte[] buf = srtcp.clone();
        int n = s.unprotectRtcp(buf, 0, buf.length);
        assertThat(n).as("unprotectRtcp result").isPositive();
        return Arrays.copyOf(buf, n);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
