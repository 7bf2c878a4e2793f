package org.bangban.relay.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/** Decoded STUN attributes (the subset an ICE-lite agent needs); everything else is {@link Raw}. */
public sealed interface StunAttribute
        permits StunAttribute.Username, StunAttribute.MessageIntegrity, StunAttribute.Fingerprint,
                StunAttribute.XorMappedAddress, StunAttribute.Priority, StunAttribute.UseCandidate,
                StunAttribute.IceControlling, StunAttribute.IceControlled, StunAttribute.ErrorCode,
                StunAttribute.Raw {

    int USERNAME = 0x0006;
    int MESSAGE_INTEGRITY = 0x0008;
    int ERROR_CODE = 0x0009;
    int XOR_MAPPED_ADDRESS = 0x0020;
    int PRIORITY = 0x0024;
    int USE_CANDIDATE = 0x0025;
    int SOFTWARE = 0x8022;
    int FINGERPRINT = 0x8028;
    int ICE_CONTROLLED = 0x8029;
    int ICE_CONTROLLING = 0x802A;

    /** Attribute type code on the wire. */
    int type();

    /** USERNAME (RFC 8489 14.3), UTF-8, at most 513 bytes on the wire. */
    record Username(String value) implements StunAttribute {
        public Username {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return USERNAME;
        }
    }

    /**
     * MESSAGE-INTEGRITY (RFC 8489 14.5). {@code attributeOffset} is the offset of the attribute
     * header relative to the start of the STUN message.
     */
    record MessageIntegrity(byte[] hmac, int attributeOffset) implements StunAttribute {
        public MessageIntegrity {
            hmac = hmac.clone();
        }

        @Override
        public byte[] hmac() {
            return hmac.clone();
        }

        @Override
        public int type() {
            return MESSAGE_INTEGRITY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegrity m && m.attributeOffset == attributeOffset
                    && Arrays.equals(m.hmac, hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac) * 31 + attributeOffset;
        }

        @Override
        public String toString() {
            return "MessageIntegrity[offset=" + attributeOffset + "]";
        }
    }

    /** FINGERPRINT (RFC 8489 14.7); {@code attributeOffset} relative to the message start. */
    record Fingerprint(int crc, int attributeOffset) implements StunAttribute {
        @Override
        public int type() {
            return FINGERPRINT;
        }
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 14.2), already un-XORed. */
    record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
        public XorMappedAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return XOR_MAPPED_ADDRESS;
        }
    }

    /** PRIORITY (RFC 8445 16.1), unsigned 32-bit. */
    record Priority(long value) implements StunAttribute {
        @Override
        public int type() {
            return PRIORITY;
        }
    }

    /** USE-CANDIDATE (RFC 8445 16.1), empty value. */
    record UseCandidate() implements StunAttribute {
        @Override
        public int type() {
            return USE_CANDIDATE;
        }
    }

    /** ICE-CONTROLLING with its 64-bit tie-breaker. */
    record IceControlling(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return ICE_CONTROLLING;
        }
    }

    /** ICE-CONTROLLED with its 64-bit tie-breaker. */
    record IceControlled(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return ICE_CONTROLLED;
        }
    }

    /** ERROR-CODE (RFC 8489 14.8): code 300..699 and a UTF-8 reason phrase. */
    record ErrorCode(int code, String reason) implements StunAttribute {
        public ErrorCode {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("error code out of range: " + code);
            }
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return ERROR_CODE;
        }
    }

    /** Any other attribute, kept verbatim (value without padding). */
    record Raw(int type, byte[] value) implements StunAttribute {
        public Raw {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** True for comprehension-required attributes (type 0x0000-0x7FFF). */
        public boolean comprehensionRequired() {
            return type < 0x8000;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && r.type == type && Arrays.equals(r.value, value);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Raw[type=0x" + Integer.toHexString(type) + ", length=" + value.length + "]";
        }
    }
}
