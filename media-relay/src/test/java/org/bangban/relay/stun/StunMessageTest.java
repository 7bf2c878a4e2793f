package org.bangban.relay.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunMessageTest {

    private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TX = hex("b7e7a701bc34d686fa87dfae");

    /** RFC 5769 2.1 Sample Request. */
    static final byte[] SAMPLE_REQUEST = hex(
            "000100582112a442b7e7a701bc34d686fa87dfae"
            + "802200105354554e207465737420636c69656e74"
            + "002400046e0001ff"
            + "80290008932ff9b151263b36"
            + "000600096576746a3a68367659202020"
            + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004e57a3bcf");

    /** RFC 5769 2.2 Sample IPv4 Response. */
    static final byte[] SAMPLE_IPV4_RESPONSE = hex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004c07d4c96");

    /** RFC 5769 2.3 Sample IPv6 Response. */
    static final byte[] SAMPLE_IPV6_RESPONSE = hex(
            "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41"
            + "80280004c8fb0b4c");

    /** RFC 5769 2.4 Sample Request with Long-Term Authentication (USERNAME, NONCE, REALM, MESSAGE-INTEGRITY). */
    static final byte[] SAMPLE_LONG_TERM_REQUEST = hex(
            "000100602112a44278ad3433c6ad72c029da412e"
            + "00060012e3839ee38388e383aae38383e382afe382b90000"
            + "0015001c662f2f3439396b39353464364f4c33346f4c39465354767936347341"
            + "0014000b6578616d706c652e6f726700"
            + "00080014f67024656dd64a3e02b8e0712e85c9a28ca89666");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static StunMessage parsed(byte[] data) {
        StunParseResult r = StunMessage.parse(data);
        assertThat(r).isInstanceOf(StunParseResult.Parsed.class);
        return ((StunParseResult.Parsed) r).message();
    }

    @Test
    void rfc5769SampleRequest() {
        assertThat(SAMPLE_REQUEST).hasSize(108);
        StunMessage m = parsed(SAMPLE_REQUEST);
        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.method()).isEqualTo(StunMessage.METHOD_BINDING);
        assertThat(m.messageClass()).isEqualTo(StunMessage.CLASS_REQUEST);
        assertThat(m.transactionId()).isEqualTo(TX);
        assertThat(m.username()).contains("evtj:h6vY");
        assertThat(m.attribute(StunAttribute.Priority.class)).contains(new StunAttribute.Priority(0x6e0001ffL));
        assertThat(m.attribute(StunAttribute.IceControlled.class))
                .contains(new StunAttribute.IceControlled(0x932ff9b151263b36L));
        assertThat(m.attribute(StunAttribute.IceControlling.class)).isEmpty();
        assertThat(m.attribute(StunAttribute.Raw.class)).hasValueSatisfying(raw -> {
            assertThat(raw.type()).isEqualTo(StunAttribute.SOFTWARE);
            assertThat(new String(raw.value(), StandardCharsets.UTF_8)).isEqualTo("STUN test client");
            assertThat(raw.comprehensionRequired()).isFalse();
        });
        assertThat(m.unknownComprehensionRequired()).isEmpty();
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.verifyMessageIntegrity("wrong".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void rfc5769SampleIpv4Response() throws Exception {
        StunMessage m = parsed(SAMPLE_IPV4_RESPONSE);
        assertThat(m.method()).isEqualTo(StunMessage.METHOD_BINDING);
        assertThat(m.messageClass()).isEqualTo(StunMessage.CLASS_SUCCESS_RESPONSE);
        assertThat(m.attribute(StunAttribute.XorMappedAddress.class).orElseThrow().address())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void rfc5769SampleIpv6Response() throws Exception {
        StunMessage m = parsed(SAMPLE_IPV6_RESPONSE);
        assertThat(m.attribute(StunAttribute.XorMappedAddress.class).orElseThrow().address())
                .isEqualTo(new InetSocketAddress(
                        InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void builderReproducesRfc5769XorMappedAddressEncoding() throws Exception {
        byte[] v4 = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_SUCCESS_RESPONSE, TX)
                .xorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853))
                .build(null, false);
        assertThat(HexFormat.of().formatHex(v4, 20, v4.length)).isEqualTo("002000080001a147e112a643");
        byte[] v6 = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_SUCCESS_RESPONSE, TX)
                .xorMappedAddress(new InetSocketAddress(
                        InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853))
                .build(null, false);
        assertThat(HexFormat.of().formatHex(v6, 20, v6.length))
                .isEqualTo("002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9");
    }

    @Test
    void builderReproducesRfc5769SampleRequestExactly() {
        // Same attributes as 2.1; USERNAME padding differs (RFC uses spaces, we use zeros),
        // so compare everything except those three padding bytes, then verify both hashes.
        byte[] built = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST, TX)
                .raw(StunAttribute.SOFTWARE, "STUN test client".getBytes(StandardCharsets.UTF_8))
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY")
                .build(PASSWORD, true);
        assertThat(built).hasSize(SAMPLE_REQUEST.length);
        assertThat(java.util.Arrays.copyOfRange(built, 0, 73))
                .isEqualTo(java.util.Arrays.copyOfRange(SAMPLE_REQUEST, 0, 73));
        StunMessage m = parsed(built);
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void bindingSuccessRoundTrip() throws Exception {
        StunMessage request = parsed(SAMPLE_REQUEST);
        byte[] localPwd = "our-ice-password-1234".getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 51234);
        byte[] response = StunMessageBuilder.bindingSuccess(request.transactionId(), sender, localPwd);

        assertThat(StunMessage.isStun(response[0])).isTrue();
        StunMessage m = parsed(response);
        assertThat(m.method()).isEqualTo(StunMessage.METHOD_BINDING);
        assertThat(m.messageClass()).isEqualTo(StunMessage.CLASS_SUCCESS_RESPONSE);
        assertThat(m.transactionId()).isEqualTo(TX);
        assertThat(m.attribute(StunAttribute.XorMappedAddress.class).orElseThrow().address()).isEqualTo(sender);
        assertThat(m.hasMessageIntegrity()).isTrue();
        assertThat(m.hasFingerprint()).isTrue();
        assertThat(m.verifyMessageIntegrity(localPwd)).isTrue();
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isFalse();
        assertThat(m.verifyFingerprint()).isTrue();
        // FINGERPRINT is last, MESSAGE-INTEGRITY just before it.
        assertThat(m.attributes().get(m.attributes().size() - 1)).isInstanceOf(StunAttribute.Fingerprint.class);
        assertThat(m.attributes().get(m.attributes().size() - 2)).isInstanceOf(StunAttribute.MessageIntegrity.class);
    }

    @Test
    void longTermCredentialSampleVerifiesWithTheMd5Key() throws Exception {
        StunMessage m = parsed(SAMPLE_LONG_TERM_REQUEST);
        // RFC 8489 9.2.2: key = MD5(username ":" realm ":" password), after SASLprep (the RFC gives the results)
        byte[] key = java.security.MessageDigest.getInstance("MD5").digest(
                "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9:example.org:TheMatrIX".getBytes(StandardCharsets.UTF_8));
        assertThat(m.verifyMessageIntegrity(key)).isTrue();
        assertThat(m.verifyMessageIntegrity("TheMatrIX".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(m.rawValue(0x0014)).hasValueSatisfying(
                v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("example.org"));
        assertThat(m.rawValue(0x0015)).hasValueSatisfying(
                v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("f//499k954d6OL34oL9FSTvy64sA"));
        assertThat(m.rawValue(StunAttribute.USERNAME)).as("USERNAME is decoded, not kept raw").isEmpty();
        assertThat(m.rawValue(0x0016)).isEmpty();
    }

    @Test
    void xorAddressUnderOtherTypesRoundTrips() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("192.0.2.15"), 49152);
        InetSocketAddress relayed = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 50000);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 3478);
        byte[] wire = new StunMessageBuilder(0x003, StunMessage.CLASS_SUCCESS_RESPONSE, TX)
                .xorAddress(0x0016, relayed).xorAddress(0x0012, peer).xorMappedAddress(mapped).build(PASSWORD, true);
        StunMessage m = parsed(wire);
        assertThat(m.method()).isEqualTo(0x003);
        assertThat(m.xorAddress(0x0016)).contains(relayed);
        assertThat(m.xorAddress(0x0012)).contains(peer);
        assertThat(m.xorAddress(StunAttribute.XOR_MAPPED_ADDRESS)).contains(mapped);
        assertThat(m.xorAddress(0x0020 + 1)).isEmpty();
        // the port and address are XORed on the wire: the plain port bytes do not appear in the value
        byte[] value = m.rawValue(0x0012).orElseThrow();
        assertThat(((value[2] & 0xFF) << 8) | (value[3] & 0xFF)).isEqualTo(49152 ^ 0x2112);
        // the same encoding as XOR-MAPPED-ADDRESS (RFC 5769 2.2: 192.0.2.1:32853)
        byte[] sample = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_SUCCESS_RESPONSE, TX)
                .xorAddress(0x0012, new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)).build(null, false);
        assertThat(HexFormat.of().formatHex(sample, 20, 32)).isEqualTo("001200080001a147e112a643");
    }

    @Test
    void malformedXorAddressUnderAnotherTypeIsEmpty() {
        byte[] wire = new StunMessageBuilder(0x003, StunMessage.CLASS_SUCCESS_RESPONSE, TX)
                .raw(0x0016, new byte[] {0, 1, 0, 0}).build(null, false);
        assertThat(parsed(wire).xorAddress(0x0016)).isEmpty();
    }

    @Test
    void bindingSuccessRoundTripIpv6() throws Exception {
        byte[] pwd = "pw".getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 9);
        StunMessage m = parsed(StunMessageBuilder.bindingSuccess(TX, sender, pwd));
        assertThat(m.attribute(StunAttribute.XorMappedAddress.class).orElseThrow().address()).isEqualTo(sender);
        assertThat(m.verifyMessageIntegrity(pwd)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void bindingErrorResponses() {
        byte[] pwd = "pw".getBytes(StandardCharsets.US_ASCII);
        StunMessage roleConflict = parsed(StunMessageBuilder.bindingError(TX, 487, "Role Conflict", pwd));
        assertThat(roleConflict.messageClass()).isEqualTo(StunMessage.CLASS_ERROR_RESPONSE);
        assertThat(roleConflict.method()).isEqualTo(StunMessage.METHOD_BINDING);
        assertThat(roleConflict.messageType()).isEqualTo(0x0111);
        assertThat(roleConflict.attribute(StunAttribute.ErrorCode.class))
                .contains(new StunAttribute.ErrorCode(487, "Role Conflict"));
        assertThat(roleConflict.verifyMessageIntegrity(pwd)).isTrue();
        assertThat(roleConflict.verifyFingerprint()).isTrue();

        StunMessage unauth = parsed(StunMessageBuilder.bindingError(TX, 401, "Unauthenticated", null));
        assertThat(unauth.attribute(StunAttribute.ErrorCode.class))
                .contains(new StunAttribute.ErrorCode(401, "Unauthenticated"));
        assertThat(unauth.hasMessageIntegrity()).isFalse();
        assertThat(unauth.verifyMessageIntegrity(pwd)).isFalse();
        assertThat(unauth.verifyFingerprint()).isTrue();

        StunMessage bad = parsed(StunMessageBuilder.bindingError(TX, 400, "Bad Request", null));
        assertThat(bad.attribute(StunAttribute.ErrorCode.class).orElseThrow().code()).isEqualTo(400);
    }

    @Test
    void useCandidateAndIceControllingRoundTrip() {
        byte[] pwd = "pw".getBytes(StandardCharsets.US_ASCII);
        byte[] req = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST, TX)
                .username("a:b").priority(0xFFFF_FFFFL).useCandidate().iceControlling(-1L)
                .raw(0x7FFF, new byte[] {1, 2, 3})
                .build(pwd, true);
        StunMessage m = parsed(req);
        assertThat(m.attribute(StunAttribute.UseCandidate.class)).isPresent();
        assertThat(m.attribute(StunAttribute.IceControlling.class)).contains(new StunAttribute.IceControlling(-1L));
        assertThat(m.attribute(StunAttribute.Priority.class)).contains(new StunAttribute.Priority(0xFFFF_FFFFL));
        assertThat(m.unknownComprehensionRequired()).containsExactly(0x7FFF);
        assertThat(m.verifyMessageIntegrity(pwd)).isTrue();
    }

    @Test
    void tamperingAnyByteBreaksIntegrityOrFingerprint() {
        for (int i = 0; i < SAMPLE_REQUEST.length; i++) {
            byte[] copy = SAMPLE_REQUEST.clone();
            copy[i] ^= 0x01;
            StunParseResult r = StunMessage.parse(copy);
            if (r instanceof StunParseResult.Parsed p) {
                StunMessage m = p.message();
                // Every byte (padding included) is covered by FINGERPRINT; all but the last 8 by MI.
                assertThat(m.verifyMessageIntegrity(PASSWORD) && m.verifyFingerprint())
                        .as("byte %d flipped", i).isFalse();
            }
        }
        // Specifically: a byte covered by MESSAGE-INTEGRITY.
        byte[] copy = SAMPLE_REQUEST.clone();
        copy[30] ^= 0x20; // inside SOFTWARE value
        StunMessage m = parsed(copy);
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isFalse();
        assertThat(m.verifyFingerprint()).isFalse();
    }

    @Test
    void parsesInPlaceWithOffsetAndByteBuffers() {
        byte[] framed = new byte[SAMPLE_REQUEST.length + 13];
        System.arraycopy(SAMPLE_REQUEST, 0, framed, 7, SAMPLE_REQUEST.length);
        StunParseResult r = StunMessage.parse(framed, 7, SAMPLE_REQUEST.length);
        assertThat(r).isInstanceOf(StunParseResult.Parsed.class);
        StunMessage m = ((StunParseResult.Parsed) r).message();
        assertThat(m.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();

        ByteBuffer heap = ByteBuffer.wrap(framed, 7, SAMPLE_REQUEST.length).slice();
        StunMessage fromHeap = ((StunParseResult.Parsed) StunMessage.parse(heap)).message();
        assertThat(fromHeap.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(heap.position()).isZero();

        ByteBuffer direct = ByteBuffer.allocateDirect(SAMPLE_REQUEST.length + 4);
        direct.position(4);
        direct.put(SAMPLE_REQUEST).flip().position(4);
        StunMessage fromDirect = ((StunParseResult.Parsed) StunMessage.parse(direct)).message();
        assertThat(fromDirect.verifyMessageIntegrity(PASSWORD)).isTrue();
        assertThat(fromDirect.verifyFingerprint()).isTrue();
        assertThat(direct.position()).isEqualTo(4);
    }

    @Test
    void rejectsNonStunWithTypedReason() {
        assertThat(StunMessage.parse(new byte[0])).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.TOO_SHORT));
        assertThat(StunMessage.parse((byte[]) null)).isInstanceOf(StunParseResult.Invalid.class);
        assertThat(StunMessage.parse(SAMPLE_REQUEST, 0, 19)).isInstanceOf(StunParseResult.Invalid.class);
        assertThat(StunMessage.parse(SAMPLE_REQUEST, 100, 50)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.BAD_BOUNDS));

        byte[] rtp = SAMPLE_REQUEST.clone();
        rtp[0] = (byte) 0x80;
        assertThat(StunMessage.parse(rtp)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.NOT_STUN_TYPE_BITS));

        byte[] cookie = SAMPLE_REQUEST.clone();
        cookie[5] = 0x13;
        assertThat(StunMessage.parse(cookie)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.BAD_MAGIC_COOKIE));

        byte[] odd = SAMPLE_REQUEST.clone();
        odd[3] = 0x57;
        assertThat(StunMessage.parse(odd)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.LENGTH_NOT_MULTIPLE_OF_4));

        byte[] beyond = SAMPLE_REQUEST.clone();
        beyond[3] = 0x5c;
        assertThat(StunMessage.parse(beyond)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.LENGTH_BEYOND_BUFFER));

        assertThat(StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length - 4))
                .isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.LENGTH_BEYOND_BUFFER));

        byte[] overrun = SAMPLE_REQUEST.clone();
        overrun[23] = 0x70; // SOFTWARE length 0x70 runs past the end
        assertThat(StunMessage.parse(overrun)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.ATTRIBUTE_OVERRUN));

        byte[] badMi = SAMPLE_REQUEST.clone();
        badMi[79] = 0x10; // MESSAGE-INTEGRITY length 16
        assertThat(StunMessage.parse(badMi)).isInstanceOf(StunParseResult.Invalid.class);

        byte[] badFamily = SAMPLE_IPV4_RESPONSE.clone();
        badFamily[41] = 0x03;
        assertThat(StunMessage.parse(badFamily)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.BAD_XOR_MAPPED_ADDRESS));
    }

    @Test
    void rejectsAttributeAfterFingerprint() {
        byte[] longer = java.util.Arrays.copyOf(SAMPLE_REQUEST, SAMPLE_REQUEST.length + 4);
        longer[3] = 0x5c;
        longer[108] = (byte) 0x80;
        longer[109] = 0x22; // empty SOFTWARE after FINGERPRINT
        assertThat(StunMessage.parse(longer)).isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.ATTRIBUTE_AFTER_FINGERPRINT));
    }

    @Test
    void isStunDemultiplexesPerRfc7983() {
        for (int b = 0; b < 256; b++) {
            assertThat(StunMessage.isStun((byte) b)).as("byte %d", b).isEqualTo(b <= 3);
        }
    }

    @Test
    void messageTypeEncoding() {
        assertThat(StunMessage.messageType(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST)).isEqualTo(0x0001);
        assertThat(StunMessage.messageType(StunMessage.METHOD_BINDING, StunMessage.CLASS_INDICATION)).isEqualTo(0x0011);
        assertThat(StunMessage.messageType(StunMessage.METHOD_BINDING, StunMessage.CLASS_SUCCESS_RESPONSE))
                .isEqualTo(0x0101);
        assertThat(StunMessage.messageType(StunMessage.METHOD_BINDING, StunMessage.CLASS_ERROR_RESPONSE))
                .isEqualTo(0x0111);
        for (int method = 0; method < 0x1000; method += 37) {
            for (int cls = 0; cls < 4; cls++) {
                byte[] msg = new StunMessageBuilder(method, cls, TX).build(null, false);
                StunMessage m = parsed(msg);
                assertThat(m.method()).isEqualTo(method);
                assertThat(m.messageClass()).isEqualTo(cls);
            }
        }
    }

    @Test
    void randomGarbageAndMutationsNeverThrow() {
        Random rnd = new Random(0x5EED_BA4BL);
        byte[][] seeds = {SAMPLE_REQUEST, SAMPLE_IPV4_RESPONSE, SAMPLE_IPV6_RESPONSE,
                StunMessageBuilder.bindingError(TX, 487, "Role Conflict", PASSWORD)};
        int invalid = 0;
        int parsedCount = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] data;
            if (i % 2 == 0) {
                data = new byte[rnd.nextInt(200)];
                rnd.nextBytes(data);
                if (rnd.nextBoolean() && data.length >= 8) { // make it look like STUN to go deeper
                    data[0] &= 0x3F;
                    data[4] = 0x21; data[5] = 0x12; data[6] = (byte) 0xA4; data[7] = 0x42;
                    int bodyLen = (data.length - 20) & ~3;
                    if (bodyLen >= 0 && rnd.nextBoolean()) {
                        data[2] = (byte) (bodyLen >>> 8);
                        data[3] = (byte) bodyLen;
                        data = java.util.Arrays.copyOf(data, 20 + bodyLen);
                    }
                }
            } else {
                byte[] seed = seeds[rnd.nextInt(seeds.length)];
                data = seed.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    data[rnd.nextInt(data.length)] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(4) == 0) {
                    data = java.util.Arrays.copyOf(data, rnd.nextInt(data.length + 8));
                }
            }
            byte[] input = data;
            StunParseResult[] holder = new StunParseResult[1];
            assertThatCode(() -> holder[0] = StunMessage.parse(input)).doesNotThrowAnyException();
            if (holder[0] instanceof StunParseResult.Parsed p) {
                parsedCount++;
                assertThatCode(() -> {
                    p.message().verifyMessageIntegrity(PASSWORD);
                    p.message().verifyFingerprint();
                    p.message().attributes();
                    p.message().toString();
                }).doesNotThrowAnyException();
            } else {
                invalid++;
                assertThat(((StunParseResult.Invalid) holder[0]).reason()).isNotNull();
            }
        }
        assertThat(invalid + parsedCount).isEqualTo(10_000);
        assertThat(invalid).isGreaterThan(5_000);
    }

    @Test
    void rejectsTrailingBytesButIgnoresReservedAddressByte() {
        byte[] padded = java.util.Arrays.copyOf(SAMPLE_REQUEST, SAMPLE_REQUEST.length + 4);
        assertThat(StunMessage.parse(padded))
                .isEqualTo(new StunParseResult.Invalid(StunParseResult.Reason.TRAILING_BYTES));

        byte[] reserved = SAMPLE_IPV4_RESPONSE.clone();
        reserved[40] = 0x7F; // reserved byte of XOR-MAPPED-ADDRESS: ignored on receipt
        assertThat(StunMessage.parse(reserved)).isInstanceOf(StunParseResult.Parsed.class);
    }

    @Test
    void ignoresAttributesAfterMessageIntegrityExceptFingerprint() {
        byte[] pwd = "pw".getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new StunMessageBuilder(StunMessage.METHOD_BINDING, StunMessage.CLASS_REQUEST, TX)
                .username("a:b").build(pwd, false);
        // Append PRIORITY after MESSAGE-INTEGRITY and fix up the header length.
        byte[] extended = java.util.Arrays.copyOf(signed, signed.length + 8);
        int at = signed.length;
        extended[at + 1] = 0x24;
        extended[at + 3] = 0x04;
        int bodyLen = extended.length - 20;
        extended[2] = (byte) (bodyLen >>> 8);
        extended[3] = (byte) bodyLen;
        StunMessage m = parsed(extended);
        assertThat(m.attribute(StunAttribute.Priority.class)).isEmpty();
        assertThat(m.verifyMessageIntegrity(pwd)).isTrue();
    }
}
