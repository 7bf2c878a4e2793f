package org.bangban.live;

import java.util.Optional;
import org.bangban.queue.HelpRequest;

/** A waiting request taken out of the queue (cancelled or abandoned), with the offer it had open, if any. */
public record Withdrawn(HelpRequest request, Optional<OpenOffer> openOffer) {
}
