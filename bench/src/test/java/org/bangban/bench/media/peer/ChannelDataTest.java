package org.bangban.bench.media.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChannelDataTest {

    @Test
    void framesWithTheHeaderAndPadsToFourBytes() {
        byte[] buf = new byte[64];
        Arrays.fill(buf, (byte) 0x77);
        byte[] data = {1, 2, 3, 4, 5};
        System.arraycopy(data, 0, buf, 8 + ChannelData.HEADER, data.length);
        int len = ChannelData.frame(buf, 8, 0x4001, data.length);
        assertThat(len).isEqualTo(12);
        assertThat(Arrays.copyOfRange(buf, 8, 8 + len))
                .containsExactly(0x40, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0);
        assertThat(buf[8 + len]).as("nothing written past the padding").isEqualTo((byte) 0x77);
        assertThat(ChannelData.isChannelData(buf[8])).isTrue();
        assertThat(ChannelData.channel(buf, 8)).isEqualTo(0x4001);
        assertThat(ChannelData.dataLength(buf, 8, len)).isEqualTo(5);
        assertThat(ChannelData.framedLength(1200)).isEqualTo(1204);
        assertThat(ChannelData.framedLength(1201)).isEqualTo(1208);
    }

    @Test
    void readsUnpaddedDatagramsAndRejectsBadOnes() {
        byte[] unpadded = {0x4F, (byte) 0xFF, 0, 3, 9, 9, 9};
        assertThat(ChannelData.dataLength(unpadded, 0, unpadded.length)).isEqualTo(3);
        assertThat(ChannelData.dataLength(unpadded, 0, 6)).as("length beyond the datagram").isEqualTo(-1);
        assertThat(ChannelData.dataLength(unpadded, 0, 3)).as("shorter than the header").isEqualTo(-1);
        byte[] outOfRange = {0x50, 0, 0, 0};
        assertThat(ChannelData.dataLength(outOfRange, 0, 4)).isEqualTo(-1);
        byte[] empty = {0x40, 0, 0, 0};
        assertThat(ChannelData.dataLength(empty, 0, 4)).isZero();
    }

    @Test
    void demultiplexesFromStunRtpAndDtls() {
        assertThat(ChannelData.isChannelData((byte) 0x00)).as("STUN").isFalse();
        assertThat(ChannelData.isChannelData((byte) 0x16)).as("DTLS").isFalse();
        assertThat(ChannelData.isChannelData((byte) 0x80)).as("RTP").isFalse();
        assertThat(ChannelData.isChannelData((byte) 0x3F)).isFalse();
        assertThat(ChannelData.isChannelData((byte) 0x50)).isFalse();
    }

    @Test
    void refusesBadChannelsLengthsAndShortBuffers() {
        byte[] buf = new byte[16];
        assertThatThrownBy(() -> ChannelData.frame(buf, 0, 0x3FFF, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelData.frame(buf, 0, 0x4000, 0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelData.frame(buf, 4, 0x4000, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
