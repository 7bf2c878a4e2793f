package org.bangban.relay.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.rtp.RtpPacketTest.hex;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtpHeaderExtensionsTest {

    private static final String FIXED = "90 6f 0102 00000100 11223344";

    /** The one-byte example of RFC 8285 4.2: ID 1 L=0 (1 byte), ID 2 L=1 (2 bytes), 2 pads, ID 3 L=3 (4 bytes). */
    private static final byte[] ONE_BYTE = hex(FIXED + "bede0003" + "10aa 21bbcc 0000 33 01020304" + "c0ffee");

    /** The two-byte example of RFC 8285 4.3: ID 1 L=0, ID 2 L=1, 1 pad, ID 3 L=4. */
    private static final byte[] TWO_BYTE = hex(FIXED + "10000003" + "0100 0201aa 00 0304 01020304" + "c0ffee");

    private static int[] found(byte[] b, int id) {
        long f = RtpHeaderExtensions.find(b, 0, b.length, id);
        return f == RtpHeaderExtensions.NOT_FOUND ? null
                : new int[] {RtpHeaderExtensions.dataOffset(f), RtpHeaderExtensions.dataLength(f)};
    }

    @Test
    void findsOneByteElements() {
        assertThat(RtpPacket.validate(ONE_BYTE, 0, ONE_BYTE.length)).isEqualTo(RtpValidity.VALID);
        assertThat(found(ONE_BYTE, 1)).containsExactly(17, 1);
        assertThat(found(ONE_BYTE, 2)).containsExactly(19, 2);
        assertThat(found(ONE_BYTE, 3)).containsExactly(24, 4);
        assertThat(found(ONE_BYTE, 4)).isNull();
        assertThat(found(ONE_BYTE, 0)).isNull();
        assertThat(found(ONE_BYTE, 15)).isNull();
        assertThat(RtpPacket.payloadOffset(ONE_BYTE, 0)).isEqualTo(28);
    }

    @Test
    void findsTwoByteElementsIncludingEmptyOnes() {
        assertThat(RtpPacket.validate(TWO_BYTE, 0, TWO_BYTE.length)).isEqualTo(RtpValidity.VALID);
        assertThat(found(TWO_BYTE, 1)).containsExactly(18, 0);
        assertThat(found(TWO_BYTE, 2)).containsExactly(20, 1);
        assertThat(found(TWO_BYTE, 3)).containsExactly(24, 4);
        assertThat(found(TWO_BYTE, 200)).isNull();
        // appbits in the low 4 bits of the profile do not matter
        byte[] withAppBits = TWO_BYTE.clone();
        withAppBits[13] = 0x05;
        assertThat(found(withAppBits, 3)).containsExactly(24, 4);
    }

    @Test
    void reservedIdFifteenStopsOneByteParsing() {
        byte[] b = hex(FIXED + "bede0002" + "10aa f0 21bbcc 0000");
        assertThat(found(b, 1)).containsExactly(17, 1);
        assertThat(found(b, 2)).isNull();
    }

    @Test
    void malformedBlocksFindNothing() {
        // element claims 4 bytes but the block has 2 left
        assertThat(found(hex(FIXED + "bede0001" + "10aa 33ff"), 3)).isNull();
        // two-byte element header cut at the block end
        assertThat(found(hex(FIXED + "10000001" + "000000 05"), 5)).isNull();
        // unknown profile
        assertThat(found(hex(FIXED + "abcd0001" + "10aa0000"), 1)).isNull();
        // block longer than the packet, no X bit, garbage bounds
        assertThat(found(hex(FIXED + "bede0009" + "10aa0000"), 1)).isNull();
        assertThat(found(hex("80 6f 0102 00000100 11223344 10aa0000"), 1)).isNull();
        assertThat(RtpHeaderExtensions.find(ONE_BYTE, 10, ONE_BYTE.length, 1)).isEqualTo(RtpHeaderExtensions.NOT_FOUND);
        assertThat(RtpHeaderExtensions.find(null, 0, 0, 1)).isEqualTo(RtpHeaderExtensions.NOT_FOUND);
    }

    /** A packet laid out like Chrome's audio: audio level (1), abs-send-time (2), transport-cc (3), mid (4). */
    private static byte[] chromeLike() {
        return hex("ab" + "90 6f 0102 00000100 11223344" + "bede0003"
                + "10 d5" + "22 123456" + "31 0a0b" + "40 31" + "00"
                + "deadbeef");
    }

    @Test
    void readsAndRewritesWebRtcExtensionsInPlace() {
        byte[] b = chromeLike();
        int off = 1;
        int len = b.length - 1;
        assertThat(RtpPacket.validate(b, off, len)).isEqualTo(RtpValidity.VALID);
        int level = RtpHeaderExtensions.audioLevelByte(b, off, len, 1);
        assertThat(RtpHeaderExtensions.voiceActivity(level)).isTrue();
        assertThat(RtpHeaderExtensions.audioLevel(level)).isEqualTo(0x55);
        assertThat(RtpHeaderExtensions.absSendTime(b, off, len, 2)).isEqualTo(0x123456);
        assertThat(RtpHeaderExtensions.transportSequenceNumber(b, off, len, 3)).isEqualTo(0x0a0b);
        assertThat(RtpHeaderExtensions.mid(b, off, len, 4)).isEqualTo("1");
        assertThat(RtpHeaderExtensions.midEquals(b, off, len, 4, "1".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(RtpHeaderExtensions.midEquals(b, off, len, 4, "12".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(RtpHeaderExtensions.mid(b, off, len, 9)).isNull();

        assertThat(RtpHeaderExtensions.setAbsSendTime(b, off, len, 2, 0xABCDEF)).isTrue();
        assertThat(RtpHeaderExtensions.setTransportSequenceNumber(b, off, len, 3, 0xFFFE)).isTrue();
        assertThat(b).isEqualTo(hex("ab" + "90 6f 0102 00000100 11223344" + "bede0003"
                + "10 d5" + "22 abcdef" + "31 fffe" + "40 31" + "00" + "deadbeef"));
        // wrong width or absent id: nothing written
        assertThat(RtpHeaderExtensions.setTransportSequenceNumber(b, off, len, 2, 7)).isFalse();
        assertThat(RtpHeaderExtensions.setAbsSendTime(b, off, len, 7, 7)).isFalse();
        assertThat(RtpHeaderExtensions.transportSequenceNumber(b, off, len, 2)).isEqualTo(-1);
        assertThat(RtpHeaderExtensions.audioLevelByte(b, off, len, 7)).isEqualTo(-1);
    }

    @Test
    void extensionAfterCsrcsAndInTwoByteForm() {
        byte[] b = hex("91 6f 0102 00000100 11223344 99999999" + "10000002" + "03 02 0102" + "05 01 7f 00");
        assertThat(RtpPacket.validate(b, 0, b.length)).isEqualTo(RtpValidity.VALID);
        assertThat(RtpHeaderExtensions.transportSequenceNumber(b, 0, b.length, 3)).isEqualTo(0x0102);
        assertThat(RtpHeaderExtensions.audioLevelByte(b, 0, b.length, 5)).isEqualTo(0x7f);
        assertThat(RtpHeaderExtensions.writeUnsigned(b, 0, b.length, 3, 2, 0x0304)).isTrue();
        assertThat(RtpHeaderExtensions.readUnsigned(b, 0, b.length, 3, 2)).isEqualTo(0x0304);
    }

    @Test
    void absSendTimeIsSixPointEighteenSecondsModuloSixtyFour() {
        assertThat(RtpHeaderExtensions.absSendTimeFromNanos(1_500_000_000L)).isEqualTo(0x060000);
        assertThat(RtpHeaderExtensions.absSendTimeFromNanos(64_000_000_000L)).isZero();
        assertThat(RtpHeaderExtensions.absSendTimeFromNanos(63_999_999_999L)).isEqualTo(0xFFFFFF);
        // one unit is 1/2^18 s = 3814.697 ns
        assertThat(RtpHeaderExtensions.absSendTimeFromNanos(3814L)).isZero();
        assertThat(RtpHeaderExtensions.absSendTimeFromNanos(3815L)).isEqualTo(1);
        assertThat(RtpHeaderExtensions.absSendTimeFromNanos(7630L)).isEqualTo(2);
    }
}
