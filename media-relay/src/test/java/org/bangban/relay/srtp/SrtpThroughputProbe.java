package org.bangban.relay.srtp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.jitsi.srtp.crypto.Aes;

/**
 * A hand-run measurement, not a test (surefire does not pick it up): how many protect+unprotect
 * pairs of 1,200-byte RTP packets one thread does per CPU-second (thread CPU time, so other
 * load on the machine matters less), per profile. Run with the test
 * classpath; an optional argument names the jitsi-srtp AES factory ("SunJCE", "BouncyCastle",
 * "OpenSSL") instead of letting jitsi-srtp benchmark and pick the fastest.
 */
final class SrtpThroughputProbe {

    private static final int PACKET = 1200;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        if (args.length > 0) {
            Aes.setFactoryClassName(args[0]);
        }
        long w = System.nanoTime();
        System.out.printf("warmUp() %s in %.0f ms%n", SrtpSession.warmUp() ? "ok" : "FAILED", (System.nanoTime() - w) / 1e6);
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpKeyingMaterial km = Packets.keyingMaterial(profile, new Random(1));
            long t0 = System.nanoTime();
            try (SrtpSession browser = SrtpSession.create(km, SrtpSession.Role.DTLS_CLIENT, 64);
                 SrtpSession relay = SrtpSession.forRelay(km)) {
                byte[] plain = Packets.rtp(0x1234, 0, 0, PACKET - 12, 1);
                byte[] buf = new byte[PACKET + SrtpSession.MAX_RTP_OVERHEAD];
                int seq = 0;
                seq = run(browser, relay, plain, buf, seq, 1);
                System.out.printf("%s: first packet after warm-up %.2f ms%n", profile, (System.nanoTime() - t0) / 1e6);
                long warmUpEnd = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < warmUpEnd) {
                    seq = run(browser, relay, plain, buf, seq, 10_000);
                }
                int pairs = 0;
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                long end = start + 5_000_000_000L;
                while (System.nanoTime() < end) {
                    seq = run(browser, relay, plain, buf, seq, 10_000);
                    pairs += 10_000;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf("%s: %,.0f protect+unprotect pairs per CPU-second (%,.0f per wall second)"
                        + " of %d-byte RTP on one thread%n", profile, pairs / cpuSeconds, pairs / seconds, PACKET);
                long c0 = System.nanoTime();
                for (int ssrc = 1; ssrc <= 60; ssrc++) {
                    plain[8] = (byte) ssrc;
                    run(browser, relay, plain, buf, 0, 1);
                }
                System.out.printf("%s: %.0f us per new SSRC (one sender and one receiver context)%n",
                        profile, (System.nanoTime() - c0) / 1e3 / 60);
            }
        }
    }

    private static int run(SrtpSession sender, SrtpSession receiver, byte[] plain, byte[] buf, int seq, int n) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(plain, 0, buf, 0, plain.length);
            buf[2] = (byte) (seq >>> 8);
            buf[3] = (byte) seq;
            seq = (seq + 1) & 0xFFFF;
            int len = sender.protectRtp(buf, 0, plain.length);
            if (len < 0 || receiver.unprotectRtp(buf, 0, len) != plain.length) {
                throw new IllegalStateException("round trip failed: " + len);
            }
        }
        return seq;
    }
}
