package org.bangban.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each waiting request stands in its queue (排队位置). A queue is an item category
 * ({@link HelpRequest#queue()}), the unit a service centre staffs; a place is counted among the requests of that
 * queue in the same language ({@link HelpRequest#placeQueue()}), the only ones that compete for the same helpers.
 */
public final class QueuePositions {

    /**
     * A waiting request's place.
     *
     * @param requestId   the request
     * @param queue       its queue (the item category)
     * @param position    1-based: 1 is served next in this queue among the requests in its language
     * @param queueLength how many requests in its language wait in this queue
     */
    public record Position(String requestId, String queue, int position, int queueLength) {
        public Position {
            if (requestId == null) throw new IllegalArgumentException("requestId is required");
            if (queue == null) throw new IllegalArgumentException("queue is required");
            if (position < 1 || position > queueLength)
                throw new IllegalArgumentException("position must be in 1.." + queueLength + ", was " + position);
        }
    }

    private QueuePositions() {
    }

    /**
     * The position of every request, in the order given.
     *
     * @param waitingInServiceOrder the waiting requests sorted by {@link Router#SERVICE_ORDER} (at least by
     *                              non-decreasing service key)
     * @throws IllegalArgumentException when the list is not in service order or holds a request twice
     */
    public static List<Position> of(List<HelpRequest> waitingInServiceOrder) {
        if (waitingInServiceOrder == null) throw new IllegalArgumentException("waiting requests are required");
        Map<String, Integer> lengths = new HashMap<>();
        for (HelpRequest r : waitingInServiceOrder) {
            if (r == null) throw new IllegalArgumentException("waiting requests must not contain null");
            lengths.merge(r.placeQueue(), 1, Integer::sum);
        }
        Map<String, Integer> reached = new HashMap<>();
        Set<String> ids = new HashSet<>();
        List<Position> positions = new ArrayList<>(waitingInServiceOrder.size());
        long previousKey = Long.MIN_VALUE;
        for (HelpRequest r : waitingInServiceOrder) {
            previousKey = inServiceOrder(r, previousKey);
            if (!ids.add(r.id()))
                throw new IllegalArgumentException("request " + r.id() + " is listed twice");
            String place = r.placeQueue();
            int position = reached.merge(place, 1, Integer::sum);
            positions.add(new Position(r.id(), r.queue(), position, lengths.get(place)));
        }
        return positions;
    }

    /**
     * The position of one request, without making the others': empty when it does not wait.
     *
     * @param waitingInServiceOrder the waiting requests sorted by {@link Router#SERVICE_ORDER}
     */
    public static Optional<Position> positionOf(List<HelpRequest> waitingInServiceOrder, String requestId) {
        if (waitingInServiceOrder == null) throw new IllegalArgumentException("waiting requests are required");
        if (requestId == null) throw new IllegalArgumentException("requestId is required");
        HelpRequest target = null;
        for (HelpRequest r : waitingInServiceOrder) {
            if (r == null) throw new IllegalArgumentException("waiting requests must not contain null");
            if (r.id().equals(requestId)) {
                target = r;
                break;
            }
        }
        if (target == null) return Optional.empty();
        String place = target.placeQueue();
        int position = 0;
        int length = 0;
        boolean reached = false;
        long previousKey = Long.MIN_VALUE;
        for (HelpRequest r : waitingInServiceOrder) {
            previousKey = inServiceOrder(r, previousKey);
            if (!r.placeQueue().equals(place)) continue;
            length++;
            if (!reached) position++;
            if (r == target) reached = true;
        }
        return Optional.of(new Position(requestId, target.queue(), position, length));
    }

    /** The request's service key, checked not to come before the previous one's. */
    private static long inServiceOrder(HelpRequest r, long previousKey) {
        if (r.serviceKey() < previousKey)
            throw new IllegalArgumentException("waiting requests are not in service order at " + r.id());
        return r.serviceKey();
    }

    /** {@link #of} keyed by request id. */
    public static Map<String, Position> byRequestId(List<HelpRequest> waitingInServiceOrder) {
        Map<String, Position> byId = new LinkedHashMap<>();
        for (Position p : of(waitingInServiceOrder)) byId.put(p.requestId(), p);
        return byId;
    }

    /** How many requests wait in each queue (all languages), in the order the queues first appear. */
    public static Map<String, Integer> queueLengths(List<HelpRequest> waiting) {
        if (waiting == null) throw new IllegalArgumentException("waiting requests are required");
        Map<String, Integer> lengths = new LinkedHashMap<>();
        for (HelpRequest r : waiting) {
            if (r == null) throw new IllegalArgumentException("waiting requests must not contain null");
            lengths.merge(r.queue(), 1, Integer::sum);
        }
        return lengths;
    }
}
