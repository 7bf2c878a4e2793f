package org.bangban.live;

/** An offer of a waiting request to one helper, reserved until it is accepted, declined or expires. */
public record OpenOffer(String requestId, String helperId, long offeredAt, long expiresAt) {
}
