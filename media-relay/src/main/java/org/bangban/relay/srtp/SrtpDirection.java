package org.bangban.relay.srtp;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;

/**
 * One direction of one endpoint's SRTP session: either the protect side (jitsi-srtp "sender"
 * contexts keyed by one master key) or the unprotect side ("receiver" contexts keyed by the other).
 * Holds one SRTP and one SRTCP crypto context per SSRC, created on first sight of the SSRC up to
 * a fixed limit, and counts outcomes.
 *
 * <p>Every operation runs under this direction's own lock, so the lock is never shared across
 * endpoints or between the two directions of one endpoint. Packets are validated before they
 * reach jitsi-srtp (which trusts header lengths), so malformed input yields a reason, not an
 * exception.
 */
final class SrtpDirection {

    static final int RTP_FIXED_HEADER = 12;
    static final int RTCP_FIXED_HEADER = 8;
    static final int SRTCP_INDEX_LENGTH = 4;

    private final boolean aead;
    private final int tagLength;
    private final SrtpContextFactory factory;
    private final SsrcTable<SrtpCryptoContext> rtpContexts;
    private final SsrcTable<SrtcpCryptoContext> rtcpContexts;
    private final Stage<SrtpCryptoContext> rtpStage;
    private final Stage<SrtcpCryptoContext> rtcpStage;
    private final PacketView view = new PacketView();
    private final SrtpCounters counters = new SrtpCounters();
    private final Object lock = new Object();
    private boolean closed;

    SrtpDirection(boolean sender, SrtpProfile profile, byte[] masterKey, byte[] masterSalt,
                  int maxSsrcs, Logger logger) {
        this.aead = profile == SrtpProfile.AEAD_AES_128_GCM;
        this.tagLength = tagLength(profile);
        this.factory = new SrtpContextFactory(sender, masterKey, masterSalt,
                policy(profile), policy(profile), logger);
        this.rtpContexts = new SsrcTable<>(maxSsrcs);
        this.rtcpContexts = new SsrcTable<>(maxSsrcs);
        this.rtpStage = new Stage<>() {
            @Override
            public SrtpCryptoContext derive(int ssrc) throws GeneralSecurityException {
                return factory.deriveContext(ssrc, 0);
            }

            @Override
            public SrtpErrorStatus apply(SrtpCryptoContext ctx, PacketView packet) throws GeneralSecurityException {
                return sender ? ctx.transformPacket(packet) : ctx.reverseTransformPacket(packet, false);
            }
        };
        this.rtcpStage = new Stage<>() {
            @Override
            public SrtcpCryptoContext derive(int ssrc) throws GeneralSecurityException {
                return factory.deriveControlContext(ssrc);
            }

            @Override
            public SrtpErrorStatus apply(SrtcpCryptoContext ctx, PacketView packet) throws GeneralSecurityException {
                return sender ? ctx.transformPacket(packet) : ctx.reverseTransformPacket(packet);
            }
        };
    }

    /** How one kind of context (SRTP or SRTCP, sender or receiver) is made and applied. */
    private interface Stage<T> {
        T derive(int ssrc) throws GeneralSecurityException;

        SrtpErrorStatus apply(T context, PacketView packet) throws GeneralSecurityException;
    }

    /** Authentication tag length of a profile: 10 bytes for HMAC-SHA1-80, 16 for GCM. */
    static int tagLength(SrtpProfile profile) {
        return switch (profile) {
            case AES128_CM_HMAC_SHA1_80 -> 10;
            case AEAD_AES_128_GCM -> 16;
        };
    }

    static SrtpPolicy policy(SrtpProfile profile) {
        return switch (profile) {
            case AES128_CM_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, tagLength(profile), profile.saltLength());
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.NULL_AUTHENTICATION, 0, tagLength(profile), profile.saltLength());
        };
    }

    SrtpCounters counters() {
        return counters;
    }

    int protectRtp(byte[] buf, int off, int len) {
        synchronized (lock) {
            int check = checkCommon(buf, off, len, RTP_FIXED_HEADER);
            if (check < 0) {
                return check;
            }
            if (rtpHeaderLength(buf, off, len) < 0) {
                return counters.drop(SrtpDropReason.MALFORMED);
            }
            if (buf.length - off - len < tagLength) {
                return counters.drop(SrtpDropReason.NO_ROOM);
            }
            return process(rtpContexts, rtpStage, readInt(buf, off + 8), buf, off, len, len + tagLength, true);
        }
    }

    int unprotectRtp(byte[] buf, int off, int len) {
        synchronized (lock) {
            int check = checkCommon(buf, off, len, RTP_FIXED_HEADER + tagLength);
            if (check < 0) {
                return check;
            }
            if (rtpHeaderLength(buf, off, len - tagLength) < 0) {
                return counters.drop(SrtpDropReason.MALFORMED);
            }
            return process(rtpContexts, rtpStage, readInt(buf, off + 8), buf, off, len, len - tagLength, true);
        }
    }

    int protectRtcp(byte[] buf, int off, int len) {
        synchronized (lock) {
            int check = checkCommon(buf, off, len, RTCP_FIXED_HEADER);
            if (check < 0) {
                return check;
            }
            int overhead = SRTCP_INDEX_LENGTH + tagLength;
            if (buf.length - off - len < overhead) {
                return counters.drop(SrtpDropReason.NO_ROOM);
            }
            return process(rtcpContexts, rtcpStage, readInt(buf, off + 4), buf, off, len, len + overhead, false);
        }
    }

    int unprotectRtcp(byte[] buf, int off, int len) {
        synchronized (lock) {
            int overhead = SRTCP_INDEX_LENGTH + tagLength;
            int check = checkCommon(buf, off, len, RTCP_FIXED_HEADER + overhead);
            if (check < 0) {
                return check;
            }
            // jitsi-srtp mishandles GCM SRTCP sent without encryption (E flag clear, RFC 7714
            // section 9.3); browsers always encrypt SRTCP, so refuse it up front.
            if (aead && (buf[off + len - SRTCP_INDEX_LENGTH] & 0x80) == 0) {
                return counters.drop(SrtpDropReason.UNSUPPORTED);
            }
            return process(rtcpContexts, rtcpStage, readInt(buf, off + 4), buf, off, len, len - overhead, false);
        }
    }

    /**
     * Runs a validated packet through its SSRC's context, creating the context on first sight.
     * A new context is kept only once a packet went through it, so forged packets with made-up
     * SSRCs cannot use up the table. Caller holds the lock.
     */
    private <T> int process(SsrcTable<T> table, Stage<T> stage, int ssrc,
                            byte[] buf, int off, int len, int expectedLength, boolean rtp) {
        T ctx = table.get(ssrc);
        boolean fresh = ctx == null;
        if (fresh) {
            if (table.isFull()) {
                return counters.drop(SrtpDropReason.UNKNOWN_SSRC_LIMIT);
            }
            try {
                ctx = stage.derive(ssrc);
            } catch (GeneralSecurityException e) {
                return counters.drop(SrtpDropReason.CRYPTO_ERROR);
            }
        }
        SrtpErrorStatus status;
        try {
            status = stage.apply(ctx, view.wrap(buf, off, len));
        } catch (GeneralSecurityException e) {
            status = SrtpErrorStatus.FAIL;
        }
        int result = finish(status, off, expectedLength, rtp);
        if (fresh && result >= 0) {
            table.add(ssrc, ctx);
        }
        return result;
    }

    void close() {
        synchronized (lock) {
            closed = true;
            factory.close();
            rtpContexts.clear();
            rtcpContexts.clear();
        }
    }

    /** Checks shared by all four operations; returns a drop code or 0. Caller holds the lock. */
    private int checkCommon(byte[] buf, int off, int len, int minLength) {
        if (closed) {
            return counters.drop(SrtpDropReason.CLOSED);
        }
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            return counters.drop(SrtpDropReason.BAD_BOUNDS);
        }
        if (len < minLength) {
            return counters.drop(SrtpDropReason.TOO_SHORT);
        }
        if ((buf[off] & 0xC0) != 0x80) {
            return counters.drop(SrtpDropReason.MALFORMED);
        }
        return 0;
    }

    /** Turns jitsi-srtp's status and the view's final state into a length or a counted drop. */
    private int finish(SrtpErrorStatus status, int off, int expectedLength, boolean rtp) {
        int length = view.getLength();
        boolean intact = !view.overflowed() && view.getOffset() == off;
        view.release();
        if (status != SrtpErrorStatus.OK) {
            return counters.drop(reasonOf(status));
        }
        if (!intact || length != expectedLength) {
            return counters.drop(SrtpDropReason.CRYPTO_ERROR);
        }
        if (rtp) {
            counters.rtpOk();
        } else {
            counters.rtcpOk();
        }
        return length;
    }

    static SrtpDropReason reasonOf(SrtpErrorStatus status) {
        return switch (status) {
            case AUTH_FAIL -> SrtpDropReason.AUTH_FAIL;
            case REPLAY_FAIL -> SrtpDropReason.REPLAY_DUPLICATE;
            case REPLAY_OLD -> SrtpDropReason.REPLAY_OLD;
            case INVALID_PACKET -> SrtpDropReason.MALFORMED;
            default -> SrtpDropReason.CRYPTO_ERROR;
        };
    }

    /**
     * Length of the RTP header (fixed part, CSRC list, header extension) when it fits in
     * {@code limit} bytes from {@code off}, else -1. The caller ensured {@code limit >= 12}.
     */
    static int rtpHeaderLength(byte[] buf, int off, int limit) {
        int length = RTP_FIXED_HEADER + 4 * (buf[off] & 0x0F);
        if (length > limit) {
            return -1;
        }
        if ((buf[off] & 0x10) != 0) {
            if (length + 4 > limit) {
                return -1;
            }
            int words = ((buf[off + length + 2] & 0xFF) << 8) | (buf[off + length + 3] & 0xFF);
            length += 4 + 4 * words;
            if (length > limit) {
                return -1;
            }
        }
        return length;
    }

    static int readInt(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16)
                | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }
}
