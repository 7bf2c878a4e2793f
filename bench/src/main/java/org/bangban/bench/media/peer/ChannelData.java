package org.bangban.bench.media.peer;

/**
 * TURN ChannelData framing (RFC 8656 12.4): a 2-byte channel number (0x4000–0x4FFF), a 2-byte length of the
 * application data, the data, and padding to a multiple of 4 bytes. Over UDP the padding is optional, so a reader
 * takes the length field as the truth and accepts both; this writer pads, as RFC 5766 required.
 */
public final class ChannelData {
    /** Bytes before the application data. */
    public static final int HEADER = 4;

    private ChannelData() {
    }

    /** Whether a datagram starting with this byte is ChannelData (RFC 7983: 64..79), not STUN or RTP. */
    public static boolean isChannelData(byte first) {
        int b = first & 0xFF;
        return b >= 0x40 && b <= 0x4F;
    }

    /** The length of a ChannelData message carrying {@code dataLength} bytes, with padding. */
    public static int framedLength(int dataLength) {
        return HEADER + ((dataLength + 3) & ~3);
    }

    /**
     * Writes the header at {@code buf[off]} for {@code dataLength} bytes of data already at {@code buf[off+HEADER]}
     * and zeroes the padding; returns the length to send.
     */
    public static int frame(byte[] buf, int off, int channel, int dataLength) {
        if (channel < TurnClient.FIRST_CHANNEL || channel > TurnClient.LAST_CHANNEL) {
            throw new IllegalArgumentException("a channel number is 0x4000..0x4FFF, was 0x" + Integer.toHexString(channel));
        }
        if (dataLength < 0 || dataLength > 0xFFFF) throw new IllegalArgumentException("bad data length " + dataLength);
        int total = framedLength(dataLength);
        if (off + total > buf.length) throw new IllegalArgumentException("buffer too short for " + total + " bytes");
        buf[off] = (byte) (channel >>> 8);
        buf[off + 1] = (byte) channel;
        buf[off + 2] = (byte) (dataLength >>> 8);
        buf[off + 3] = (byte) dataLength;
        for (int i = off + HEADER + dataLength; i < off + total; i++) buf[i] = 0;
        return total;
    }

    /** The channel number of a ChannelData message at {@code buf[off]}. */
    public static int channel(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
    }

    /**
     * The length of the application data of the {@code len}-byte datagram at {@code buf[off]}, or -1 when it is not
     * well-formed ChannelData (too short, a channel number out of range, or a length beyond the datagram). The data
     * starts at {@code off + HEADER}.
     */
    public static int dataLength(byte[] buf, int off, int len) {
        if (len < HEADER) return -1;
        int channel = channel(buf, off);
        if (channel < TurnClient.FIRST_CHANNEL || channel > TurnClient.LAST_CHANNEL) return -1;
        int data = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        return data <= len - HEADER ? data : -1;
    }
}
