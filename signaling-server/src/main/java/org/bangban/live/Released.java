package org.bangban.live;

import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;

/**
 * An offer given back by a decline or a timeout: the request waits again (without that helper), and the helper
 * may have been set away for missing too many offers in a row.
 */
public record Released(OpenOffer offer, HelpRequest request, HelperPresence helper, boolean setAway) {
}
