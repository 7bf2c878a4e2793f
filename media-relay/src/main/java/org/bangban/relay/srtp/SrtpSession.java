package org.bangban.relay.srtp;

import java.util.logging.Level;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP protection for one endpoint's DTLS-SRTP association: protects what the relay
 * sends to the endpoint and unprotects what the endpoint sends to the relay, using jitsi-srtp.
 *
 * <h2>Keys</h2>
 * The relay is the DTLS server ({@link #forRelay}), so outbound packets are protected with the
 * server master key/salt and inbound packets are unprotected with the client key/salt
 * (RFC 5764 section 4.2). {@link Role#DTLS_CLIENT} swaps them: that is the browser's view, used by
 * tests and load generators.
 *
 * <h2>Packets</h2>
 * All four operations work in place on {@code buf[offset .. offset+length)} and return the new
 * length (zero or more) or a negative {@link SrtpDropReason#code()}; they never throw for bad
 * input. On a negative result the buffer content is unspecified and the packet must be dropped.
 * Protecting appends bytes, so the caller's array must have spare room after
 * {@code offset + length}: {@link #rtpOverhead()} bytes for RTP, {@link #rtcpOverhead()} for RTCP
 * ({@link #MAX_RTP_OVERHEAD} / {@link #MAX_RTCP_OVERHEAD} cover every profile); otherwise the
 * result is {@link SrtpDropReason#NO_ROOM}. Telling RTP from RTCP (RFC 5761) is the caller's job.
 *
 * <h2>SSRCs</h2>
 * Crypto contexts are created per SSRC on first sight, separately for SRTP and SRTCP and per
 * direction, up to {@code maxSsrcs} each ({@link #DEFAULT_MAX_SSRCS}); packets of further SSRCs
 * are dropped as {@link SrtpDropReason#UNKNOWN_SSRC_LIMIT}. An inbound context is kept only after
 * a packet authenticated under it, so forged SSRCs cannot fill the table. Outbound contexts
 * check replays too (a sequence number is never protected twice, which would reuse keystream).
 *
 * <h2>Threads</h2>
 * Each direction has its own lock, private to this session: nothing is shared across endpoints.
 * Unprotect is meant to be called by the endpoint's own I/O thread, so its lock is uncontended.
 * Protect may be called by the I/O threads of every endpoint forwarding media into this one;
 * they serialise on this endpoint's outbound lock for the duration of one packet's encryption
 * (a few microseconds). Counters may be read from any thread via {@link #stats()}.
 */
public final class SrtpSession implements AutoCloseable {

    /** Largest number of bytes protecting an RTP packet adds (the 16-byte GCM tag). */
    public static final int MAX_RTP_OVERHEAD = 16;
    /** Largest number of bytes protecting an RTCP packet adds (GCM tag plus the 4-byte SRTCP index). */
    public static final int MAX_RTCP_OVERHEAD = 20;
    /** Default bound on SSRC contexts per direction and per RTP/RTCP. */
    public static final int DEFAULT_MAX_SSRCS = 64;

    /**
     * jitsi-srtp's own logging is switched off: every outcome is counted by reason instead, and
     * its sender-side replay messages are logged at error level per packet.
     */
    private static final Logger JITSI_LOGGER = new LoggerImpl(SrtpSession.class.getName(), Level.OFF);

    /** Which side of the DTLS handshake this session's owner was. */
    public enum Role { DTLS_SERVER, DTLS_CLIENT }

    private final SrtpProfile profile;
    private final SrtpDirection outbound;
    private final SrtpDirection inbound;

    private SrtpSession(SrtpProfile profile, SrtpDirection outbound, SrtpDirection inbound) {
        this.profile = profile;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    /** The relay's session with one endpoint: the relay is the DTLS server. */
    public static SrtpSession forRelay(SrtpKeyingMaterial keys) {
        return create(keys, Role.DTLS_SERVER, DEFAULT_MAX_SSRCS);
    }

    /**
     * A session for the given local DTLS role, with at most {@code maxSsrcs} SRTP and
     * {@code maxSsrcs} SRTCP contexts per direction.
     */
    public static SrtpSession create(SrtpKeyingMaterial keys, Role localRole, int maxSsrcs) {
        if (maxSsrcs < 1) {
            throw new IllegalArgumentException("maxSsrcs must be at least 1: " + maxSsrcs);
        }
        boolean server = localRole == Role.DTLS_SERVER;
        SrtpProfile profile = keys.profile();
        SrtpDirection outbound = new SrtpDirection(true, profile,
                server ? keys.serverKey() : keys.clientKey(),
                server ? keys.serverSalt() : keys.clientSalt(), maxSsrcs, JITSI_LOGGER);
        SrtpDirection inbound = new SrtpDirection(false, profile,
                server ? keys.clientKey() : keys.serverKey(),
                server ? keys.clientSalt() : keys.serverSalt(), maxSsrcs, JITSI_LOGGER);
        return new SrtpSession(profile, outbound, inbound);
    }

    /**
     * Makes jitsi-srtp choose its AES implementations now instead of on the first packet: on first
     * use it benchmarks OpenSSL, SunJCE and BouncyCastle per cipher mode, which takes seconds and
     * holds a JVM-wide lock. Call once at relay startup; later calls are cheap.
     *
     * @return true if a throwaway packet of every profile round-tripped (the crypto works)
     */
    public static boolean warmUp() {
        boolean ok = true;
        for (SrtpProfile p : SrtpProfile.values()) {
            byte[] key = new byte[p.keyLength()];
            byte[] salt = new byte[p.saltLength()];
            SrtpKeyingMaterial km = new SrtpKeyingMaterial(p, key, salt, key, salt);
            try (SrtpSession client = create(km, Role.DTLS_CLIENT, 1);
                 SrtpSession server = create(km, Role.DTLS_SERVER, 1)) {
                byte[] buf = new byte[SrtpDirection.RTP_FIXED_HEADER + 32 + MAX_RTCP_OVERHEAD];
                buf[0] = (byte) 0x80;
                int rtp = client.protectRtp(buf, 0, SrtpDirection.RTP_FIXED_HEADER + 32);
                ok &= rtp > 0 && server.unprotectRtp(buf, 0, rtp) == SrtpDirection.RTP_FIXED_HEADER + 32;
                buf[0] = (byte) 0x80;
                buf[1] = (byte) 201;
                int rtcp = client.protectRtcp(buf, 0, 32);
                ok &= rtcp > 0 && server.unprotectRtcp(buf, 0, rtcp) == 32;
            }
        }
        return ok;
    }

    /** Bytes protecting one RTP packet adds under {@code profile}: its authentication tag. */
    public static int rtpOverhead(SrtpProfile profile) {
        return SrtpDirection.tagLength(profile);
    }

    /** Bytes protecting one RTCP packet adds under {@code profile}: SRTCP index plus tag. */
    public static int rtcpOverhead(SrtpProfile profile) {
        return SrtpDirection.SRTCP_INDEX_LENGTH + SrtpDirection.tagLength(profile);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Spare bytes {@link #protectRtp} needs after the packet: 10 (HMAC-SHA1-80) or 16 (GCM). */
    public int rtpOverhead() {
        return rtpOverhead(profile);
    }

    /** Spare bytes {@link #protectRtcp} needs after the packet: 14 (HMAC-SHA1-80) or 20 (GCM). */
    public int rtcpOverhead() {
        return rtcpOverhead(profile);
    }

    /**
     * Encrypts and authenticates an RTP packet in place. {@code buf} must have
     * {@link #rtpOverhead()} spare bytes after {@code offset + length}.
     *
     * @return the SRTP packet's length, or a negative {@link SrtpDropReason} code
     */
    public int protectRtp(byte[] buf, int offset, int length) {
        return outbound.protectRtp(buf, offset, length);
    }

    /**
     * Encrypts and authenticates an RTCP (compound) packet in place, appending the SRTCP index and
     * tag. {@code buf} must have {@link #rtcpOverhead()} spare bytes after {@code offset + length}.
     *
     * @return the SRTCP packet's length, or a negative {@link SrtpDropReason} code
     */
    public int protectRtcp(byte[] buf, int offset, int length) {
        return outbound.protectRtcp(buf, offset, length);
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTP packet in place.
     *
     * @return the plain RTP packet's length, or a negative {@link SrtpDropReason} code
     */
    public int unprotectRtp(byte[] buf, int offset, int length) {
        return inbound.unprotectRtp(buf, offset, length);
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTCP packet in place.
     *
     * @return the plain RTCP packet's length, or a negative {@link SrtpDropReason} code
     */
    public int unprotectRtcp(byte[] buf, int offset, int length) {
        return inbound.unprotectRtcp(buf, offset, length);
    }

    /** A snapshot of the counters; safe to call from any thread. */
    public SrtpStats stats() {
        SrtpCounters out = outbound.counters();
        SrtpCounters in = inbound.counters();
        return new SrtpStats(out.rtp(), out.rtcp(), in.rtp(), in.rtcp(), out.drops(), in.drops());
    }

    /** Wipes the master keys and forgets all contexts; later calls return {@link SrtpDropReason#CLOSED}. */
    @Override
    public void close() {
        outbound.close();
        inbound.close();
    }
}
