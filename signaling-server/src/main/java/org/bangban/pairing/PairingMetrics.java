package org.bangban.pairing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.bangban.live.LiveState;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceItem;

/** The pairing engine's meters on /metrics (names under bangban_). */
final class PairingMetrics {
    private final MeterRegistry registry;
    final Counter offers;
    final Counter accepts;
    final Counter declines;
    final Counter timeouts;
    final Counter autoAway;
    final Counter transfers;
    final Counter sessionsEnded;
    final Counter callbacksRecorded;
    final Counter queueUpdates;
    final Counter snapshotRereads;
    final Timer dispatch;
    final Timer positionsPush;
    final Timer requestToOffer;
    final Timer offerToAccept;
    final Timer talkTime;

    PairingMetrics(MeterRegistry registry, LiveState live) {
        this.registry = registry;
        offers = Counter.builder("bangban.offers").description("Offers made to helpers").register(registry);
        accepts = Counter.builder("bangban.offers.accepted").description("Offers accepted").register(registry);
        declines = Counter.builder("bangban.offers.declined").description("Offers declined").register(registry);
        timeouts = Counter.builder("bangban.offers.timeouts").description("Offers not answered in time").register(registry);
        autoAway = Counter.builder("bangban.helpers.auto.away").description("Helpers set away after missed offers").register(registry);
        transfers = Counter.builder("bangban.sessions.transfers").description("Sessions transferred").register(registry);
        sessionsEnded = Counter.builder("bangban.sessions.ended").description("Sessions ended").register(registry);
        callbacksRecorded = Counter.builder("bangban.callbacks.recorded").description("Callback requests recorded").register(registry);
        queueUpdates = Counter.builder("bangban.queue.updates").description("Position/ETA updates pushed").register(registry);
        snapshotRereads = Counter.builder("bangban.pairing.snapshot.rereads")
                .description("Pairing passes that read the queue twice: a helper speaking another language became free between the view and the read")
                .register(registry);
        dispatch = Timer.builder("bangban.pairing.dispatch").description("One pairing pass").publishPercentileHistogram().register(registry);
        positionsPush = Timer.builder("bangban.queue.updates.push")
                .description("One push of queue positions and wait estimates to the applicants waiting on this node")
                .register(registry);
        requestToOffer = Timer.builder("bangban.pairing.request.to.offer").description("Request arrival to offer made")
                .publishPercentileHistogram().register(registry);
        offerToAccept = Timer.builder("bangban.pairing.offer.to.accept").description("Offer made to offer accepted")
                .publishPercentileHistogram().register(registry);
        talkTime = Timer.builder("bangban.sessions.duration").description("Session duration")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(2)).register(registry);
        Gauge.builder("bangban.sessions.live", live, LiveState::sessionCount).description("Live sessions").register(registry);
        Gauge.builder("bangban.queue.offers.open", live, LiveState::openOfferCount).description("Open offers").register(registry);
    }

    Counter requests(ServiceItem item, PriorityClass priority) {
        return Counter.builder("bangban.requests").description("Help requests queued")
                .tag("queue", item.category()).tag("priority", priority.name().toLowerCase(Locale.ROOT)).register(registry);
    }

    Counter ended(RequestOutcome outcome) {
        return Counter.builder("bangban.requests.ended").description("Help requests ended, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
    }

    Counter callbacksOffered(String reason) {
        return Counter.builder("bangban.callbacks.offered").description("Applicants told at once and offered a callback")
                .tag("reason", reason.toLowerCase(Locale.ROOT)).register(registry);
    }

    Timer waitTime(HelpRequest r, RequestOutcome outcome) {
        return Timer.builder("bangban.queue.wait").description("Time waited in the queue, by queue and outcome")
                .tag("queue", r.queue()).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(1)).register(registry);
    }
}
