package org.bangban.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes' buses on one Redis: deliveries reach every node once, kicks reach every node. */
class RedisMessageBusTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String PREFIX = RedisTestSupport.randomPrefix();
    private static RedisClient clientA;
    private static RedisClient clientB;

    private RedisMessageBus nodeA;
    private RedisMessageBus nodeB;
    private final List<String> deliveredOnA = new CopyOnWriteArrayList<>();
    private final List<String> deliveredOnB = new CopyOnWriteArrayList<>();
    private final AtomicInteger kicksOnA = new AtomicInteger();
    private final AtomicInteger kicksOnB = new AtomicInteger();

    @BeforeAll
    static void connect() {
        clientA = RedisTestSupport.client();
        clientB = RedisTestSupport.client();
    }

    @AfterAll
    static void disconnect() {
        try {
            if (clientA != null) RedisTestSupport.deleteAllKeys(clientA, PREFIX);
        } finally {
            if (clientA != null) clientA.shutdown();
            if (clientB != null) clientB.shutdown();
        }
    }

    @BeforeEach
    void startBuses() {
        nodeA = new RedisMessageBus(clientA, PREFIX);
        nodeB = new RedisMessageBus(clientB, PREFIX);
        nodeA.onDelivery((principal, json) -> deliveredOnA.add(principal + "|" + json));
        nodeB.onDelivery((principal, json) -> deliveredOnB.add(principal + "|" + json));
        nodeA.onKick(kicksOnA::incrementAndGet);
        nodeB.onKick(kicksOnB::incrementAndGet);
    }

    @AfterEach
    void stopBuses() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aDeliveryReachesEveryNodeExactlyOnce() {
        String hello = "{\"type\":\"offer\",\"text\":\"您好 a b\\nc\"}";
        nodeA.deliver("applicant 1", hello);
        nodeA.deliver("helper-7", "{\"type\":\"marker\"}");
        WaitFor.until("the marker on node B", DEADLINE, () -> deliveredOnB.contains("helper-7|{\"type\":\"marker\"}"));

        // node B publishes after node A's messages were published, so A receives its own echoes before this one
        nodeB.deliver("x", "{\"type\":\"barrier\"}");
        WaitFor.until("the barrier on node A", DEADLINE, () -> deliveredOnA.contains("x|{\"type\":\"barrier\"}"));

        List<String> expected = List.of("applicant 1|" + hello, "helper-7|{\"type\":\"marker\"}",
                "x|{\"type\":\"barrier\"}");
        assertThat(deliveredOnA).as("node A: own deliveries at once, its echo ignored").isEqualTo(expected);
        assertThat(deliveredOnB).isEqualTo(expected);
    }

    @Test
    void aDeliveryHereStaysOnItsNode() {
        nodeA.deliverHere("applicant 1", "{\"type\":\"queue.update\"}");
        assertThat(deliveredOnA).containsExactly("applicant 1|{\"type\":\"queue.update\"}");
        // a delivery published after it reaches node B; the one before never does
        nodeA.deliver("x", "{\"type\":\"barrier\"}");
        WaitFor.until("the barrier on node B", DEADLINE, () -> deliveredOnB.contains("x|{\"type\":\"barrier\"}"));
        assertThat(deliveredOnB).containsExactly("x|{\"type\":\"barrier\"}");
    }

    @Test
    void aKickReachesEveryNode() {
        nodeA.kick();
        assertThat(kicksOnA).as("the kicking node at once").hasValue(1);
        WaitFor.until("the kick on node B", DEADLINE, () -> kicksOnB.get() == 1);

        nodeB.kick();
        WaitFor.until("the second kick on node A", DEADLINE, () -> kicksOnA.get() == 2);

        // barriers in both directions: any echo handled twice would have arrived before them
        nodeA.deliver("p", "{\"barrier\":\"to B\"}");
        nodeB.deliver("p", "{\"barrier\":\"to A\"}");
        WaitFor.until("both barriers", DEADLINE, () -> deliveredOnA.contains("p|{\"barrier\":\"to A\"}")
                && deliveredOnB.contains("p|{\"barrier\":\"to B\"}"));
        assertThat(kicksOnA).hasValue(2);
        assertThat(kicksOnB).hasValue(2);
    }

    @Test
    void aFailingHandlerDoesNotStopTheBus() {
        nodeB.onDelivery((principal, json) -> {
            if (json.contains("boom")) throw new IllegalStateException("handler failure for the test");
            deliveredOnB.add(principal + "|" + json);
        });
        nodeA.deliver("p", "{\"boom\":true}");
        nodeA.deliver("p", "{\"after\":true}");

        WaitFor.until("the delivery after the failure", DEADLINE, () -> deliveredOnB.contains("p|{\"after\":true}"));
    }

    @Test
    void framesCarryAnyPrincipalAndMessage() {
        String frame = RedisBusFrame.delivery("node-1", "张 三 7", "{\"a\":\"x y\"}\n");
        assertThat(RedisBusFrame.parse(frame)).isEqualTo(new RedisBusFrame("node-1", "张 三 7", "{\"a\":\"x y\"}\n"));
        assertThat(RedisBusFrame.parse(RedisBusFrame.kick("node-1"))).isEqualTo(new RedisBusFrame("node-1", null, null));
        assertThat(RedisBusFrame.parse(RedisBusFrame.delivery("n", "", "{}"))).isEqualTo(new RedisBusFrame("n", "", "{}"));
    }
}
