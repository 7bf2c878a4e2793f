package org.bangban.relay.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DtlsRecordsTest {

    /** Start of a DTLS 1.2 ClientHello record: handshake, DTLS 1.0 record version, epoch 0, seq 0, length 5. */
    static final byte[] CLIENT_HELLO = HexFormat.of().parseHex("16feff00000000000000000005" + "0100000000");
    /** change_cipher_spec (1 byte) followed by an epoch-1 record of 3 bytes, as in one datagram. */
    static final byte[] TWO_RECORDS = HexFormat.of().parseHex(
            "14fefd0000000000000003000101" + "16fefd00010000000000000003aabbcc");
    static final int MAX = 2048;

    @Test
    void acceptsSingleAndPackedRecords() {
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, CLIENT_HELLO.length, MAX)).isEqualTo(DtlsRecords.Verdict.VALID);
        assertThat(DtlsRecords.check(TWO_RECORDS, 0, TWO_RECORDS.length, MAX)).isEqualTo(DtlsRecords.Verdict.VALID);
        byte[] padded = new byte[TWO_RECORDS.length + 7];
        System.arraycopy(TWO_RECORDS, 0, padded, 3, TWO_RECORDS.length);
        assertThat(DtlsRecords.check(padded, 3, TWO_RECORDS.length, MAX)).isEqualTo(DtlsRecords.Verdict.VALID);
    }

    @Test
    void recognisesAClientHelloOnlyInEpochZeroHandshakeRecords() {
        assertThat(DtlsRecords.startsWithClientHello(CLIENT_HELLO, 0, CLIENT_HELLO.length)).isTrue();
        assertThat(DtlsRecords.startsWithClientHello(TWO_RECORDS, 0, TWO_RECORDS.length)).isFalse();
        byte[] epoch1 = CLIENT_HELLO.clone();
        epoch1[4] = 1;
        assertThat(DtlsRecords.startsWithClientHello(epoch1, 0, epoch1.length)).isFalse();
        byte[] serverHello = CLIENT_HELLO.clone();
        serverHello[13] = 2;
        assertThat(DtlsRecords.startsWithClientHello(serverHello, 0, serverHello.length)).isFalse();
    }

    @Test
    void rejectsEachKindOfBadDatagram() {
        assertThat(DtlsRecords.check(null, 0, 0, MAX)).isEqualTo(DtlsRecords.Verdict.NULL_BUFFER);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 10, 10, MAX)).isEqualTo(DtlsRecords.Verdict.BAD_BOUNDS);
        assertThat(DtlsRecords.check(CLIENT_HELLO, -1, 5, MAX)).isEqualTo(DtlsRecords.Verdict.BAD_BOUNDS);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, 12, MAX)).isEqualTo(DtlsRecords.Verdict.TOO_SHORT);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, CLIENT_HELLO.length, 10)).isEqualTo(DtlsRecords.Verdict.TOO_LONG);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, CLIENT_HELLO.length - 1, MAX))
                .isEqualTo(DtlsRecords.Verdict.BAD_RECORD_LENGTH);
        byte[] trailing = new byte[CLIENT_HELLO.length + 5];
        System.arraycopy(CLIENT_HELLO, 0, trailing, 0, CLIENT_HELLO.length);
        assertThat(DtlsRecords.check(trailing, 0, trailing.length, MAX)).isEqualTo(DtlsRecords.Verdict.TOO_SHORT);
        byte[] rtp = CLIENT_HELLO.clone();
        rtp[0] = (byte) 0x80;
        assertThat(DtlsRecords.check(rtp, 0, rtp.length, MAX)).isEqualTo(DtlsRecords.Verdict.BAD_CONTENT_TYPE);
        byte[] tls = CLIENT_HELLO.clone();
        tls[1] = 3;
        assertThat(DtlsRecords.check(tls, 0, tls.length, MAX)).isEqualTo(DtlsRecords.Verdict.BAD_VERSION);
        assertThat(DtlsRecords.isDtls((byte) 22)).isTrue();
        assertThat(DtlsRecords.isDtls((byte) 0)).isFalse();
        assertThat(DtlsRecords.isDtls((byte) 0x80)).isFalse();
    }

    @Test
    void randomAndMutatedDatagramsNeverThrow() {
        Random random = new Random(3);
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] d;
            if (i % 2 == 0) {
                d = new byte[random.nextInt(64)];
                random.nextBytes(d);
            } else {
                d = TWO_RECORDS.clone();
                d[random.nextInt(d.length)] = (byte) random.nextInt(256);
            }
            int off = d.length == 0 ? 0 : random.nextInt(d.length);
            int len = random.nextInt(d.length + 3) - 1;
            DtlsRecords.Verdict v = DtlsRecords.check(d, off, len, MAX);
            assertThat(v).isNotNull();
            if (v == DtlsRecords.Verdict.VALID) {
                valid++;
                DtlsRecords.startsWithClientHello(d, off, len);
            }
        }
        assertThat(valid).isPositive();
    }
}
