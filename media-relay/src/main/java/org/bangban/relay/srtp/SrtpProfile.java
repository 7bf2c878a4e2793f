package org.bangban.relay.srtp;

/**
 * The DTLS-SRTP protection profiles the relay negotiates (RFC 5764, RFC 7714), with the
 * IANA use_srtp code and the key and salt lengths the DTLS exporter must produce.
 */
public enum SrtpProfile {
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14),
    AEAD_AES_128_GCM(0x0007, 16, 12);

    private final int code;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int code, int keyLength, int saltLength) {
        this.code = code;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The use_srtp protection profile code (RFC 5764 section 4.1.2). */
    public int code() {
        return code;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** Bytes the DTLS exporter must produce: both directions' key and salt. */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    public static SrtpProfile ofCode(int code) {
        for (SrtpProfile p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported SRTP protection profile 0x" + Integer.toHexString(code));
    }
}
