package org.bangban.relay.dtls;

/**
 * Structural checks on a received datagram before it is handed to the DTLS engine: RFC 7983
 * demultiplexing, and that the datagram is a whole number of DTLS 1.0/1.2 records (RFC 6347
 * section 4.1: content type, version 254.x, epoch, sequence number, length). Works in place,
 * allocates nothing, never throws.
 */
public final class DtlsRecords {

    /** Bytes of a DTLS 1.2 record header. */
    public static final int RECORD_HEADER_LENGTH = 13;

    static final int CONTENT_CHANGE_CIPHER_SPEC = 20;
    static final int CONTENT_HANDSHAKE = 22;
    /** heartbeat (24) is the highest content type the relay lets through. */
    static final int CONTENT_MAX = 24;
    static final int HANDSHAKE_CLIENT_HELLO = 1;
    /** 2^14 plaintext plus the largest expansion RFC 6347 allows. */
    static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;

    /** Outcome of {@link #check}; everything but {@link #VALID} is a bounded metrics tag. */
    public enum Verdict {
        VALID,
        NULL_BUFFER,
        BAD_BOUNDS,
        /** Shorter than one record header, or bytes after the last record too few for a header. */
        TOO_SHORT,
        /** Longer than the configured maximum datagram size. */
        TOO_LONG,
        /** A content type other than change_cipher_spec, alert, handshake, application_data, heartbeat. */
        BAD_CONTENT_TYPE,
        /** Record version major byte is not 254 (DTLS). */
        BAD_VERSION,
        /** A record length running past the end of the datagram, or above the protocol limit. */
        BAD_RECORD_LENGTH
    }

    private DtlsRecords() {}

    /** RFC 7983: a datagram whose first byte is 20..63 is DTLS. */
    public static boolean isDtls(byte first) {
        int b = first & 0xFF;
        return b >= 20 && b <= 63;
    }

    /** Checks that {@code buf[off .. off+len)} is one or more complete DTLS records. */
    public static Verdict check(byte[] buf, int off, int len, int maxLength) {
        if (buf == null) {
            return Verdict.NULL_BUFFER;
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            return Verdict.BAD_BOUNDS;
        }
        if (len > maxLength) {
            return Verdict.TOO_LONG;
        }
        int p = off;
        int end = off + len;
        do {
            if (end - p < RECORD_HEADER_LENGTH) {
                return Verdict.TOO_SHORT;
            }
            int type = buf[p] & 0xFF;
            if (type < CONTENT_CHANGE_CIPHER_SPEC || type > CONTENT_MAX) {
                return Verdict.BAD_CONTENT_TYPE;
            }
            if ((buf[p + 1] & 0xFF) != 0xFE) {
                return Verdict.BAD_VERSION;
            }
            int length = (buf[p + 11] & 0xFF) << 8 | (buf[p + 12] & 0xFF);
            if (length > MAX_RECORD_LENGTH || length > end - p - RECORD_HEADER_LENGTH) {
                return Verdict.BAD_RECORD_LENGTH;
            }
            p += RECORD_HEADER_LENGTH + length;
        } while (p < end);
        return Verdict.VALID;
    }

    /**
     * Whether the first record of a {@link Verdict#VALID} datagram is an epoch-0 handshake record
     * carrying (the start of a fragment of) a ClientHello: the only thing that may open an association.
     */
    public static boolean startsWithClientHello(byte[] buf, int off, int len) {
        return len > RECORD_HEADER_LENGTH
                && (buf[off] & 0xFF) == CONTENT_HANDSHAKE
                && buf[off + 3] == 0 && buf[off + 4] == 0
                && (buf[off + 11] != 0 || buf[off + 12] != 0)
                && (buf[off + RECORD_HEADER_LENGTH] & 0xFF) == HANDSHAKE_CLIENT_HELLO;
    }
}
