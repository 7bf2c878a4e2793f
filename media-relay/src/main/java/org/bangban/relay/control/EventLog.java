package org.bangban.relay.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps the last relay events for a controller that polls over HTTP, and wakes long-polls when
 * one arrives. Bounded: the oldest events fall off (a controller that fell that far behind sees
 * a gap in the sequence numbers and should resynchronise from stats).
 */
public final class EventLog implements RelayEvents {

    private final int capacity;
    private final Deque<RelayEvent> events = new ArrayDeque<>();
    private final List<Consumer<RelayEvent>> waiters = new ArrayList<>();
    private long nextSeq = 1;

    public EventLog(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void negotiationNeeded(String roomId, String endpointId) {
        add("negotiation-needed", roomId, endpointId, null);
    }

    @Override
    public void endpointClosed(String roomId, String endpointId, String reason) {
        add("endpoint-closed", roomId, endpointId, reason);
    }

    @Override
    public void roomClosed(String roomId, String reason) {
        add("room-closed", roomId, null, reason);
    }

    private void add(String type, String roomId, String endpointId, String reason) {
        List<Consumer<RelayEvent>> wake;
        RelayEvent event;
        synchronized (this) {
            event = new RelayEvent(nextSeq++, type, roomId, endpointId, reason);
            events.addLast(event);
            while (events.size() > capacity) {
                events.removeFirst();
            }
            wake = new ArrayList<>(waiters);
            waiters.clear();
        }
        wake.forEach(w -> w.accept(event));
    }

    /** Events with a sequence number above {@code after}, oldest first. */
    public synchronized List<RelayEvent> after(long after) {
        List<RelayEvent> out = new ArrayList<>();
        for (RelayEvent e : events) {
            if (e.seq() > after) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Calls {@code onEvent} once, when the next event arrives — or returns false and does not
     * register when there are already events after {@code after} (read them instead).
     */
    public synchronized boolean awaitNext(long after, Consumer<RelayEvent> onEvent) {
        if (!events.isEmpty() && events.peekLast().seq() > after) {
            return false;
        }
        waiters.add(onEvent);
        return true;
    }

    public synchronized void cancel(Consumer<RelayEvent> waiter) {
        waiters.remove(waiter);
    }

    public synchronized long lastSeq() {
        return nextSeq - 1;
    }
}
