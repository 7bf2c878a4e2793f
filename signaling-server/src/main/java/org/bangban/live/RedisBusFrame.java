package org.bangban.live;

/**
 * One message of {@link RedisMessageBus} as published: the sending node's id, then for a delivery the principal
 * and the JSON. Text form: {@code <nodeId> <principalLength> <principalId><json>} for a delivery, {@code <nodeId>}
 * for a kick (node ids have no spaces; the principal's length makes any principal id safe).
 *
 * @param nodeId      the node that published it
 * @param principalId the principal a delivery is for; null for a kick
 * @param json        the message of a delivery; null for a kick
 */
record RedisBusFrame(String nodeId, String principalId, String json) {

    static String delivery(String nodeId, String principalId, String json) {
        return nodeId + ' ' + principalId.length() + ' ' + principalId + json;
    }

    static String kick(String nodeId) {
        return nodeId;
    }

    /** Reads a published frame; throws IllegalArgumentException when it is not one. */
    static RedisBusFrame parse(String text) {
        int first = text.indexOf(' ');
        if (first < 0) return new RedisBusFrame(text, null, null);
        int second = text.indexOf(' ', first + 1);
        if (first == 0 || second < 0) throw new IllegalArgumentException("no principal length");
        int length;
        try {
            length = Integer.parseInt(text.substring(first + 1, second));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("principal length is not a number");
        }
        int principalEnd = second + 1 + length;
        if (length < 0 || principalEnd > text.length()) throw new IllegalArgumentException("principal cut short");
        return new RedisBusFrame(text.substring(0, first), text.substring(second + 1, principalEnd),
                text.substring(principalEnd));
    }
}
