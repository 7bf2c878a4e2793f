package org.bangban.queue;

/**
 * An offer the router proposes: offer {@code request} to the helper {@code helperId}. Only a plan: the caller
 * reserves it atomically, and it may lose to another node.
 */
public record PlannedOffer(HelpRequest request, String helperId) {
    public PlannedOffer {
        if (request == null) throw new IllegalArgumentException("request is required");
        if (helperId == null) throw new IllegalArgumentException("helperId is required");
    }
}
