package org.bangban.relay.stun;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA1 and CRC-32 helpers shared by the parser and builder. Package-private. */
final class StunCrypto {

    static final int FINGERPRINT_XOR = 0x5354554e;
    static final int HMAC_SHA1_LENGTH = 20;

    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    });

    private StunCrypto() {}

    /**
     * HMAC-SHA1 over {@code buf[off .. off+miOffset)} where the 16-bit length field at
     * {@code off+2} is replaced by {@code adjustedLength} (RFC 8489 14.5), without copying.
     */
    static byte[] messageIntegrity(byte[] key, byte[] buf, int off, int miOffset, int adjustedLength) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("empty integrity key");
        }
        Mac mac = HMAC_SHA1.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        mac.update(buf, off, 2);
        mac.update((byte) (adjustedLength >>> 8));
        mac.update((byte) adjustedLength);
        mac.update(buf, off + 4, miOffset - 4);
        return mac.doFinal();
    }

    /** CRC-32 of {@code buf[off .. off+len)} XOR 0x5354554e (RFC 8489 14.7). */
    static int fingerprint(byte[] buf, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(buf, off, len);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
