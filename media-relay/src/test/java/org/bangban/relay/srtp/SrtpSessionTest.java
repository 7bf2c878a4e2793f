package org.bangban.relay.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.relay.srtp.SrtpVectorsTest.protectRtcp;
import static org.bangban.relay.srtp.SrtpVectorsTest.protectRtp;
import static org.bangban.relay.srtp.SrtpVectorsTest.unprotectRtcp;
import static org.bangban.relay.srtp.SrtpVectorsTest.unprotectRtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTest {

    private static final int SSRC = 0x1234ABCD;

    private static SrtpKeyingMaterial km(SrtpProfile profile) {
        return Packets.keyingMaterial(profile, new Random(42L + profile.ordinal()));
    }

    private static SrtpSession browserSession(SrtpKeyingMaterial km) {
        return SrtpSession.create(km, SrtpSession.Role.DTLS_CLIENT, SrtpSession.DEFAULT_MAX_SSRCS);
    }

    /** The relay's session with an endpoint and the endpoint's (browser's) own, from one keying material. */
    private record Peers(SrtpSession relay, SrtpSession browser) implements AutoCloseable {
        static Peers of(SrtpProfile profile) {
            SrtpKeyingMaterial km = km(profile);
            return new Peers(SrtpSession.forRelay(km), browserSession(km));
        }

        @Override
        public void close() {
            relay.close();
            browser.close();
        }
    }

    private static SrtpDropReason reason(int result) {
        assertThat(result).as("expected a drop").isNegative();
        return SrtpDropReason.of(result);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripBothDirectionsAtAnOffset(SrtpProfile profile) {
        try (Peers peers = Peers.of(profile)) {
            SrtpSession relay = peers.relay();
            SrtpSession browser = peers.browser();
            for (int i = 0; i < 50; i++) {
                byte[] rtp = i % 5 == 0 ? Packets.rtpWithCsrcsAndExtension(SSRC, 1000 + i, 300 + i)
                        : Packets.rtp(SSRC, 1000 + i, 3000L * i, 1 + 23 * i, i);
                byte[] rtcp = Packets.rtcp(SSRC + 1, 8 + 4 * i, i);
                // browser -> relay
                assertRoundTrip(rtp, browser::protectRtp, relay::unprotectRtp, relay.rtpOverhead());
                assertRoundTrip(rtcp, browser::protectRtcp, relay::unprotectRtcp, relay.rtcpOverhead());
                // relay -> browser
                assertRoundTrip(rtp, relay::protectRtp, browser::unprotectRtp, relay.rtpOverhead());
                assertRoundTrip(rtcp, relay::protectRtcp, browser::unprotectRtcp, relay.rtcpOverhead());
            }
            SrtpStats stats = relay.stats();
            assertThat(stats.rtpProtected()).isEqualTo(50);
            assertThat(stats.rtcpProtected()).isEqualTo(50);
            assertThat(stats.rtpUnprotected()).isEqualTo(50);
            assertThat(stats.rtcpUnprotected()).isEqualTo(50);
            assertThat(stats.protectDroppedTotal()).isZero();
            assertThat(stats.unprotectDroppedTotal()).isZero();
        }
    }

    interface Op {
        int apply(byte[] buf, int off, int len);
    }

    /** Protects at offset 13 of a larger buffer, unprotects in place, checks bytes around are untouched. */
    private static void assertRoundTrip(byte[] plain, Op protect, Op unprotect, int overhead) {
        int off = 13;
        byte[] buf = new byte[off + plain.length + overhead + 9];
        Arrays.fill(buf, (byte) 0x5A);
        System.arraycopy(plain, 0, buf, off, plain.length);
        int protectedLength = protect.apply(buf, off, plain.length);
        assertThat(protectedLength).isEqualTo(plain.length + overhead);
        if (plain.length > 12) { // beyond any fixed header something must be encrypted
            assertThat(Arrays.copyOfRange(buf, off, off + plain.length)).isNotEqualTo(plain);
        }
        int plainLength = unprotect.apply(buf, off, protectedLength);
        assertThat(plainLength).isEqualTo(plain.length);
        assertThat(Arrays.copyOfRange(buf, off, off + plainLength)).isEqualTo(plain);
        for (int i = 0; i < off; i++) {
            assertThat(buf[i]).isEqualTo((byte) 0x5A);
        }
        for (int i = off + protectedLength; i < buf.length; i++) {
            assertThat(buf[i]).isEqualTo((byte) 0x5A);
        }
    }

    @Test
    void overheadConstantsCoverEveryProfile() {
        int maxRtp = 0;
        int maxRtcp = 0;
        for (SrtpProfile p : SrtpProfile.values()) {
            maxRtp = Math.max(maxRtp, SrtpSession.rtpOverhead(p));
            maxRtcp = Math.max(maxRtcp, SrtpSession.rtcpOverhead(p));
        }
        assertThat(SrtpSession.MAX_RTP_OVERHEAD).isEqualTo(maxRtp);
        assertThat(SrtpSession.MAX_RTCP_OVERHEAD).isEqualTo(maxRtcp);
        assertThat(SrtpSession.rtpOverhead(SrtpProfile.AES128_CM_HMAC_SHA1_80)).isEqualTo(10);
        assertThat(SrtpSession.rtcpOverhead(SrtpProfile.AES128_CM_HMAC_SHA1_80)).isEqualTo(14);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everyTamperedByteIsRejectedAndLeavesNoTrace(SrtpProfile profile) {
        try (Peers peers = Peers.of(profile)) {
            SrtpSession relay = peers.relay();
            SrtpSession browser = peers.browser();
            byte[] srtp = protectRtp(browser, Packets.rtp(SSRC, 7, 7, 160, 1));
            byte[] srtcp = protectRtcp(browser, Packets.rtcp(SSRC, 32, 1));
            int authFails = 0;
            for (int i = 0; i < srtp.length; i++) {
                byte[] t = srtp.clone();
                t[i] ^= (byte) (1 << (i % 8));
                SrtpDropReason r = reason(relay.unprotectRtp(t, 0, t.length));
                if (i == 0) {
                    assertThat(r).isIn(SrtpDropReason.MALFORMED, SrtpDropReason.AUTH_FAIL);
                } else {
                    assertThat(r).as("byte %d", i).isEqualTo(SrtpDropReason.AUTH_FAIL);
                }
                authFails += r == SrtpDropReason.AUTH_FAIL ? 1 : 0;
            }
            for (int i = 1; i < srtcp.length; i++) {
                byte[] t = srtcp.clone();
                t[i] ^= (byte) 0x01;
                SrtpDropReason r = reason(relay.unprotectRtcp(t, 0, t.length));
                assertThat(r).as("byte %d", i).isEqualTo(SrtpDropReason.AUTH_FAIL);
                authFails++;
            }
            assertThat(relay.stats().unprotectDropped(SrtpDropReason.AUTH_FAIL)).isEqualTo(authFails);
            // The untouched packets still pass: failed attempts did not move any replay window.
            assertThat(unprotectRtp(relay, srtp)).hasSize(srtp.length - relay.rtpOverhead());
            assertThat(unprotectRtcp(relay, srtcp)).hasSize(srtcp.length - relay.rtcpOverhead());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedPacketsAreDropped(SrtpProfile profile) {
        try (Peers peers = Peers.of(profile)) {
            SrtpSession relay = peers.relay();
            SrtpSession browser = peers.browser();
            byte[] srtp = protectRtp(browser, Packets.rtp(SSRC, 500, 0, 100, 2));
            byte[] srtcp = protectRtcp(browser, Packets.rtcp(SSRC, 24, 2));
            unprotectRtp(relay, srtp);
            unprotectRtcp(relay, srtcp);
            byte[] again = srtp.clone();
            assertThat(reason(relay.unprotectRtp(again, 0, again.length))).isEqualTo(SrtpDropReason.REPLAY_DUPLICATE);
            again = srtcp.clone();
            assertThat(reason(relay.unprotectRtcp(again, 0, again.length))).isEqualTo(SrtpDropReason.REPLAY_DUPLICATE);
            assertThat(relay.stats().unprotectDropped(SrtpDropReason.REPLAY_DUPLICATE)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void outOfOrderInsideTheWindowPassesAndFarBehindIsDropped(SrtpProfile profile) {
        try (Peers peers = Peers.of(profile)) {
            SrtpSession relay = peers.relay();
            SrtpSession browser = peers.browser();
            byte[] oldest = protectRtp(browser, Packets.rtp(SSRC, 1000, 0, 50, 3));
            byte[] middle = protectRtp(browser, Packets.rtp(SSRC, 1050, 0, 50, 3));
            byte[] newest = protectRtp(browser, Packets.rtp(SSRC, 1100, 0, 50, 3));
            unprotectRtp(relay, newest);
            unprotectRtp(relay, middle); // 50 behind: inside the 64-packet window
            byte[] t = oldest.clone();
            assertThat(reason(relay.unprotectRtp(t, 0, t.length))).isEqualTo(SrtpDropReason.REPLAY_OLD);

            List<byte[]> rtcp = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                rtcp.add(protectRtcp(browser, Packets.rtcp(SSRC, 16, i)));
            }
            unprotectRtcp(relay, rtcp.get(69));
            unprotectRtcp(relay, rtcp.get(10));
            t = rtcp.get(0).clone();
            assertThat(reason(relay.unprotectRtcp(t, 0, t.length))).isEqualTo(SrtpDropReason.REPLAY_OLD);
            assertThat(relay.stats().unprotectDropped(SrtpDropReason.REPLAY_OLD)).isEqualTo(2);
        }
    }

    @Test
    void protectingTheSameSequenceNumberTwiceIsRefused() {
        SrtpKeyingMaterial km = km(SrtpProfile.AEAD_AES_128_GCM);
        try (SrtpSession relay = SrtpSession.forRelay(km)) {
            byte[] rtp = Packets.rtp(SSRC, 9, 0, 100, 4);
            protectRtp(relay, rtp);
            byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpSession.MAX_RTP_OVERHEAD);
            assertThat(reason(relay.protectRtp(buf, 0, rtp.length))).isEqualTo(SrtpDropReason.REPLAY_DUPLICATE);
            assertThat(relay.stats().protectDropped(SrtpDropReason.REPLAY_DUPLICATE)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void ssrcContextsAreBoundedPerDirection(SrtpProfile profile) {
        SrtpKeyingMaterial km = km(profile);
        int limit = SrtpSession.DEFAULT_MAX_SSRCS;
        try (SrtpSession relay = SrtpSession.forRelay(km);
             SrtpSession browser = SrtpSession.create(km, SrtpSession.Role.DTLS_CLIENT, limit + 1)) {
            for (int s = 0; s < limit + 1; s++) {
                byte[] srtp = protectRtp(browser, Packets.rtp(s, 1, 0, 20, s));
                byte[] srtcp = protectRtcp(browser, Packets.rtcp(s, 8, s));
                int rtpResult = relay.unprotectRtp(srtp, 0, srtp.length);
                int rtcpResult = relay.unprotectRtcp(srtcp, 0, srtcp.length);
                if (s < limit) {
                    assertThat(rtpResult).isPositive();
                    assertThat(rtcpResult).isPositive();
                } else {
                    assertThat(reason(rtpResult)).isEqualTo(SrtpDropReason.UNKNOWN_SSRC_LIMIT);
                    assertThat(reason(rtcpResult)).isEqualTo(SrtpDropReason.UNKNOWN_SSRC_LIMIT);
                }
            }
            // known SSRCs keep working
            unprotectRtp(relay, protectRtp(browser, Packets.rtp(0, 2, 0, 20, 0)));
            // and the outbound side has its own bound
            for (int s = 0; s < limit; s++) {
                protectRtp(relay, Packets.rtp(1000 + s, 1, 0, 20, s));
            }
            byte[] rtp = Packets.rtp(5000, 1, 0, 20, 0);
            byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpSession.MAX_RTP_OVERHEAD);
            assertThat(reason(relay.protectRtp(buf, 0, rtp.length))).isEqualTo(SrtpDropReason.UNKNOWN_SSRC_LIMIT);
            SrtpStats stats = relay.stats();
            assertThat(stats.unprotectDropped(SrtpDropReason.UNKNOWN_SSRC_LIMIT)).isEqualTo(2);
            assertThat(stats.protectDropped(SrtpDropReason.UNKNOWN_SSRC_LIMIT)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void forgedSsrcsDoNotUseUpTheTable(SrtpProfile profile) {
        SrtpKeyingMaterial km = km(profile);
        Random random = new Random(9);
        try (SrtpSession relay = SrtpSession.create(km, SrtpSession.Role.DTLS_SERVER, 2);
             SrtpSession browser = browserSession(km)) {
            for (int s = 100; s < 110; s++) {
                byte[] forged = Packets.rtp(s, 1, 0, 60, s);
                random.nextBytes(forged);
                forged[0] = (byte) 0x80;
                assertThat(reason(relay.unprotectRtp(forged, 0, forged.length))).isEqualTo(SrtpDropReason.AUTH_FAIL);
            }
            unprotectRtp(relay, protectRtp(browser, Packets.rtp(1, 1, 0, 20, 1)));
            unprotectRtp(relay, protectRtp(browser, Packets.rtp(2, 1, 0, 20, 2)));
            byte[] third = protectRtp(browser, Packets.rtp(3, 1, 0, 20, 3));
            assertThat(reason(relay.unprotectRtp(third, 0, third.length))).isEqualTo(SrtpDropReason.UNKNOWN_SSRC_LIMIT);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectWithoutSpareRoomIsRefusedAndLeavesThePacketAlone(SrtpProfile profile) {
        try (SrtpSession relay = SrtpSession.forRelay(km(profile))) {
            byte[] rtp = Packets.rtp(SSRC, 1, 0, 40, 5);
            byte[] buf = Arrays.copyOf(rtp, rtp.length + relay.rtpOverhead() - 1);
            assertThat(reason(relay.protectRtp(buf, 0, rtp.length))).isEqualTo(SrtpDropReason.NO_ROOM);
            assertThat(Arrays.copyOf(buf, rtp.length)).isEqualTo(rtp);
            byte[] rtcp = Packets.rtcp(SSRC, 16, 5);
            buf = Arrays.copyOf(rtcp, rtcp.length + relay.rtcpOverhead() - 1);
            assertThat(reason(relay.protectRtcp(buf, 0, rtcp.length))).isEqualTo(SrtpDropReason.NO_ROOM);
            assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
            assertThat(relay.stats().protectDropped(SrtpDropReason.NO_ROOM)).isEqualTo(2);
        }
    }

    @Test
    void shortMalformedAndOutOfBoundsInputsGetReasons() {
        try (SrtpSession relay = SrtpSession.forRelay(km(SrtpProfile.AES128_CM_HMAC_SHA1_80))) {
            byte[] buf = new byte[64];
            assertThat(reason(relay.unprotectRtp(null, 0, 10))).isEqualTo(SrtpDropReason.BAD_BOUNDS);
            assertThat(reason(relay.unprotectRtp(buf, -1, 10))).isEqualTo(SrtpDropReason.BAD_BOUNDS);
            assertThat(reason(relay.unprotectRtp(buf, 60, 10))).isEqualTo(SrtpDropReason.BAD_BOUNDS);
            assertThat(reason(relay.protectRtcp(buf, 1, Integer.MAX_VALUE))).isEqualTo(SrtpDropReason.BAD_BOUNDS);
            assertThat(reason(relay.unprotectRtp(buf, 0, 21))).isEqualTo(SrtpDropReason.TOO_SHORT);
            assertThat(reason(relay.unprotectRtcp(buf, 0, 21))).isEqualTo(SrtpDropReason.TOO_SHORT);
            assertThat(reason(relay.protectRtp(buf, 0, 11))).isEqualTo(SrtpDropReason.TOO_SHORT);
            assertThat(reason(relay.protectRtcp(buf, 0, 7))).isEqualTo(SrtpDropReason.TOO_SHORT);
            // version 0
            assertThat(reason(relay.unprotectRtp(buf, 0, 40))).isEqualTo(SrtpDropReason.MALFORMED);
            // 15 CSRCs announced in a 40-byte packet
            buf[0] = (byte) 0x8F;
            assertThat(reason(relay.unprotectRtp(buf, 0, 40))).isEqualTo(SrtpDropReason.MALFORMED);
            assertThat(reason(relay.protectRtp(buf, 0, 40))).isEqualTo(SrtpDropReason.MALFORMED);
            // extension of 0xFFFF words
            buf[0] = (byte) 0x90;
            buf[14] = (byte) 0xFF;
            buf[15] = (byte) 0xFF;
            assertThat(reason(relay.unprotectRtp(buf, 0, 40))).isEqualTo(SrtpDropReason.MALFORMED);
            SrtpStats stats = relay.stats();
            assertThat(stats.unprotectDropped(SrtpDropReason.BAD_BOUNDS)).isEqualTo(3);
            assertThat(stats.protectDropped(SrtpDropReason.BAD_BOUNDS)).isEqualTo(1);
            assertThat(stats.unprotectDropped(SrtpDropReason.MALFORMED)).isEqualTo(3);
        }
    }

    @Test
    void gcmSrtcpWithoutEncryptionIsUnsupported() {
        try (Peers peers = Peers.of(SrtpProfile.AEAD_AES_128_GCM)) {
            SrtpSession relay = peers.relay();
            SrtpSession browser = peers.browser();
            byte[] srtcp = protectRtcp(browser, Packets.rtcp(SSRC, 16, 6));
            srtcp[srtcp.length - 4] &= 0x7F;
            assertThat(reason(relay.unprotectRtcp(srtcp, 0, srtcp.length))).isEqualTo(SrtpDropReason.UNSUPPORTED);
        }
    }

    @Test
    void closedSessionsDropEverything() {
        SrtpSession relay = SrtpSession.forRelay(km(SrtpProfile.AES128_CM_HMAC_SHA1_80));
        relay.close();
        byte[] rtp = Packets.rtp(SSRC, 1, 0, 40, 5);
        byte[] buf = Arrays.copyOf(rtp, rtp.length + 16);
        assertThat(reason(relay.protectRtp(buf, 0, rtp.length))).isEqualTo(SrtpDropReason.CLOSED);
        assertThat(reason(relay.unprotectRtp(buf, 0, rtp.length))).isEqualTo(SrtpDropReason.CLOSED);
        assertThat(relay.stats().protectDropped(SrtpDropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void warmUpRoundTripsEveryProfile() {
        assertThat(SrtpSession.warmUp()).isTrue();
    }

    @Test
    void dropCodesDecodeBackToTheirReasons() {
        for (SrtpDropReason r : SrtpDropReason.values()) {
            assertThat(r.code()).isNegative();
            assertThat(SrtpDropReason.isDrop(r.code())).isTrue();
            assertThat(SrtpDropReason.of(r.code())).isSameAs(r);
        }
        assertThat(SrtpDropReason.isDrop(0)).isFalse();
        assertThatThrownBy(() -> SrtpDropReason.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpDropReason.of(-1 - SrtpDropReason.values().length))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Several forwarding threads protect into one receiver at once; everything must decrypt. */
    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void concurrentProtectIntoOneEndpoint(SrtpProfile profile) throws Exception {
        int threads = 4;
        int packets = 1500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Peers peers = Peers.of(profile)) {
            SrtpSession relay = peers.relay();
            SrtpSession browser = peers.browser();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int ssrc = 0x7000 + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<byte[]> out = new ArrayList<>();
                    for (int i = 0; i < packets; i++) {
                        out.add(i % 10 == 9 ? protectRtcp(relay, Packets.rtcp(ssrc, 40, i))
                                : protectRtp(relay, Packets.rtp(ssrc, i, i * 960L, 200 + i % 900, i)));
                    }
                    return out;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<byte[]> protectedPackets = results.get(t).get(60, TimeUnit.SECONDS);
                int ssrc = 0x7000 + t;
                for (int i = 0; i < packets; i++) {
                    if (i % 10 == 9) {
                        assertThat(unprotectRtcp(browser, protectedPackets.get(i))).isEqualTo(Packets.rtcp(ssrc, 40, i));
                    } else {
                        assertThat(unprotectRtp(browser, protectedPackets.get(i)))
                                .isEqualTo(Packets.rtp(ssrc, i, i * 960L, 200 + i % 900, i));
                    }
                }
            }
            SrtpStats stats = relay.stats();
            assertThat(stats.rtpProtected() + stats.rtcpProtected()).isEqualTo((long) threads * packets);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * 20,000 random and mutated packets into every operation: each call returns a length or a
     * reason, never throws, and no mutated packet authenticates.
     */
    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void garbageAndMutationsNeverThrowAndNeverAuthenticate(SrtpProfile profile) {
        Random rnd = new Random(0xF022L + profile.ordinal());
        try (Peers peers = Peers.of(profile)) {
            SrtpSession relay = peers.relay();
            SrtpSession browser = peers.browser();
            List<byte[]> srtp = new ArrayList<>();
            List<byte[]> srtcp = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                srtp.add(protectRtp(browser, i % 4 == 0 ? Packets.rtpWithCsrcsAndExtension(SSRC, i, i * 7)
                        : Packets.rtp(SSRC + i % 3, i, i, rnd.nextInt(1200), i)));
                srtcp.add(protectRtcp(browser, Packets.rtcp(SSRC + i % 3, 8 + 4 * rnd.nextInt(50), i)));
            }
            // establish the contexts with half of the real packets, so mutations of those hit
            // the replay check and mutations of the rest hit authentication
            for (int i = 0; i < 20; i++) {
                unprotectRtp(relay, srtp.get(i));
                unprotectRtcp(relay, srtcp.get(i));
            }
            long calls = 40;
            long inboundCalls = 0;
            for (int i = 0; i < 20_000; i++) {
                boolean rtp = rnd.nextBoolean();
                byte[] packet;
                boolean mutated = i % 2 == 0;
                if (mutated) {
                    byte[] original = (rtp ? srtp : srtcp).get(rnd.nextInt(40));
                    packet = mutate(original, rnd);
                    if (Arrays.equals(packet, original)) {
                        continue;
                    }
                } else {
                    packet = new byte[rnd.nextInt(1500)];
                    rnd.nextBytes(packet);
                    if (packet.length > 0 && rnd.nextBoolean()) {
                        packet[0] = (byte) (0x80 | (packet[0] & 0x3F));
                    }
                }
                int off = rnd.nextInt(8);
                byte[] buf = new byte[off + packet.length + rnd.nextInt(24)];
                System.arraycopy(packet, 0, buf, off, packet.length);
                int len = rnd.nextInt(20) == 0 ? packet.length + rnd.nextInt(64) : packet.length;
                int in = rtp ? relay.unprotectRtp(buf, off, len) : relay.unprotectRtcp(buf, off, len);
                calls++;
                inboundCalls++;
                assertThat(in).as(mutated ? "mutated packet authenticated" : "garbage authenticated").isNegative();
                SrtpDropReason.of(in);
                System.arraycopy(packet, 0, buf, off, packet.length);
                int out = rtp ? relay.protectRtp(buf, off, Math.min(len, buf.length - off))
                        : relay.protectRtcp(buf, off, Math.min(len, buf.length - off));
                calls++;
                if (out < 0) {
                    SrtpDropReason.of(out);
                }
            }
            SrtpStats stats = relay.stats();
            assertThat(stats.unprotectDroppedTotal()).isEqualTo(inboundCalls);
            assertThat(stats.rtpProtected() + stats.rtcpProtected() + stats.protectDroppedTotal()
                    + stats.rtpUnprotected() + stats.rtcpUnprotected()
                    + stats.unprotectDroppedTotal()).isEqualTo(calls);
            assertThat(stats.unprotectDropped(SrtpDropReason.AUTH_FAIL)).isPositive();
            assertThat(stats.unprotectDropped(SrtpDropReason.REPLAY_DUPLICATE)).isPositive();
            // the undelivered real packets still authenticate after all that
            for (int i = 20; i < 40; i++) {
                unprotectRtp(relay, srtp.get(i));
                unprotectRtcp(relay, srtcp.get(i));
            }
        }
    }

    private static byte[] mutate(byte[] original, Random rnd) {
        byte[] p = original.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    p[rnd.nextInt(p.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> p = Arrays.copyOf(p, rnd.nextInt(p.length));
            case 2 -> {
                p = Arrays.copyOf(p, p.length + 1 + rnd.nextInt(32));
                for (int k = original.length; k < p.length; k++) {
                    p[k] = (byte) rnd.nextInt();
                }
            }
            default -> {
                int at = rnd.nextInt(p.length);
                p[at] = (byte) rnd.nextInt();
                p[rnd.nextInt(p.length)] = 0;
            }
        }
        return p;
    }
}
