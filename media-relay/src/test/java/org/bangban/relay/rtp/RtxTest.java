package org.bangban.relay.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bangban.relay.rtp.RtpPacketTest.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtxTest {

    /** Marker set, PT 96, seq 0x0102, one-byte extension (abs-send-time), payload aabbccdd. */
    private static final byte[] ORIGINAL = hex("90 e0 0102 00000100 11223344 bede0001 22123456 aabbccdd");

    /** RFC 4588 4: same header with RTX SSRC/PT/seq, then the OSN (0x0102), then the payload. */
    private static final byte[] RTX = hex("90 e1 0900 00000100 55667788 bede0001 22123456 0102 aabbccdd");

    @Test
    void wrapBuildsTheRfc4588LayoutIntoACallerBuffer() {
        byte[] dst = new byte[100];
        int n = Rtx.wrap(ORIGINAL, 0, ORIGINAL.length, dst, 10, 0x55667788, 97, 0x0900);
        assertThat(n).isEqualTo(RTX.length).isEqualTo(Rtx.wrappedLength(ORIGINAL, 0, ORIGINAL.length));
        assertThat(Arrays.copyOfRange(dst, 10, 10 + n)).isEqualTo(RTX);
        assertThat(Rtx.originalSequenceNumber(dst, 10, n)).isEqualTo(0x0102);
    }

    @Test
    void unwrapRestoresTheOriginalInPlace() {
        byte[] b = Arrays.copyOf(RTX, RTX.length + 5);
        int n = Rtx.unwrap(b, 0, RTX.length, 0x11223344, 96);
        assertThat(n).isEqualTo(ORIGINAL.length);
        assertThat(Arrays.copyOf(b, n)).isEqualTo(ORIGINAL);
    }

    @Test
    void wrapInPlaceAndRoundTripDropsPadding() {
        // original with 3 bytes of padding
        byte[] padded = hex("a0 60 fffe 00000001 00000002 0102030405 000003");
        byte[] buf = Arrays.copyOf(padded, 40);
        int n = Rtx.wrap(buf, 0, padded.length, buf, 0, 0x0A0B0C0D, 101, 7);
        assertThat(Arrays.copyOf(buf, n)).isEqualTo(hex("80 65 0007 00000001 0a0b0c0d fffe 0102030405"));
        int m = Rtx.unwrap(buf, 0, n, 2, 96);
        assertThat(Arrays.copyOf(buf, m)).isEqualTo(hex("80 60 fffe 00000001 00000002 0102030405"));
    }

    @Test
    void paddingOnlyProbesAndBadInputAreRefused() {
        byte[] probe = hex("a0 61 0001 00000001 00000002 0000000000000008");
        assertThat(Rtx.originalSequenceNumber(probe, 0, probe.length)).isEqualTo(-1);
        byte[] copy = probe.clone();
        assertThat(Rtx.unwrap(copy, 0, copy.length, 1, 96)).isEqualTo(-1);
        assertThat(copy).isEqualTo(probe);
        assertThat(Rtx.unwrap(hex("80 61 0001 00000001 00000002 01"), 0, 13, 1, 96)).isEqualTo(-1);
        assertThat(Rtx.unwrap(null, 0, 0, 1, 96)).isEqualTo(-1);
        assertThat(Rtx.wrap(ORIGINAL, 0, ORIGINAL.length, new byte[RTX.length - 1], 0, 1, 97, 1)).isEqualTo(-1);
        assertThat(Rtx.wrap(ORIGINAL, 0, ORIGINAL.length, null, 0, 1, 97, 1)).isEqualTo(-1);
        assertThat(Rtx.wrap(ORIGINAL, 0, 11, new byte[100], 0, 1, 97, 1)).isEqualTo(-1);
        assertThat(Rtx.wrappedLength(ORIGINAL, 0, 11)).isEqualTo(-1);
    }
}
