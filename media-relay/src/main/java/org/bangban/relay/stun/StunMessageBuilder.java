package org.bangban.relay.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes STUN messages. Attributes are appended in call order; {@link #build(byte[], boolean)}
 * appends MESSAGE-INTEGRITY and/or FINGERPRINT last, as RFC 8489 requires.
 */
public final class StunMessageBuilder {

    private final int messageType;
    private final byte[] transactionId;
    private byte[] body = new byte[64];
    private int bodyLen;

    public StunMessageBuilder(int method, int messageClass, byte[] transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes");
        }
        if ((method & ~0xFFF) != 0 || (messageClass & ~3) != 0) {
            throw new IllegalArgumentException("bad method/class");
        }
        this.messageType = StunMessage.messageType(method, messageClass);
        this.transactionId = transactionId.clone();
    }

    /**
     * Binding success response to {@code request}: XOR-MAPPED-ADDRESS of {@code sender},
     * MESSAGE-INTEGRITY keyed with our ICE password, and FINGERPRINT.
     */
    public static byte[] bindingSuccess(byte[] transactionId, InetSocketAddress sender, byte[] localIcePwd) {
        return new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_SUCCESS_RESPONSE, transactionId)
                .xorMappedAddress(sender)
                .build(localIcePwd, true);
    }

    /**
     * Binding error response (e.g. 400 Bad Request, 401 Unauthenticated, 487 Role Conflict).
     * {@code integrityKey} may be null: RFC 8489 10.1.2 says 400/401 responses to requests that
     * failed authentication carry no MESSAGE-INTEGRITY; 487 (RFC 8445 7.3.1.1) should be signed.
     */
    public static byte[] bindingError(byte[] transactionId, int code, String reason, byte[] integrityKey) {
        return new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_ERROR_RESPONSE, transactionId)
                .errorCode(code, reason)
                .build(integrityKey, true);
    }

    public StunMessageBuilder username(String username) {
        byte[] v = username.getBytes(StandardCharsets.UTF_8);
        if (v.length > StunMessage.MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException("USERNAME too long");
        }
        return raw(StunAttribute.USERNAME, v);
    }

    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        return xorAddress(StunAttribute.XOR_MAPPED_ADDRESS, address);
    }

    /**
     * An address attribute in the XOR-MAPPED-ADDRESS encoding (RFC 8489 14.2) under another type code, such as
     * TURN's XOR-PEER-ADDRESS (0x0012) or XOR-RELAYED-ADDRESS (0x0016) (RFC 8656 18.3, 18.5).
     */
    public StunMessageBuilder xorAddress(int type, InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.getAddress() == null) {
            throw new IllegalArgumentException("unresolved address");
        }
        byte[] ip = address.getAddress().getAddress();
        int family;
        if (address.getAddress() instanceof Inet4Address) {
            family = 0x01;
        } else if (address.getAddress() instanceof Inet6Address) {
            family = 0x02;
        } else {
            throw new IllegalArgumentException("unsupported address family");
        }
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) family;
        int port = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        v[2] = (byte) (port >>> 8);
        v[3] = (byte) port;
        byte[] mask = StunMessage.xorMask(transactionId);
        for (int i = 0; i < ip.length; i++) {
            v[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return raw(type, v);
    }

    public StunMessageBuilder priority(long priority) {
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("priority out of range");
        }
        byte[] v = new byte[4];
        putInt(v, 0, (int) priority);
        return raw(StunAttribute.PRIORITY, v);
    }

    public StunMessageBuilder useCandidate() {
        return raw(StunAttribute.USE_CANDIDATE, new byte[0]);
    }

    public StunMessageBuilder iceControlling(long tieBreaker) {
        return raw(StunAttribute.ICE_CONTROLLING, long8(tieBreaker));
    }

    public StunMessageBuilder iceControlled(long tieBreaker) {
        return raw(StunAttribute.ICE_CONTROLLED, long8(tieBreaker));
    }

    public StunMessageBuilder errorCode(int code, String reason) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code out of range: " + code);
        }
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (r.length > StunMessage.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason too long");
        }
        byte[] v = new byte[4 + r.length];
        v[2] = (byte) (code / 100);
        v[3] = (byte) (code % 100);
        System.arraycopy(r, 0, v, 4, r.length);
        return raw(StunAttribute.ERROR_CODE, v);
    }

    /** Appends an arbitrary attribute; do not use for MESSAGE-INTEGRITY/FINGERPRINT. */
    public StunMessageBuilder raw(int type, byte[] value) {
        if ((type & ~0xFFFF) != 0 || value.length > 0xFFFF) {
            throw new IllegalArgumentException("bad attribute");
        }
        if (type == StunAttribute.MESSAGE_INTEGRITY || type == StunAttribute.FINGERPRINT) {
            throw new IllegalArgumentException("added by build()");
        }
        appendAttribute(type, value);
        return this;
    }

    private void appendAttribute(int type, byte[] value) {
        int padded = (value.length + 3) & ~3;
        ensure(4 + padded);
        putShort(body, bodyLen, type);
        putShort(body, bodyLen + 2, value.length);
        System.arraycopy(value, 0, body, bodyLen + 4, value.length);
        Arrays.fill(body, bodyLen + 4 + value.length, bodyLen + 4 + padded, (byte) 0);
        bodyLen += 4 + padded;
        if (bodyLen > 0xFFFF) {
            throw new IllegalStateException("message too large");
        }
    }

    /**
     * Serialises the message. If {@code integrityKey} is non-null a MESSAGE-INTEGRITY attribute is
     * appended; if {@code fingerprint} a FINGERPRINT attribute is appended after it.
     */
    public byte[] build(byte[] integrityKey, boolean fingerprint) {
        int total = StunMessage.HEADER_LENGTH + bodyLen
                + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
        if (total - StunMessage.HEADER_LENGTH > 0xFFFF) {
            throw new IllegalStateException("message too large");
        }
        byte[] out = new byte[total];
        putShort(out, 0, messageType);
        putInt(out, 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, StunMessage.TRANSACTION_ID_LENGTH);
        System.arraycopy(body, 0, out, StunMessage.HEADER_LENGTH, bodyLen);
        int pos = StunMessage.HEADER_LENGTH + bodyLen;
        if (integrityKey != null) {
            int lengthWithMi = pos + 24 - StunMessage.HEADER_LENGTH;
            byte[] mac = StunCrypto.messageIntegrity(integrityKey, out, 0, pos, lengthWithMi);
            putShort(out, pos, StunAttribute.MESSAGE_INTEGRITY);
            putShort(out, pos + 2, StunCrypto.HMAC_SHA1_LENGTH);
            System.arraycopy(mac, 0, out, pos + 4, mac.length);
            pos += 24;
        }
        putShort(out, 2, total - StunMessage.HEADER_LENGTH);
        if (fingerprint) {
            int crc = StunCrypto.fingerprint(out, 0, pos);
            putShort(out, pos, StunAttribute.FINGERPRINT);
            putShort(out, pos + 2, 4);
            putInt(out, pos + 4, crc);
        }
        return out;
    }

    private void ensure(int extra) {
        if (bodyLen + extra > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLen + extra));
        }
    }

    private static byte[] long8(long v) {
        byte[] b = new byte[8];
        putInt(b, 0, (int) (v >>> 32));
        putInt(b, 4, (int) v);
        return b;
    }

    private static void putShort(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
