package org.bangban.bench.media.peer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.bangban.bench.media.EndpointSocket;
import org.bangban.bench.media.MeasureWindow;
import org.bangban.bench.media.MediaLoop;
import org.bangban.bench.media.OutboundStream;
import org.bangban.bench.media.StreamMeter;
import org.bangban.bench.media.StreamSpec;
import org.bangban.bench.media.SummaryLine;

/**
 * coturn relaying the same load as Bangban's 1:1 sessions: per session the applicant holds a TURN allocation with
 * a channel to the helper, a plain UDP socket; both send microphone and camera streams and receive each other's,
 * every packet crossing coturn once. Prints and returns the {@code BENCH media peer=coturn} line.
 */
public final class CoturnScenario {
    private static final int CHANNEL = TurnClient.FIRST_CHANNEL;

    private final PeerOptions o;

    public CoturnScenario(PeerOptions options) {
        this.o = options;
    }

    public SummaryLine run() throws Exception {
        MeasureWindow window = new MeasureWindow();
        List<TurnEndpoint> endpoints = new ArrayList<>();
        List<MediaLoop> loops = new ArrayList<>();
        try (Coturn coturn = Coturn.start(o.sessions())) {
            System.out.printf("media: coturn pid %d on %s, relay ports %s, %d relay threads (its default: one per "
                    + "core), log %s%n", coturn.pid(), coturn.address(), coturn.relayPorts(), coturn.relayThreads(),
                    coturn.logFile());
            for (int i = 0; i < o.loops(); i++) loops.add(new MediaLoop("bench-coturn-loop-" + i, 1_000_000));
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            int ids = 0;
            long t0 = System.nanoTime();
            for (int s = 0; s < o.sessions(); s++) {
                DatagramChannel applicantSocket = EndpointSocket.open(loopback);
                DatagramChannel helperSocket = EndpointSocket.open(loopback);
                TurnAllocation allocation;
                try {
                    allocation = TurnAllocation.open(applicantSocket, coturn.address(), coturn.username(),
                            coturn.password(), (InetSocketAddress) helperSocket.getLocalAddress(), CHANNEL);
                } catch (java.io.IOException e) {
                    applicantSocket.close();
                    helperSocket.close();
                    coturn.requireAlive("during the allocations");
                    throw new java.io.IOException("session " + s + ": " + e.getMessage(), e);
                }
                TurnEndpoint applicant = TurnEndpoint.applicant("coturn-" + s + "/applicant", applicantSocket,
                        allocation, o.srtpTag());
                TurnEndpoint helper = TurnEndpoint.helper("coturn-" + s + "/helper", helperSocket,
                        allocation.relayed(), o.srtpTag());
                endpoints.add(applicant);
                endpoints.add(helper);
                for (StreamSpec spec : List.of(StreamSpec.microphone(), StreamSpec.camera(o.videoKbps()))) {
                    OutboundStream up = new OutboundStream(++ids, spec, 0x10000 + ids * 16, window);
                    applicant.send(up);
                    helper.expect(new StreamMeter(up, window));
                    OutboundStream down = new OutboundStream(++ids, spec, 0x10000 + ids * 16, window);
                    helper.send(down);
                    applicant.expect(new StreamMeter(down, window));
                }
                loops.get((2 * s) % loops.size()).add(applicant);
                loops.get((2 * s + 1) % loops.size()).add(helper);
            }
            System.out.printf("media: coturn: %d allocations with a channel each in %.1f s%n", o.sessions(),
                    (System.nanoTime() - t0) / 1e9);
            SummaryLine line = PeerMeasurement.run("coturn", coturn.pid(), o, loops, endpoints, window);
            coturn.requireAlive("during the run");
            long refused = endpoints.stream().filter(e -> e.refreshFailure() != null).count();
            line.put("turn_refresh_refused", refused).put("relay_threads", coturn.relayThreads());
            for (TurnEndpoint e : endpoints) e.close();
            line.put("peer_exit", coturn.stop());
            return line;
        } finally {
            for (MediaLoop loop : loops) loop.close();
            for (TurnEndpoint e : endpoints) e.close();
        }
    }
}
