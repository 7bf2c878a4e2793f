package org.bangban.relay.media;

import org.bangban.relay.RelayConfig;
import org.bangban.relay.dtls.DtlsCertificate;
import org.bangban.relay.room.EndpointRole;
import org.bangban.relay.room.TrackSource;
import org.bangban.relay.rtp.RtpPacket;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * A hand-run measurement, not a test (surefire does not pick it up): an in-process relay driven
 * over real UDP loopback by simulated 1:1 sessions (two endpoints each publishing Opus-sized audio
 * and ~1,200-byte video, each receiving the other's), with real ICE checks, DTLS and SRTP. Prints
 * packets forwarded per relay CPU-second (CPU of the relay's own threads), loss and the latency
 * from send to receive (timestamp in the payload). Until the bench module's media load generator
 * exists, this is how the packet path is profiled: run it under JFR.
 *
 * <p>Arguments: sessions (20), measured seconds (20), video packets/s per endpoint (260),
 * audio packets/s per endpoint (50), warm-up seconds (5).
 */
final class RelayLoadProbe {

    private static final int VIDEO_PACKET = 1200;
    private static final int AUDIO_PACKET = 100;
    private static final long AUDIO_SSRC = 3940619584L;
    private static final long VIDEO_SSRC = 4021978521L;

    private final List<Peer> peers = new ArrayList<>();
    private final long[] latencyMicros = new long[200_001];
    private volatile boolean recordLatency;
    private volatile boolean running = true;
    private long received;

    /** One simulated browser: a publish and a subscribe transport. */
    private static final class Peer {
        final ProbeTransport publish;
        ProbeTransport subscribe;
        final int index;
        long videoSent;
        long audioSent;
        int videoSeq;
        int audioSeq;
        long receivedRtp;

        Peer(int index, ProbeTransport publish) {
            this.index = index;
            this.publish = publish;
        }
    }

    public static void main(String[] args) throws Exception {
        int sessions = arg(args, 0, 20);
        int seconds = arg(args, 1, 20);
        int videoPps = arg(args, 2, 260);
        int audioPps = arg(args, 3, 50);
        int warmUp = arg(args, 4, 5);
        new RelayLoadProbe().run(sessions, seconds, videoPps, audioPps, warmUp);
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    private void run(int sessions, int seconds, int videoPps, int audioPps, int warmUp) throws Exception {
        double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        try (MediaRelay relay = MediaRelay.start(RelayConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1)
                .withAdvertised(List.of("127.0.0.1")))) {
            InetSocketAddress relayAddress = new InetSocketAddress("127.0.0.1", relay.udpPort());
            DtlsCertificate identity = DtlsCertificate.generate();
            String template = resource("/sdp/chromium-156-av-sendrecv-offer.sdp");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long setup = System.nanoTime();
            for (int s = 0; s < sessions; s++) {
                String room = "probe-" + s;
                relay.createRoom(room);
                relay.createEndpoint(room, "a", EndpointRole.PARTICIPANT);
                relay.createEndpoint(room, "b", EndpointRole.PARTICIPANT);
                for (String ep : List.of("a", "b")) {
                    Map<String, TrackSource> sources = new LinkedHashMap<>();
                    sources.put("0", TrackSource.MICROPHONE);
                    sources.put("1", TrackSource.CAMERA);
                    String answer = relay.applyOffer(room, ep, browserOffer(template, identity), sources);
                    peers.add(new Peer(peers.size(), new ProbeTransport(relayAddress, answer)));
                }
            }
            connectAll(pool, identity, peers.stream().map(p -> p.publish).toList());
            List<ProbeTransport> subs = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                for (int k = 0; k < 2; k++) {
                    String room = "probe-" + s;
                    String ep = k == 0 ? "a" : "b";
                    String offer = relay.createOffer(room, ep, false).orElseThrow();
                    relay.applyAnswer(room, ep, browserAnswer(offer, identity));
                    Peer peer = peers.get(2 * s + k);
                    peer.subscribe = new ProbeTransport(relayAddress, offer);
                    subs.add(peer.subscribe);
                }
            }
            connectAll(pool, identity, subs);
            pool.shutdown();
            System.out.printf("setup: %d sessions (%d transports) connected in %.1f s%n", sessions, 4 * sessions,
                    (System.nanoTime() - setup) / 1e9);

            Thread receiver = new Thread(this::receive, "probe-receiver");
            receiver.start();
            Thread sender = new Thread(() -> send(videoPps, audioPps), "probe-sender");
            sender.start();

            Thread.sleep(warmUp * 1000L);
            long[] cpu0 = relayCpuTicks();
            long out0 = relay.stats().packetsOut();
            long in0 = relay.stats().packetsIn();
            long sent0 = sent();
            long recv0 = receivedTotal();
            long process0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long wall0 = System.nanoTime();
            recordLatency = true;
            Thread.sleep(seconds * 1000L);
            recordLatency = false;
            long wall = System.nanoTime() - wall0;
            long[] cpu1 = relayCpuTicks();
            long user = (cpu1[0] - cpu0[0]) * 10_000_000L;
            long sys = (cpu1[1] - cpu0[1]) * 10_000_000L;
            long cpu = user + sys;
            long out = relay.stats().packetsOut() - out0;
            long in = relay.stats().packetsIn() - in0;
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() - process0;
            running = false;
            sender.join();
            long sentTotal = sent();
            Thread.sleep(500);
            receiver.join();
            long sent = sentTotal - sent0;
            long recv = receivedTotal() - recv0;
            System.out.printf("load average at start %.2f; %d sessions, %d video + %d audio packets/s per endpoint%n",
                    load, sessions, videoPps, audioPps);
            System.out.printf("relay: %,d packets in, %,d forwarded in %.1f s (%,.0f/s); relay threads %.2f CPU-s "
                            + "(%.2f user, %.2f system; %.0f%% of a core) -> %,.0f forwarded per relay CPU-second; whole process %.2f CPU-s%n",
                    in, out, wall / 1e9, out / (wall / 1e9), cpu / 1e9, user / 1e9, sys / 1e9, 100.0 * cpu / wall, out / (cpu / 1e9),
                    process / 1e9);
            System.out.printf("loss: sent %,d, received %,d (%.3f%%, window edges included)%n", sent, recv,
                    sent == 0 ? 0 : 100.0 * (sent - recv) / sent);
            System.out.printf("latency send->receive: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                    percentile(0.5) / 1e3, percentile(0.99) / 1e3, percentile(0.999) / 1e3, percentile(1.0) / 1e3);
            System.out.println("relay drops: " + relay.stats().dropped());
        }
    }

    private void connectAll(ExecutorService pool, DtlsCertificate identity, List<ProbeTransport> transports)
            throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (ProbeTransport t : transports) {
            done.add(pool.submit(() -> {
                t.connect(identity);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private long sent() {
        synchronized (peers) {
            long n = 0;
            for (Peer p : peers) {
                n += p.videoSent + p.audioSent;
            }
            return n;
        }
    }

    private long receivedTotal() {
        synchronized (latencyMicros) {
            return received;
        }
    }

    /** Paces every publisher's audio and video, each endpoint at its own phase. */
    private void send(int videoPps, int audioPps) {
        byte[] buf = new byte[VIDEO_PACKET + 64];
        long start = System.nanoTime();
        long nextConsent = start + 2_000_000_000L;
        int n = peers.size();
        try {
            while (running) {
                long now = System.nanoTime();
                synchronized (peers) {
                    for (Peer p : peers) {
                        double t = (now - start) / 1e9 + (double) p.index / n;
                        long videoDue = (long) (t * videoPps);
                        while (p.videoSent < videoDue) {
                            sendRtp(p, buf, true, now);
                        }
                        long audioDue = (long) (t * audioPps);
                        while (p.audioSent < audioDue) {
                            sendRtp(p, buf, false, now);
                        }
                    }
                }
                if (now > nextConsent) {
                    nextConsent = now + 2_000_000_000L;
                    for (Peer p : peers) {
                        p.publish.consentCheck();
                        p.subscribe.consentCheck();
                    }
                }
                LockSupport.parkNanos(200_000);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the probe could not send", e);
        }
    }

    private void sendRtp(Peer p, byte[] buf, boolean video, long now) throws IOException {
        int len = video ? VIDEO_PACKET : AUDIO_PACKET;
        int seq = video ? p.videoSeq++ : p.audioSeq++;
        long ssrc = video ? VIDEO_SSRC : AUDIO_SSRC;
        long ts = video ? (now / 1000) * 90 / 1000 : (now / 1000) * 48 / 1000;
        buf[0] = (byte) 0x80;
        buf[1] = (byte) (video ? 96 : 111);
        buf[2] = (byte) (seq >> 8);
        buf[3] = (byte) seq;
        putInt(buf, 4, (int) ts);
        putInt(buf, 8, (int) ssrc);
        long sentAt = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            buf[12 + i] = (byte) (sentAt >>> (56 - 8 * i));
        }
        int n = p.publish.srtp.protectRtp(buf, 0, len);
        if (n < 0) {
            throw new IllegalStateException("protect failed: " + n);
        }
        p.publish.channel.write(ByteBuffer.wrap(buf, 0, n));
        if (video) {
            p.videoSent++;
        } else {
            p.audioSent++;
        }
    }

    /** Reads every socket; decrypts what subscribe transports get and notes its latency. */
    private void receive() {
        try (Selector selector = Selector.open()) {
            for (Peer p : peers) {
                p.publish.channel.configureBlocking(false);
                p.publish.channel.register(selector, SelectionKey.OP_READ, null);
                p.subscribe.channel.configureBlocking(false);
                p.subscribe.channel.register(selector, SelectionKey.OP_READ, p);
            }
            ByteBuffer bb = ByteBuffer.allocate(2048);
            byte[] buf = bb.array();
            long quietUntil = 0;
            while (true) {
                if (!running) {
                    if (quietUntil == 0) {
                        quietUntil = System.nanoTime() + 400_000_000L;
                    } else if (System.nanoTime() > quietUntil) {
                        return;
                    }
                }
                if (selector.select(100) == 0) {
                    continue;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    java.nio.channels.DatagramChannel ch = (java.nio.channels.DatagramChannel) key.channel();
                    Peer p = (Peer) key.attachment();
                    while (true) {
                        bb.clear();
                        int len = ch.read(bb);
                        if (len <= 0) {
                            break;
                        }
                        if (p == null || (buf[0] & 0xC0) != 0x80 || ((buf[1] & 0xFF) >= 192 && (buf[1] & 0xFF) <= 223)) {
                            continue;
                        }
                        int n = p.subscribe.srtp.unprotectRtp(buf, 0, len);
                        if (n < 0) {
                            continue;
                        }
                        long now = System.nanoTime();
                        int h = RtpPacket.headerLength(buf, 0);
                        long sentAt = 0;
                        for (int i = 0; i < 8; i++) {
                            sentAt = (sentAt << 8) | (buf[h + i] & 0xFF);
                        }
                        synchronized (latencyMicros) {
                            received++;
                            if (recordLatency) {
                                latencyMicros[(int) Math.min(latencyMicros.length - 1, (now - sentAt) / 1000)]++;
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the probe could not receive", e);
        }
    }

    private long percentile(double q) {
        synchronized (latencyMicros) {
            long total = 0;
            for (long c : latencyMicros) {
                total += c;
            }
            long target = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < latencyMicros.length; i++) {
                seen += latencyMicros[i];
                if (seen >= target && latencyMicros[i] > 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * CPU time (user, system) in clock ticks of the relay's threads (I/O, timer, DTLS pool, all
     * named "bangban-relay...", which Linux shows truncated to 15 characters), from /proc.
     */
    private static long[] relayCpuTicks() throws IOException {
        long[] total = new long[2];
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (!stat.substring(open + 1, close).startsWith("bangban-relay")) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ");
                total[0] += Long.parseLong(f[11]);
                total[1] += Long.parseLong(f[12]);
            }
        }
        return total;
    }

    private static String browserOffer(String template, DtlsCertificate identity) {
        StringBuilder out = new StringBuilder();
        for (String line : template.split("\r?\n")) {
            if (line.startsWith("a=candidate:")) {
                continue;
            }
            if (line.startsWith("a=ice-ufrag:")) {
                line = "a=ice-ufrag:prbe";
            } else if (line.startsWith("a=ice-pwd:")) {
                line = "a=ice-pwd:probeprobeprobeprobeprobe";
            } else if (line.startsWith("a=fingerprint:")) {
                line = "a=fingerprint:" + identity.sdpFingerprint();
            } else if (line.equals("a=sendrecv")) {
                line = "a=sendonly";
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    private static String browserAnswer(String relayOffer, DtlsCertificate identity) {
        StringBuilder out = new StringBuilder();
        for (String line : relayOffer.split("\r?\n")) {
            if (line.startsWith("a=candidate:") || line.startsWith("a=ssrc") || line.startsWith("a=msid:")
                    || line.startsWith("a=end-of-candidates") || line.startsWith("a=ice-lite")) {
                continue;
            }
            if (line.startsWith("a=ice-ufrag:")) {
                line = "a=ice-ufrag:prbe";
            } else if (line.startsWith("a=ice-pwd:")) {
                line = "a=ice-pwd:probeprobeprobeprobeprobe";
            } else if (line.startsWith("a=fingerprint:")) {
                line = "a=fingerprint:" + identity.sdpFingerprint();
            } else if (line.startsWith("a=setup:")) {
                line = "a=setup:active";
            } else if (line.equals("a=sendonly") || line.equals("a=sendrecv")) {
                line = "a=recvonly";
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RelayLoadProbe.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
