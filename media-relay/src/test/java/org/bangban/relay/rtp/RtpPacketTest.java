package org.bangban.relay.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** RFC 3550 5.1: V=2 P=0 X=0 CC=0 M=1 PT=96, seq 0x1234, ts 0xDEADBEEF, SSRC 0x11223344. */
    static final byte[] SIMPLE = hex("80 e0 1234 deadbeef 11223344 010203");

    @Test
    void readsFixedHeaderFields() {
        assertThat(RtpPacket.validate(SIMPLE, 0, SIMPLE.length)).isEqualTo(RtpValidity.VALID);
        assertThat(RtpPacket.version(SIMPLE, 0)).isEqualTo(2);
        assertThat(RtpPacket.hasPadding(SIMPLE, 0)).isFalse();
        assertThat(RtpPacket.hasExtension(SIMPLE, 0)).isFalse();
        assertThat(RtpPacket.csrcCount(SIMPLE, 0)).isZero();
        assertThat(RtpPacket.marker(SIMPLE, 0)).isTrue();
        assertThat(RtpPacket.payloadType(SIMPLE, 0)).isEqualTo(96);
        assertThat(RtpPacket.sequenceNumber(SIMPLE, 0)).isEqualTo(0x1234);
        assertThat(RtpPacket.timestamp(SIMPLE, 0)).isEqualTo(0xDEADBEEF);
        assertThat(RtpPacket.ssrc(SIMPLE, 0)).isEqualTo(0x11223344);
        assertThat(RtpPacket.headerLength(SIMPLE, 0)).isEqualTo(12);
        assertThat(RtpPacket.payloadOffset(SIMPLE, 0)).isEqualTo(12);
        assertThat(RtpPacket.payloadLength(SIMPLE, 0, SIMPLE.length)).isEqualTo(3);
        assertThat(RtpPacket.extensionProfile(SIMPLE, 0)).isEqualTo(-1);
    }

    @Test
    void csrcsExtensionAndPaddingAtAnOffset() {
        // 2 junk bytes, then: P=1 X=1 CC=2, M=0 PT=111; 2 CSRCs; extension 0xBEDE with 1 word;
        // payload aa bb; 3 padding bytes (00 00 03)
        byte[] b = hex("ffff" + "b2 6f 0001 00000010 cafebabe" + "00000001 00000002" + "bede0001 10ff0000"
                + "aabb" + "000003" + "ee");
        int len = b.length - 3;
        assertThat(RtpPacket.validate(b, 2, len)).isEqualTo(RtpValidity.VALID);
        assertThat(RtpPacket.csrcCount(b, 2)).isEqualTo(2);
        assertThat(RtpPacket.csrc(b, 2, 1)).isEqualTo(2);
        assertThat(RtpPacket.marker(b, 2)).isFalse();
        assertThat(RtpPacket.payloadType(b, 2)).isEqualTo(111);
        assertThat(RtpPacket.extensionProfile(b, 2)).isEqualTo(0xBEDE);
        assertThat(RtpPacket.headerLength(b, 2)).isEqualTo(12 + 8 + 8);
        assertThat(RtpPacket.paddingLength(b, 2, len)).isEqualTo(3);
        assertThat(RtpPacket.payloadOffset(b, 2)).isEqualTo(2 + 28);
        assertThat(RtpPacket.payloadLength(b, 2, len)).isEqualTo(2);
        assertThat(b[RtpPacket.payloadOffset(b, 2)]).isEqualTo((byte) 0xaa);
    }

    @Test
    void rejectsMalformedPacketsWithAReason() {
        assertThat(RtpPacket.validate(null, 0, 0)).isEqualTo(RtpValidity.NULL_BUFFER);
        assertThat(RtpPacket.validate(SIMPLE, 5, SIMPLE.length)).isEqualTo(RtpValidity.BAD_BOUNDS);
        assertThat(RtpPacket.validate(SIMPLE, -1, 3)).isEqualTo(RtpValidity.BAD_BOUNDS);
        assertThat(RtpPacket.validate(SIMPLE, 0, 11)).isEqualTo(RtpValidity.TOO_SHORT);
        assertThat(RtpPacket.validate(hex("40e0 1234 deadbeef 11223344"), 0, 12)).isEqualTo(RtpValidity.BAD_VERSION);
        assertThat(RtpPacket.validate(hex("80c8 0006 deadbeef 11223344"), 0, 12))
                .isEqualTo(RtpValidity.RTCP_PACKET_TYPE);
        assertThat(RtpPacket.validate(hex("8160 1234 deadbeef 11223344"), 0, 12)).isEqualTo(RtpValidity.CSRC_OVERRUN);
        assertThat(RtpPacket.validate(hex("9060 1234 deadbeef 11223344 bede"), 0, 14))
                .isEqualTo(RtpValidity.EXTENSION_OVERRUN);
        assertThat(RtpPacket.validate(hex("9060 1234 deadbeef 11223344 bede0002 10ff0000"), 0, 20))
                .isEqualTo(RtpValidity.EXTENSION_OVERRUN);
        assertThat(RtpPacket.validate(hex("a060 1234 deadbeef 11223344 aabb00"), 0, 15))
                .isEqualTo(RtpValidity.BAD_PADDING);
        assertThat(RtpPacket.validate(hex("a060 1234 deadbeef 11223344 aabb04"), 0, 15))
                .isEqualTo(RtpValidity.BAD_PADDING);
        assertThat(RtpPacket.validate(hex("a060 1234 deadbeef 11223344 aabb03"), 0, 15)).isEqualTo(RtpValidity.VALID);
    }

    @Test
    void settersChangeOnlyTheirField() {
        byte[] b = SIMPLE.clone();
        RtpPacket.setPayloadType(b, 0, 100);
        assertThat(b[1]).isEqualTo((byte) (0x80 | 100));
        RtpPacket.setMarker(b, 0, false);
        assertThat(RtpPacket.marker(b, 0)).isFalse();
        assertThat(RtpPacket.payloadType(b, 0)).isEqualTo(100);
        RtpPacket.setSequenceNumber(b, 0, 0xFFFF);
        RtpPacket.setTimestamp(b, 0, 0x01020304);
        RtpPacket.setSsrc(b, 0, 0xA0B0C0D0);
        assertThat(b).isEqualTo(hex("80 64 ffff 01020304 a0b0c0d0 010203"));
    }

    @Test
    void sequenceNumberArithmeticWraps() {
        assertThat(SequenceNumbers.delta(0, 65535)).isEqualTo(1);
        assertThat(SequenceNumbers.delta(65535, 0)).isEqualTo(-1);
        assertThat(SequenceNumbers.isNewer(2, 65530)).isTrue();
        assertThat(SequenceNumbers.isNewer(65530, 2)).isFalse();
        assertThat(SequenceNumbers.add(65535, 2)).isEqualTo(1);
        assertThat(SequenceNumbers.extend(1, 65535)).isEqualTo(65537);
        assertThat(SequenceNumbers.extend(65535, 65537)).isEqualTo(65535);
    }
}
