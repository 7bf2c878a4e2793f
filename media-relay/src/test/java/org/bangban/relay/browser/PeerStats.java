package org.bangban.relay.browser;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the stats summary the browser-test clients return ({@code inbound} by mid with
 * {@code kind}, {@code packetsReceived}, {@code framesDecoded}, {@code trackIdentifier};
 * {@code pubPair}/{@code subPair} with {@code address}, {@code port}, {@code protocol}), and
 * waiting on a condition with a deadline.
 */
public final class PeerStats {

    private PeerStats() {
    }

    public static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /** True when {@code expected} inbound streams flow: audio packets arrive, video frames decode. */
    public static boolean decoding(Map<String, Map<String, Object>> inbound, int expected) {
        long ok = inbound.values().stream().filter(s -> "audio".equals(s.get("kind"))
                ? num(s.get("packetsReceived")) > 0 : num(s.get("framesDecoded")) > 0).count();
        return ok >= expected;
    }

    /** True when the inbound stream of this msid track id has received packets. */
    public static boolean hears(Map<String, Map<String, Object>> inbound, String trackId) {
        return inbound.values().stream().anyMatch(s -> trackId.equals(s.get("trackIdentifier"))
                && num(s.get("packetsReceived")) > 0);
    }

    /** The mid of the inbound stream of this msid track id. */
    public static String midOf(Map<String, Map<String, Object>> inbound, String trackId) {
        return inbound.entrySet().stream().filter(e -> trackId.equals(e.getValue().get("trackIdentifier")))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no inbound " + trackId + " in " + inbound));
    }

    /** Both connections' selected pairs lead to the relay: this protocol and port (and address, when given). */
    @SuppressWarnings("unchecked")
    public static void assertPairsReachRelay(String who, Map<String, Object> stats, String protocol, int port,
                                             String address) {
        for (String pair : List.of("pubPair", "subPair")) {
            Map<String, Object> p = (Map<String, Object>) stats.get(pair);
            assertThat(p).as(who + " " + pair + ": a selected pair").isNotNull();
            if (protocol != null) {
                assertThat(p.get("protocol")).as(who + " " + pair).isEqualTo(protocol);
            }
            if (address != null) {
                assertThat(p.get("address")).as(who + " " + pair + ": only the relay is a peer").isEqualTo(address);
            }
            assertThat(num(p.get("port"))).as(who + " " + pair).isEqualTo(port);
        }
    }

    public static void waitFor(BooleanSupplier condition, long timeoutMillis, String what) {
        waitFor(condition, timeoutMillis, () -> what);
    }

    /** Polls the condition until it holds, failing with {@code what} after the deadline. */
    public static void waitFor(BooleanSupplier condition, long timeoutMillis, Supplier<String> what) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for: " + what.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get());
            }
        }
    }
}
