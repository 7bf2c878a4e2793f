package org.bangban.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.live.InMemoryLiveState;
import org.bangban.live.LiveState;
import org.bangban.live.WaitFor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Grace periods on two nodes sharing one live state (the in-memory one stands for Redis here; the marks' contract
 * runs on both in {@code LiveStateContract}): who is lost, when, and by which node.
 */
class PresenceServiceTest {
    static final Duration GRACE = Duration.ofMillis(300);
    static final Duration WAIT = Duration.ofSeconds(5);
    final LiveState live = new InMemoryLiveState();
    final Queue<String> lost = new ConcurrentLinkedQueue<>();
    final List<Node> nodes = new ArrayList<>();
    final Principal applicant = Principal.guest("guest:a1");
    final Principal helper = new Principal("staff:h1", Role.HELPER, "h1", false);

    /** One node: its own connections and its presence service. */
    final class Node {
        final Set<String> here = ConcurrentHashMap.newKeySet();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final PresenceService presence;

        Node(String id) {
            this(id, GRACE);
        }

        Node(String id, Duration grace) {
            presence = new PresenceService(grace, Duration.ofSeconds(30), id, live, Clock.systemUTC(), here::contains,
                    () -> List.copyOf(here), h -> lost.add(id + " lost " + h), a -> lost.add(id + " lost " + a), registry);
            nodes.add(this);
        }

        void connect(Principal p) {
            here.add(p.id());
            presence.connected(p, false);
        }

        void drop(Principal p) {
            here.remove(p.id());
            presence.lastConnectionClosed(p);
        }

        double elsewhere() {
            return registry.counter("bangban.presence.grace.restored.elsewhere").count();
        }

        double expired() {
            return registry.counter("bangban.presence.grace.expired").count();
        }
    }

    @AfterEach
    void close() {
        nodes.forEach(n -> n.presence.close());
    }

    @Test
    void aPrincipalWhoDoesNotComeBackIsLostByTheNodeThatSawItGo() {
        Node a = new Node("node-a");
        a.connect(applicant);
        a.connect(helper);
        long t0 = System.nanoTime();
        a.drop(applicant);
        a.drop(helper);

        WaitFor.until("both lost", WAIT, () -> lost.size() == 2);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(GRACE.toNanos());
        assertThat(lost).containsExactlyInAnyOrder("node-a lost guest:a1", "node-a lost staff:h1");
    }

    @Test
    void aPrincipalBackOnAnotherNodeWithinTheGracePeriodIsNotLost() {
        Node a = new Node("node-a");
        Node b = new Node("node-b");
        a.connect(applicant);
        a.connect(helper);
        a.drop(applicant);
        a.drop(helper);
        b.connect(applicant);
        b.connect(helper);

        WaitFor.until("node A's grace periods to run out", WAIT, () -> a.elsewhere() == 2);
        assertThat(lost).isEmpty();
        assertThat(a.expired()).isZero();
    }

    @Test
    void whenItLeavesTheSecondNodeTooThatNodeLosesItAfterItsOwnGracePeriod() {
        Duration longer = GRACE.multipliedBy(3);
        Node a = new Node("node-a");
        Node b = new Node("node-b", longer); // so node A's grace period surely ends first
        a.connect(applicant);
        a.drop(applicant);
        b.connect(applicant);
        b.drop(applicant);
        long bDropped = System.nanoTime();

        WaitFor.until("node A's grace period to run out", WAIT, () -> a.elsewhere() == 1);
        assertThat(lost).as("node A does not act on node B's departure").isEmpty();
        WaitFor.until("node B to lose it", WAIT, () -> !lost.isEmpty());
        assertThat(System.nanoTime() - bDropped).isGreaterThanOrEqualTo(longer.toNanos());
        assertThat(lost).containsExactly("node-b lost guest:a1");
    }

    @Test
    void aReconnectToTheSameNodeCancelsItsGracePeriod() {
        Node a = new Node("node-a");
        a.connect(helper);
        a.drop(helper);
        a.connect(helper);

        WaitFor.until("the reconnect to be counted", WAIT,
                () -> a.registry.counter("bangban.presence.grace.restored").count() == 1);
        assertThat(a.registry.get("bangban.presence.grace.pending").gauge().value()).isZero();
        assertThat(lost).isEmpty();
    }

    @Test
    void aClosedNodeLosesNobody() {
        Node a = new Node("node-a");
        Node b = new Node("node-b");
        a.connect(applicant);
        a.drop(applicant);
        a.presence.close();
        a.connect(helper); // ignored once closed: no mark, no grace period
        a.drop(helper);
        Principal witness = Principal.guest("guest:witness");
        b.connect(witness);
        b.drop(witness); // after node A's drops, with the same grace period

        WaitFor.until("node B's grace period to run out", WAIT, () -> !lost.isEmpty());
        assertThat(lost).containsExactly("node-b lost guest:witness");
        assertThat(live.connectionMarks(helper.id()).marks()).isEmpty();
    }
}
