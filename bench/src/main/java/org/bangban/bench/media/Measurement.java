package org.bangban.bench.media;

import java.time.Duration;
import java.util.List;

/**
 * One measured window over running {@link MediaLoop}s: opens the {@link MeasureWindow}, lets the load run for the
 * duration, closes the window, stops the senders, waits until every probe of the window has arrived or the drain
 * time is up (what has not arrived by then is lost), stops the loops and sums the result. The hooks run right after
 * the window opens and right after it closes, to sample CPU times and server counters over the same span.
 */
public final class Measurement {

    /** Samples taken at the edges of the window. */
    public interface Edges {
        void opened() throws Exception;

        void closed() throws Exception;
    }

    private Measurement() {
    }

    /** Runs the window and returns what the receivers measured; the loops are closed afterwards. */
    public static MediaResult run(List<MediaLoop> loops, List<? extends MediaEndpoint> peers, MeasureWindow window,
                                  Duration duration, Duration drain, Edges edges) throws Exception {
        window.open(System.nanoTime());
        edges.opened();
        Thread.sleep(duration.toMillis()); // the load runs: this is the measured time, not a wait for a condition
        window.close(System.nanoTime());
        edges.closed();
        for (MediaLoop loop : loops) loop.stopSending();
        long expected = 0;
        for (MediaEndpoint p : peers) {
            for (StreamMeter m : p.meters()) expected += m.expected();
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline) {
            long received = 0;
            for (MediaLoop loop : loops) received += loop.receivedInWindow();
            if (received >= expected) break;
            Thread.sleep(20); // polling the condition above, bounded by the drain deadline
        }
        for (MediaLoop loop : loops) loop.close();
        return MediaResult.of(peers, window);
    }
}
