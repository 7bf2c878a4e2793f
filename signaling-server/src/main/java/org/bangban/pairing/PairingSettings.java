package org.bangban.pairing;

import java.time.Duration;
import org.bangban.config.Config;

/** The pairing engine's tunables (see bangban-defaults.properties for each). */
public record PairingSettings(Duration offerTimeout, int autoAwayAfter, Duration wrapUp, int maxQueueLength,
                              Duration greenHeadStart, Duration transferHeadStart, Duration queueUpdateInterval,
                              Duration queueUpdateQuietInterval) {

    public static PairingSettings from(Config c) {
        int autoAway = c.integer("pairing.auto.away.after");
        if (autoAway < 1) throw new Config.ConfigException("pairing.auto.away.after must be at least 1, was " + autoAway);
        int max = c.integer("queue.max.length");
        if (max < 1) throw new Config.ConfigException("queue.max.length must be at least 1, was " + max);
        return new PairingSettings(c.duration("pairing.offer.timeout"), autoAway, c.duration("pairing.wrapup"), max,
                c.duration("pairing.green.head.start"), c.duration("pairing.transfer.head.start"),
                c.duration("queue.update.interval"), c.duration("queue.update.quiet.interval"));
    }
}
