package org.bangban.relay.srtp;

/**
 * Why an SRTP or SRTCP packet was not protected or unprotected. The set is small and fixed, so
 * a reason can be used directly as a metrics tag.
 *
 * <p>The protect and unprotect methods of {@link SrtpSession} return an {@code int}: a new packet
 * length when it is zero or more, otherwise {@link #code()} of one of these reasons. Decode it with
 * {@link #of(int)}; a packet with a negative result must be dropped.
 */
public enum SrtpDropReason {
    /** Null buffer, or offset and length outside the array: a caller bug, never a peer's packet. */
    BAD_BOUNDS,
    /** Shorter than the fixed header plus the authentication tag (and SRTCP index). */
    TOO_SHORT,
    /** Not RTP/RTCP version 2, or the CSRC list or header extension runs past the packet. */
    MALFORMED,
    /** Protect only: fewer spare bytes after {@code offset + length} than the protection adds. */
    NO_ROOM,
    /** A new SSRC while this direction already holds its maximum number of SSRC contexts. */
    UNKNOWN_SSRC_LIMIT,
    /** The authentication tag (HMAC-SHA1 or GCM) does not match: forged, corrupted or wrong key. */
    AUTH_FAIL,
    /** Index already seen inside the 64-packet replay window. */
    REPLAY_DUPLICATE,
    /** Index older than the 64-packet replay window. */
    REPLAY_OLD,
    /** A packet form jitsi-srtp cannot process: SRTCP with the E flag clear under AEAD_AES_128_GCM. */
    UNSUPPORTED,
    /** The cipher failed (a GeneralSecurityException inside jitsi-srtp or an unexpected output length). */
    CRYPTO_ERROR,
    /** The session was closed. */
    CLOSED;

    private static final SrtpDropReason[] VALUES = values();

    /** The negative value a protect or unprotect method returns for this reason. */
    public int code() {
        return -1 - ordinal();
    }

    /** True when a protect/unprotect result means "drop the packet". */
    public static boolean isDrop(int result) {
        return result < 0;
    }

    /**
     * The reason behind a negative protect/unprotect result.
     *
     * @throws IllegalArgumentException if {@code result} is a length (zero or more) or not a code
     */
    public static SrtpDropReason of(int result) {
        int index = -1 - result;
        if (result >= 0 || index >= VALUES.length) {
            throw new IllegalArgumentException("not an SRTP drop code: " + result);
        }
        return VALUES[index];
    }
}
