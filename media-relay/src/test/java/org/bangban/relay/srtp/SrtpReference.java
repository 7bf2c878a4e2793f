package org.bangban.relay.srtp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second, independent SRTP/SRTCP sender written straight from the formulas of RFC 3711
 * (sections 4.1.1, 4.2.1, 4.3) and RFC 7714 (sections 8.1, 9.1, 11 with erratum 4938) on top of
 * plain javax.crypto (AES/CTR, AES/GCM, HmacSHA1). Tests check it against the RFC test vectors,
 * then check jitsi-srtp's output against it. Slow and allocating on purpose: clarity over speed.
 */
final class SrtpReference {

    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTH = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTH = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    /** Session keys of one stream type (SRTP or SRTCP). {@code authKey} is empty for GCM. */
    record SessionKeys(byte[] encKey, byte[] salt, byte[] authKey) {}

    private SrtpReference() {}

    /** AES in counter mode over zero bytes: the raw keystream, starting at counter block {@code iv}. */
    static byte[] aesCmKeystream(byte[] key, byte[] iv, int length) throws GeneralSecurityException {
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return ctr.doFinal(new byte[length]);
    }

    /**
     * RFC 3711 4.3.1 with key_derivation_rate 0 (so r = 0): key_id = label || r (56 bits),
     * x = key_id XOR master_salt with both right-aligned in 112 bits, and the AES-CM PRF
     * (4.3.3) produces {@code length} bytes of keystream from IV = x * 2^16.
     * A 96-bit GCM master salt is first multiplied by 2^16 (RFC 7714 section 11, erratum 4938).
     */
    static byte[] prf(byte[] masterKey, byte[] masterSalt, int label, int length) throws GeneralSecurityException {
        byte[] salt112 = Arrays.copyOf(masterSalt, 14);
        byte[] x = salt112.clone();
        x[14 - 7] ^= (byte) label;
        byte[] iv = Arrays.copyOf(x, 16);
        return aesCmKeystream(masterKey, iv, length);
    }

    static SessionKeys rtpKeys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) throws GeneralSecurityException {
        return keys(profile, masterKey, masterSalt, LABEL_RTP_ENCRYPTION, LABEL_RTP_SALT, LABEL_RTP_AUTH);
    }

    static SessionKeys rtcpKeys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) throws GeneralSecurityException {
        return keys(profile, masterKey, masterSalt, LABEL_RTCP_ENCRYPTION, LABEL_RTCP_SALT, LABEL_RTCP_AUTH);
    }

    private static SessionKeys keys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt,
                                    int encLabel, int saltLabel, int authLabel) throws GeneralSecurityException {
        boolean gcm = profile == SrtpProfile.AEAD_AES_128_GCM;
        return new SessionKeys(
                prf(masterKey, masterSalt, encLabel, profile.keyLength()),
                prf(masterKey, masterSalt, saltLabel, profile.saltLength()),
                gcm ? new byte[0] : prf(masterKey, masterSalt, authLabel, 20));
    }

    /** Length of the RTP header: 12 + 4*CC, plus the extension if X is set. */
    static int rtpHeaderLength(byte[] rtp) {
        int length = 12 + 4 * (rtp[0] & 0x0F);
        if ((rtp[0] & 0x10) != 0) {
            length += 4 + 4 * (((rtp[length + 2] & 0xFF) << 8) | (rtp[length + 3] & 0xFF));
        }
        return length;
    }

    /** RFC 3711: AES-CM encryption (4.1.1) and HMAC-SHA1-80 authentication (4.2.1) of an RTP packet. */
    static byte[] protectRtpCm(SessionKeys k, byte[] rtp, int roc) throws GeneralSecurityException {
        int header = rtpHeaderLength(rtp);
        long ssrc = ByteBuffer.wrap(rtp, 8, 4).getInt() & 0xFFFFFFFFL;
        int seq = ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
        long index = ((roc & 0xFFFFFFFFL) << 16) | seq;
        // IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), as a 128-bit big-endian number.
        byte[] iv = Arrays.copyOf(k.salt(), 16);
        xorBigEndian(iv, 16 - 8 - 4, ssrc, 4);
        xorBigEndian(iv, 16 - 2 - 6, index, 6);
        byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
        xorKeystream(out, header, rtp.length - header, aesCmKeystream(k.encKey(), iv, rtp.length - header));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(k.authKey(), "HmacSHA1"));
        mac.update(out, 0, rtp.length);
        mac.update(ByteBuffer.allocate(4).putInt(roc).array());
        System.arraycopy(mac.doFinal(), 0, out, rtp.length, 10);
        return out;
    }

    /** RFC 3711 3.4: SRTCP with AES-CM and HMAC-SHA1-80, E flag set, the given 31-bit index. */
    static byte[] protectRtcpCm(SessionKeys k, byte[] rtcp, int index) throws GeneralSecurityException {
        long ssrc = ByteBuffer.wrap(rtcp, 4, 4).getInt() & 0xFFFFFFFFL;
        byte[] iv = Arrays.copyOf(k.salt(), 16);
        xorBigEndian(iv, 16 - 8 - 4, ssrc, 4);
        xorBigEndian(iv, 16 - 2 - 6, index, 6);
        byte[] out = Arrays.copyOf(rtcp, rtcp.length + 4 + 10);
        xorKeystream(out, 8, rtcp.length - 8, aesCmKeystream(k.encKey(), iv, rtcp.length - 8));
        ByteBuffer.wrap(out, rtcp.length, 4).putInt(0x80000000 | index);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(k.authKey(), "HmacSHA1"));
        mac.update(out, 0, rtcp.length + 4);
        System.arraycopy(mac.doFinal(), 0, out, rtcp.length + 4, 10);
        return out;
    }

    /** RFC 7714 8.1-8.2: IV = (00 00 || SSRC || ROC || SEQ) XOR salt, AAD = RTP header. */
    static byte[] protectRtpGcm(SessionKeys k, byte[] rtp, int roc) throws GeneralSecurityException {
        int header = rtpHeaderLength(rtp);
        byte[] iv = ByteBuffer.allocate(12).putShort((short) 0).put(rtp, 8, 4).putInt(roc).put(rtp, 2, 2).array();
        xor(iv, k.salt());
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.encKey(), "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(rtp, 0, header);
        byte[] sealed = gcm.doFinal(rtp, header, rtp.length - header);
        byte[] out = Arrays.copyOf(rtp, header + sealed.length);
        System.arraycopy(sealed, 0, out, header, sealed.length);
        return out;
    }

    /**
     * RFC 7714 9.1-9.2: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt,
     * AAD = first 8 octets || E flag and index; the packet ends with tag then E || index.
     */
    static byte[] protectRtcpGcm(SessionKeys k, byte[] rtcp, int index) throws GeneralSecurityException {
        byte[] iv = ByteBuffer.allocate(12).putShort((short) 0).put(rtcp, 4, 4).putShort((short) 0).putInt(index).array();
        xor(iv, k.salt());
        byte[] eIndex = ByteBuffer.allocate(4).putInt(0x80000000 | index).array();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.encKey(), "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(rtcp, 0, 8);
        gcm.updateAAD(eIndex);
        byte[] sealed = gcm.doFinal(rtcp, 8, rtcp.length - 8);
        return ByteBuffer.allocate(8 + sealed.length + 4).put(rtcp, 0, 8).put(sealed).put(eIndex).array();
    }

    static byte[] protectRtp(SrtpProfile profile, SessionKeys k, byte[] rtp, int roc) throws GeneralSecurityException {
        return profile == SrtpProfile.AEAD_AES_128_GCM ? protectRtpGcm(k, rtp, roc) : protectRtpCm(k, rtp, roc);
    }

    static byte[] protectRtcp(SrtpProfile profile, SessionKeys k, byte[] rtcp, int index) throws GeneralSecurityException {
        return profile == SrtpProfile.AEAD_AES_128_GCM ? protectRtcpGcm(k, rtcp, index) : protectRtcpCm(k, rtcp, index);
    }

    /** XORs the low {@code bytes} bytes of {@code value} into {@code dst} ending at {@code at + bytes}. */
    private static void xorBigEndian(byte[] dst, int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            dst[at + i] ^= (byte) (value >>> (8 * (bytes - 1 - i)));
        }
    }

    private static void xor(byte[] dst, byte[] src) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] ^= src[i];
        }
    }

    private static void xorKeystream(byte[] data, int from, int length, byte[] keystream) {
        for (int i = 0; i < length; i++) {
            data[from + i] ^= keystream[i];
        }
    }
}
