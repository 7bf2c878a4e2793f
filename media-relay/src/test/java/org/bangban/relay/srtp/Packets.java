package org.bangban.relay.srtp;

import java.nio.ByteBuffer;
import java.util.Random;

/** Builders of plain RTP/RTCP packets and keying material for the SRTP tests. */
final class Packets {

    private Packets() {}

    /** An RTP packet (version 2, payload type 96) whose payload bytes are derived from {@code seed}. */
    static byte[] rtp(int ssrc, int seq, long timestamp, int payloadLength, int seed) {
        ByteBuffer b = ByteBuffer.allocate(12 + payloadLength);
        b.put((byte) 0x80).put((byte) 96).putShort((short) seq).putInt((int) timestamp).putInt(ssrc);
        Random r = new Random(seed * 31L + seq);
        byte[] payload = new byte[payloadLength];
        r.nextBytes(payload);
        return b.put(payload).array();
    }

    /** An RTP packet with two CSRCs and a one-byte header extension (RFC 8285) of one word. */
    static byte[] rtpWithCsrcsAndExtension(int ssrc, int seq, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 8 + payloadLength);
        b.put((byte) 0x92).put((byte) 111).putShort((short) seq).putInt(seq * 960).putInt(ssrc);
        b.putInt(0x01010101).putInt(0x02020202);
        b.putShort((short) 0xBEDE).putShort((short) 1).putInt(0x10FF0000);
        for (int i = 0; i < payloadLength; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    /** An RTCP receiver report (PT 201) from {@code ssrc}, padded with report bytes to {@code length}. */
    static byte[] rtcp(int ssrc, int length, int seed) {
        if (length < 8 || length % 4 != 0) {
            throw new IllegalArgumentException("RTCP length must be a multiple of 4 and at least 8");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x80).put((byte) 201).putShort((short) (length / 4 - 1)).putInt(ssrc);
        Random r = new Random(seed * 17L + ssrc);
        byte[] rest = new byte[length - 8];
        r.nextBytes(rest);
        return b.put(rest).array();
    }

    static SrtpKeyingMaterial keyingMaterial(SrtpProfile profile, Random random) {
        byte[] exported = new byte[profile.keyingMaterialLength()];
        random.nextBytes(exported);
        return SrtpKeyingMaterial.fromExporter(profile, exported);
    }
}
