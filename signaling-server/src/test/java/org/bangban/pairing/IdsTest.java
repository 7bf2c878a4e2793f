package org.bangban.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdsTest {
    private static final long T0 = 1_700_000_000_000L;
    private final Ids ids = new Ids();

    private static String hex12(long millis) {
        return String.format("%012x", millis);
    }

    @Test
    void requestIdsSortInArrivalOrderWithinAndAcrossMilliseconds() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) made.add(ids.request(T0));
        made.add(ids.request(T0 + 1));
        made.add(ids.request(T0 + 1));
        made.add(ids.request(T0 + 0x10_0000));

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made).allSatisfy(id -> assertThat(id).matches("r[0-9a-f]{12}[0-9a-f]{4}[0-9a-f]{6}"));
        assertThat(made.get(0)).startsWith("r" + hex12(T0) + "0000");
        assertThat(made.get(4)).startsWith("r" + hex12(T0) + "0004");
        assertThat(made.get(5)).startsWith("r" + hex12(T0 + 1) + "0000");
    }

    @Test
    void aClockReadingOlderThanOneUsedAlreadyStillGetsANewLaterId() {
        String later = ids.request(T0 + 1);
        String first = ids.request(T0); // read the clock before the other thread, made its id after
        String again = ids.request(T0);

        assertThat(List.of(later, first, again)).isSorted().doesNotHaveDuplicates();
        assertThat(first).startsWith("r" + hex12(T0 + 1) + "0001");
        assertThat(ids.request(T0 + 2)).startsWith("r" + hex12(T0 + 2) + "0000");
    }

    @Test
    void aFullCounterCarriesIntoTheNextMillisecond() {
        String last = null;
        for (int i = 0; i <= 0xffff; i++) last = ids.request(T0);
        assertThat(last).startsWith("r" + hex12(T0) + "ffff");
        assertThat(ids.request(T0)).startsWith("r" + hex12(T0 + 1) + "0000");
    }

    @Test
    void sessionIdsAreDistinct() {
        String a = ids.session(T0);
        String b = ids.session(T0);
        assertThat(a).matches("s[0-9a-f]{12}[0-9a-f]{12}").startsWith("s" + hex12(T0));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void manyThreadsInOneMillisecondGetDistinctIds() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t % 2; // half the threads read a clock one millisecond ahead
            runs.add(pool.submit(() -> {
                for (int i = 0; i < 1_000; i++) seen.add(ids.request(T0 + (i % 2 == 0 ? offset : 0)));
            }));
        }
        for (Future<?> f : runs) f.get(1, TimeUnit.MINUTES);
        pool.shutdown();
        assertThat(seen).hasSize(8_000);
    }
}
