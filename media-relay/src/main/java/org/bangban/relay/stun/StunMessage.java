package org.bangban.relay.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A parsed STUN message (RFC 8489 subset needed by ICE-lite, RFC 8445 / RFC 7675).
 *
 * <p>Parsing is zero-copy with respect to the message bytes: the instance keeps a reference to the
 * caller's array so that MESSAGE-INTEGRITY and FINGERPRINT can be verified in place. Call
 * {@link #verifyMessageIntegrity} / {@link #verifyFingerprint} before the buffer is reused.
 * Decoded attributes are small immutable values and stay valid after the buffer is recycled.
 */
public final class StunMessage {

    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_LENGTH = 12;

    /** STUN method BINDING. */
    public static final int METHOD_BINDING = 0x001;

    public static final int CLASS_REQUEST = 0b00;
    public static final int CLASS_INDICATION = 0b01;
    public static final int CLASS_SUCCESS_RESPONSE = 0b10;
    public static final int CLASS_ERROR_RESPONSE = 0b11;

    static final int MAX_USERNAME_BYTES = 513;
    static final int MAX_REASON_BYTES = 763;

    private final byte[] buf;
    private final int off;
    private final int length;
    private final int messageType;
    private final byte[] transactionId;
    private final List<StunAttribute> attributes;
    private final int integrityOffset; // relative to message start, -1 if absent
    private final int fingerprintOffset; // relative to message start, -1 if absent

    private StunMessage(byte[] buf, int off, int length, int messageType, byte[] transactionId,
                        List<StunAttribute> attributes, int integrityOffset, int fingerprintOffset) {
        this.buf = buf;
        this.off = off;
        this.length = length;
        this.messageType = messageType;
        this.transactionId = transactionId;
        this.attributes = attributes;
        this.integrityOffset = integrityOffset;
        this.fingerprintOffset = fingerprintOffset;
    }

    /**
     * RFC 7983 demultiplexing: a datagram whose first byte is 0..3 is STUN (20..63 DTLS,
     * 128..191 RTP/RTCP).
     */
    public static boolean isStun(byte first) {
        return (first & 0xFF) <= 3;
    }

    public static StunParseResult parse(byte[] data) {
        if (data == null) {
            return new StunParseResult.Invalid(StunParseResult.Reason.NULL_BUFFER);
        }
        return parse(data, 0, data.length);
    }

    /**
     * Parses the bytes between {@code buffer.position()} and {@code buffer.limit()} without changing
     * the buffer's position. Heap buffers are parsed in place; direct buffers are copied once.
     */
    public static StunParseResult parse(ByteBuffer buffer) {
        if (buffer == null) {
            return new StunParseResult.Invalid(StunParseResult.Reason.NULL_BUFFER);
        }
        int len = buffer.remaining();
        if (buffer.hasArray()) {
            return parse(buffer.array(), buffer.arrayOffset() + buffer.position(), len);
        }
        byte[] copy = new byte[len];
        buffer.duplicate().get(copy);
        return parse(copy, 0, len);
    }

    /**
     * Parses exactly {@code len} bytes at {@code off} as one STUN message (a whole UDP datagram:
     * bytes beyond the header's length are rejected as {@code TRAILING_BYTES}). Never throws for
     * malformed data. Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are skipped as
     * RFC 8489 14.5 requires; anything after FINGERPRINT is rejected.
     */
    public static StunParseResult parse(byte[] data, int off, int len) {
        if (data == null) {
            return new StunParseResult.Invalid(StunParseResult.Reason.NULL_BUFFER);
        }
        if (off < 0 || len < 0 || off > data.length - len) {
            return new StunParseResult.Invalid(StunParseResult.Reason.BAD_BOUNDS);
        }
        if (len < HEADER_LENGTH) {
            return new StunParseResult.Invalid(StunParseResult.Reason.TOO_SHORT);
        }
        int type = u16(data, off);
        if ((type & 0xC000) != 0) {
            return new StunParseResult.Invalid(StunParseResult.Reason.NOT_STUN_TYPE_BITS);
        }
        int bodyLen = u16(data, off + 2);
        if (s32(data, off + 4) != MAGIC_COOKIE) {
            return new StunParseResult.Invalid(StunParseResult.Reason.BAD_MAGIC_COOKIE);
        }
        if ((bodyLen & 3) != 0) {
            return new StunParseResult.Invalid(StunParseResult.Reason.LENGTH_NOT_MULTIPLE_OF_4);
        }
        if (HEADER_LENGTH + bodyLen > len) {
            return new StunParseResult.Invalid(StunParseResult.Reason.LENGTH_BEYOND_BUFFER);
        }
        if (HEADER_LENGTH + bodyLen != len) {
            return new StunParseResult.Invalid(StunParseResult.Reason.TRAILING_BYTES);
        }
        byte[] txId = new byte[TRANSACTION_ID_LENGTH];
        System.arraycopy(data, off + 8, txId, 0, TRANSACTION_ID_LENGTH);

        List<StunAttribute> attrs = new ArrayList<>();
        int integrityAt = -1;
        int fingerprintAt = -1;
        int pos = HEADER_LENGTH; // relative to off
        int end = HEADER_LENGTH + bodyLen;
        while (pos < end) {
            if (fingerprintAt >= 0) {
                return new StunParseResult.Invalid(StunParseResult.Reason.ATTRIBUTE_AFTER_FINGERPRINT);
            }
            if (end - pos < 4) {
                return new StunParseResult.Invalid(StunParseResult.Reason.TRUNCATED_ATTRIBUTE_HEADER);
            }
            int attrType = u16(data, off + pos);
            int attrLen = u16(data, off + pos + 2);
            int valueAt = pos + 4;
            int padded = (attrLen + 3) & ~3;
            if (padded > end - valueAt) {
                return new StunParseResult.Invalid(StunParseResult.Reason.ATTRIBUTE_OVERRUN);
            }
            if (integrityAt >= 0 && attrType != StunAttribute.FINGERPRINT) {
                // RFC 8489 14.5: attributes after MESSAGE-INTEGRITY (other than FINGERPRINT) are ignored.
                pos = valueAt + padded;
                continue;
            }
            StunAttribute attr;
            switch (attrType) {
                case StunAttribute.USERNAME -> {
                    if (attrLen > MAX_USERNAME_BYTES) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_USERNAME);
                    }
                    attr = new StunAttribute.Username(
                            new String(data, off + valueAt, attrLen, StandardCharsets.UTF_8));
                }
                case StunAttribute.MESSAGE_INTEGRITY -> {
                    if (attrLen != StunCrypto.HMAC_SHA1_LENGTH) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_MESSAGE_INTEGRITY);
                    }
                    byte[] hmac = new byte[StunCrypto.HMAC_SHA1_LENGTH];
                    System.arraycopy(data, off + valueAt, hmac, 0, hmac.length);
                    integrityAt = pos;
                    attr = new StunAttribute.MessageIntegrity(hmac, pos);
                }
                case StunAttribute.FINGERPRINT -> {
                    if (attrLen != 4) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_FINGERPRINT);
                    }
                    fingerprintAt = pos;
                    attr = new StunAttribute.Fingerprint(s32(data, off + valueAt), pos);
                }
                case StunAttribute.XOR_MAPPED_ADDRESS -> {
                    InetSocketAddress addr = decodeXorAddress(data, off + valueAt, attrLen, txId);
                    if (addr == null) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_XOR_MAPPED_ADDRESS);
                    }
                    attr = new StunAttribute.XorMappedAddress(addr);
                }
                case StunAttribute.PRIORITY -> {
                    if (attrLen != 4) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_PRIORITY);
                    }
                    attr = new StunAttribute.Priority(s32(data, off + valueAt) & 0xFFFF_FFFFL);
                }
                case StunAttribute.USE_CANDIDATE -> {
                    if (attrLen != 0) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_USE_CANDIDATE);
                    }
                    attr = new StunAttribute.UseCandidate();
                }
                case StunAttribute.ICE_CONTROLLING -> {
                    if (attrLen != 8) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_ICE_CONTROLLING);
                    }
                    attr = new StunAttribute.IceControlling(s64(data, off + valueAt));
                }
                case StunAttribute.ICE_CONTROLLED -> {
                    if (attrLen != 8) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_ICE_CONTROLLED);
                    }
                    attr = new StunAttribute.IceControlled(s64(data, off + valueAt));
                }
                case StunAttribute.ERROR_CODE -> {
                    if (attrLen < 4 || attrLen > 4 + MAX_REASON_BYTES) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_ERROR_CODE);
                    }
                    int cls = data[off + valueAt + 2] & 0x07;
                    int number = data[off + valueAt + 3] & 0xFF;
                    if (cls < 3 || cls > 6 || number > 99) {
                        return new StunParseResult.Invalid(StunParseResult.Reason.BAD_ERROR_CODE);
                    }
                    attr = new StunAttribute.ErrorCode(cls * 100 + number,
                            new String(data, off + valueAt + 4, attrLen - 4, StandardCharsets.UTF_8));
                }
                default -> {
                    byte[] value = new byte[attrLen];
                    System.arraycopy(data, off + valueAt, value, 0, attrLen);
                    attr = new StunAttribute.Raw(attrType, value);
                }
            }
            attrs.add(attr);
            pos = valueAt + padded;
        }
        return new StunParseResult.Parsed(new StunMessage(data, off, len, type, txId,
                Collections.unmodifiableList(attrs), integrityAt, fingerprintAt));
    }

    private static InetSocketAddress decodeXorAddress(byte[] d, int at, int len, byte[] txId) {
        if (len < 4) {
            return null;
        }
        // d[at] is reserved: "MUST be set to 0 and ignored on receipt" (RFC 8489 14.1).
        int family = d[at + 1] & 0xFF;
        int port = u16(d, at + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] ip;
        if (family == 0x01 && len == 8) {
            ip = new byte[4];
        } else if (family == 0x02 && len == 20) {
            ip = new byte[16];
        } else {
            return null;
        }
        byte[] mask = xorMask(txId);
        for (int i = 0; i < ip.length; i++) {
            ip[i] = (byte) (d[at + 4 + i] ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null; // unreachable: length is 4 or 16
        }
    }

    /** Magic cookie followed by the transaction id: the XOR key for addresses. */
    static byte[] xorMask(byte[] txId) {
        byte[] mask = new byte[16];
        mask[0] = (byte) (MAGIC_COOKIE >>> 24);
        mask[1] = (byte) (MAGIC_COOKIE >>> 16);
        mask[2] = (byte) (MAGIC_COOKIE >>> 8);
        mask[3] = (byte) MAGIC_COOKIE;
        System.arraycopy(txId, 0, mask, 4, TRANSACTION_ID_LENGTH);
        return mask;
    }

    /** Encodes class and method into the 14-bit message type (RFC 8489 5). */
    public static int messageType(int method, int messageClass) {
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((messageClass & 1) << 4) | ((messageClass & 2) << 7);
    }

    /** Raw 16-bit message type. */
    public int messageType() {
        return messageType;
    }

    /** Method (12 bits), e.g. {@link #METHOD_BINDING}. */
    public int method() {
        return (messageType & 0x000F) | ((messageType & 0x00E0) >> 1) | ((messageType & 0x3E00) >> 2);
    }

    /** Class: one of the {@code CLASS_*} constants. */
    public int messageClass() {
        return ((messageType >> 4) & 1) | ((messageType >> 7) & 2);
    }

    public boolean isBindingRequest() {
        return method() == METHOD_BINDING && messageClass() == CLASS_REQUEST;
    }

    /** Copy of the 96-bit transaction id. */
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** Total message length in bytes including the 20-byte header. */
    public int length() {
        return length;
    }

    /** All attributes in wire order (excluding ignored ones after MESSAGE-INTEGRITY). */
    public List<StunAttribute> attributes() {
        return attributes;
    }

    /** First attribute of the given record type. */
    public <T extends StunAttribute> Optional<T> attribute(Class<T> kind) {
        for (StunAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    /**
     * The value of the first attribute of this type that the codec keeps verbatim ({@link StunAttribute.Raw}), such
     * as TURN's REALM, NONCE or LIFETIME; empty when absent or when the type is one it decodes.
     */
    public Optional<byte[]> rawValue(int type) {
        for (StunAttribute a : attributes) {
            if (a instanceof StunAttribute.Raw r && r.type() == type) {
                return Optional.of(r.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The address of the first attribute of this type in the XOR-MAPPED-ADDRESS encoding (RFC 8489 14.2): the
     * mapped address itself, or one the codec keeps verbatim such as TURN's XOR-RELAYED-ADDRESS (0x0016) or
     * XOR-PEER-ADDRESS (0x0012). Empty when absent or malformed.
     */
    public Optional<InetSocketAddress> xorAddress(int type) {
        if (type == StunAttribute.XOR_MAPPED_ADDRESS) {
            return attribute(StunAttribute.XorMappedAddress.class).map(StunAttribute.XorMappedAddress::address);
        }
        return rawValue(type).map(v -> decodeXorAddress(v, 0, v.length, transactionId));
    }

    public Optional<String> username() {
        return attribute(StunAttribute.Username.class).map(StunAttribute.Username::value);
    }

    public boolean hasMessageIntegrity() {
        return integrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /** Comprehension-required attributes this codec does not understand (for 420 responses). */
    public List<Integer> unknownComprehensionRequired() {
        List<Integer> out = new ArrayList<>();
        for (StunAttribute a : attributes) {
            if (a instanceof StunAttribute.Raw r && r.comprehensionRequired()) {
                out.add(r.type());
            }
        }
        return out;
    }

    /**
     * Verifies MESSAGE-INTEGRITY with a short-term credential key (the ICE password bytes),
     * comparing in constant time. Returns false if the attribute is absent.
     */
    public boolean verifyMessageIntegrity(byte[] key) {
        if (integrityOffset < 0 || key == null || key.length == 0) {
            return false;
        }
        // Length as if MESSAGE-INTEGRITY were the last attribute (RFC 8489 14.5).
        int adjusted = integrityOffset + 4 + StunCrypto.HMAC_SHA1_LENGTH - HEADER_LENGTH;
        byte[] expected = StunCrypto.messageIntegrity(key, buf, off, integrityOffset, adjusted);
        byte[] actual = new byte[StunCrypto.HMAC_SHA1_LENGTH];
        System.arraycopy(buf, off + integrityOffset + 4, actual, 0, actual.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Verifies FINGERPRINT (constant time). Returns false if the attribute is absent. */
    public boolean verifyFingerprint() {
        if (fingerprintOffset < 0) {
            return false;
        }
        int expected = StunCrypto.fingerprint(buf, off, fingerprintOffset);
        int actual = s32(buf, off + fingerprintOffset + 4);
        return expected == actual; // single int compare: no data-dependent early exit
    }

    static int u16(byte[] d, int i) {
        return ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
    }

    static int s32(byte[] d, int i) {
        return ((d[i] & 0xFF) << 24) | ((d[i + 1] & 0xFF) << 16) | ((d[i + 2] & 0xFF) << 8) | (d[i + 3] & 0xFF);
    }

    static long s64(byte[] d, int i) {
        return ((long) s32(d, i) << 32) | (s32(d, i + 4) & 0xFFFF_FFFFL);
    }

    @Override
    public String toString() {
        return "StunMessage[method=0x" + Integer.toHexString(method()) + ", class=" + messageClass()
                + ", length=" + length + ", attributes=" + attributes + "]";
    }
}
