package org.bangban.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The router against the rule written the plain way: for each request in service order, every helper that can
 * take an offer (counting offers planned before) and is eligible is a candidate, and the strategy picks. The
 * router's indexes and shortcuts must give exactly the same plan, on random queues and on a large one — both with
 * a helper index made afresh from the snapshot and with one kept up to date change by change, as a node keeps it.
 */
class RouterReferenceTest {
    private static final long NOW = Fixtures.T0;
    private static final String[] LANGUAGES = {"zh", "zh", "zh", "en", "fr"};
    private static final String[] GROUPS = {"registration-backup", "senior", "night-shift", "tax-team"};
    private static final String[] DEPARTMENTS = {"市场监管局", "税务局", "人社局", "政务服务中心"};

    /** The plain rule. */
    static List<PlannedOffer> referencePlan(Eligibility eligibility, RoutingStrategy strategy,
                                            List<HelpRequest> waiting, Collection<HelperPresence> helpers,
                                            Set<String> openOffers, long now) {
        Map<String, HelperPresence> working = new LinkedHashMap<>();
        for (HelperPresence h : helpers) working.put(h.id(), h);
        List<PlannedOffer> plan = new ArrayList<>();
        for (HelpRequest r : waiting) {
            if (openOffers.contains(r.id())) continue;
            List<Candidate> candidates = new ArrayList<>();
            for (HelperPresence h : working.values()) {
                if (!h.canTakeOffer(now)) continue;
                int proficiency = eligibility.proficiency(r, h.profile(), now);
                if (proficiency > 0) candidates.add(new Candidate(h, proficiency));
            }
            if (candidates.isEmpty()) continue;
            HelperPresence chosen = strategy.pick(r, candidates, now).helper();
            working.put(chosen.id(), chosen.withPendingOffers(chosen.pendingOffers() + 1));
            plan.add(new PlannedOffer(r, chosen.id()));
        }
        return plan;
    }

    private record Scenario(List<HelpRequest> waiting, List<HelperPresence> helpers, Set<String> openOffers) {
    }

    private static Scenario scenario(Random rnd, int itemCount, int helperCount, int requestCount) {
        List<ServiceItem> items = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            items.add(new ServiceItem("item-" + i, "事项" + i, "Item " + i, "category-" + (i % 4),
                    DEPARTMENTS[i % DEPARTMENTS.length], rnd.nextInt(3) > 0,
                    rnd.nextBoolean() ? GROUPS[rnd.nextInt(GROUPS.length)] : null));
        }
        List<String> helperIds = new ArrayList<>();
        for (int i = 0; i < helperCount; i++) helperIds.add(String.format("helper-%04d", i));
        List<HelperPresence> helpers = new ArrayList<>();
        for (String id : helperIds) {
            Fixtures.RandomAbilities abilities = Fixtures.RandomAbilities.draw(rnd, items, 4, GROUPS);
            int max = 1 + rnd.nextInt(3);
            int active = rnd.nextInt(max + 1);
            int pending = rnd.nextInt(2);
            int state = rnd.nextInt(20);
            HelperStatus chosen = state == 0 ? HelperStatus.OFFLINE : state == 1 ? HelperStatus.AWAY
                    : HelperStatus.AVAILABLE;
            long wrapUpUntil = state == 2 ? NOW + 5_000 : state == 3 ? NOW - 5_000 : 0;
            long idleSince = NOW - 1_000L * rnd.nextInt(50); // few distinct values: many ties
            HelperProfile p = new HelperProfile(id, id, abilities.skills(), abilities.languages(),
                    DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)], abilities.groups(), max);
            helpers.add(new HelperPresence(p, chosen, active, pending, idleSince, wrapUpUntil, 0, null));
        }
        List<HelpRequest> waiting = new ArrayList<>();
        Set<String> openOffers = new HashSet<>();
        for (int i = 0; i < requestCount; i++) {
            String id = "request-" + i;
            boolean green = rnd.nextInt(8) == 0;
            int route = rnd.nextInt(40);
            String required = route == 0 ? helperIds.get(rnd.nextInt(helperCount)) : null;
            String targetGroup = route == 1 ? GROUPS[rnd.nextInt(GROUPS.length)] : null;
            String preferred = rnd.nextInt(5) == 0 ? helperIds.get(rnd.nextInt(helperCount)) : null;
            Set<String> declined = new HashSet<>();
            if (rnd.nextInt(5) == 0) {
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) declined.add(helperIds.get(rnd.nextInt(helperCount)));
            }
            if (required != null && rnd.nextInt(4) == 0) declined.add(required);
            boolean transfer = required != null || targetGroup != null;
            PriorityClass priority = green ? PriorityClass.GREEN : PriorityClass.NORMAL;
            waiting.add(new HelpRequest(id, "applicant-" + i, items.get(rnd.nextInt(itemCount)),
                    rnd.nextInt(6) == 0 ? ServiceKind.DELEGATE : ServiceKind.ASSIST,
                    LANGUAGES[rnd.nextInt(LANGUAGES.length)], priority, green ? GreenReason.ELDERLY : null,
                    preferred, required, targetGroup, "", NOW - rnd.nextInt(5 * 60_000),
                    RoutingConfig.headStartFor(priority, transfer), declined));
            if (rnd.nextInt(10) == 0) openOffers.add(id);
        }
        waiting.sort(Router.SERVICE_ORDER);
        return new Scenario(waiting, helpers, openOffers);
    }

    private static void assertSamePlans(Supplier<RoutingStrategy> strategies, int seeds) {
        for (int seed = 0; seed < seeds; seed++) {
            Scenario s = scenario(new Random(seed), 12, 40, 80);
            Router router = new Router(RoutingConfig.defaults(), strategies.get());
            RoutingStrategy reference = strategies.get();
            for (int pass = 0; pass < 2; pass++) { // a second pass keeps any state (round robin's cursor)
                List<PlannedOffer> expected = referencePlan(router.eligibility(), reference, s.waiting(),
                        s.helpers(), s.openOffers(), NOW);
                assertThat(router.plan(s.waiting(), s.helpers(), s.openOffers(), NOW))
                        .as("seed %d pass %d", seed, pass).containsExactlyElementsOf(expected);
            }

            // the same through an index kept from pass to pass: earlier states and a pass on them first
            Router kept = new Router(RoutingConfig.defaults(), strategies.get());
            RoutingStrategy keptReference = strategies.get();
            HelperIndex index = kept.newIndex();
            Random rnd = new Random(seed + 1_000_000L);
            List<HelperPresence> earlier = new ArrayList<>();
            for (HelperPresence h : s.helpers()) earlier.add(earlierState(rnd, h));
            index.advanceTo(NOW - 60_000);
            index.putAll(earlier);
            assertThat(kept.plan(s.waiting(), index, s.openOffers(), NOW - 30_000)).as("earlier, seed %d", seed)
                    .containsExactlyElementsOf(referencePlan(kept.eligibility(), keptReference, s.waiting(), earlier,
                            s.openOffers(), NOW - 30_000));
            List<HelperPresence> shuffled = new ArrayList<>(s.helpers());
            Collections.shuffle(shuffled, rnd);
            for (HelperPresence h : shuffled) index.put(h);
            for (int pass = 0; pass < 2; pass++) {
                List<PlannedOffer> expected = referencePlan(kept.eligibility(), keptReference, s.waiting(),
                        s.helpers(), s.openOffers(), NOW);
                assertThat(kept.plan(s.waiting(), index, s.openOffers(), NOW))
                        .as("kept index, seed %d pass %d", seed, pass).containsExactlyElementsOf(expected);
            }
        }
    }

    /** Another presence of the same helper, as it may have been before: other state, load, wrap-up and idle time. */
    static HelperPresence earlierState(Random rnd, HelperPresence h) {
        HelperStatus[] states = {HelperStatus.AVAILABLE, HelperStatus.AVAILABLE, HelperStatus.AWAY, HelperStatus.OFFLINE};
        int max = h.profile().maxSessions();
        return new HelperPresence(h.profile(), states[rnd.nextInt(states.length)], rnd.nextInt(max + 1),
                rnd.nextInt(2), NOW - 1_000L * rnd.nextInt(100), rnd.nextBoolean() ? 0 : NOW - 60_000 + rnd.nextInt(120_000),
                0, null);
    }

    @Test
    void proficiencyThenLongestIdleMatchesThePlainRule() {
        assertSamePlans(ProficiencyThenLongestIdle::new, 300);
    }

    @Test
    void longestIdleMatchesThePlainRule() {
        assertSamePlans(LongestIdle::new, 300);
    }

    @Test
    void fewestSessionsMatchesThePlainRule() {
        assertSamePlans(FewestSessions::new, 300);
    }

    @Test
    void roundRobinMatchesThePlainRule() {
        assertSamePlans(RoundRobin::new, 300);
    }

    @Test
    void aStrategyOfAnotherKindIsShownEveryEligibleHelper() {
        RoutingStrategy custom = Fixtures.largestIdStrategy();
        assertSamePlans(() -> custom, 300);
    }

    @Test
    void tenThousandWaitingAndAThousandHelpers() {
        Scenario s = scenario(new Random(42), 200, 1_000, 10_000);
        for (StrategyName name : List.of(StrategyName.PROFICIENCY_THEN_LONGEST_IDLE, StrategyName.FEWEST_SESSIONS)) {
            Router router = new Router(RoutingConfig.defaults().withStrategy(name));
            List<PlannedOffer> plan = router.plan(s.waiting(), s.helpers(), s.openOffers(), NOW);
            assertThat(plan).as("%s", name).containsExactlyElementsOf(referencePlan(router.eligibility(),
                    name.newStrategy(), s.waiting(), s.helpers(), s.openOffers(), NOW));

            // and, said directly: eligible, within room, one offer per request, none for an open offer
            Map<String, HelperPresence> byId = new HashMap<>();
            for (HelperPresence h : s.helpers()) byId.put(h.id(), h);
            Map<String, Integer> offersPerHelper = new HashMap<>();
            Set<String> offered = new HashSet<>();
            for (PlannedOffer o : plan) {
                HelperPresence h = byId.get(o.helperId());
                assertThat(h.canTakeOffer(NOW)).isTrue();
                assertThat(router.eligibility().isEligible(o.request(), h.profile(), NOW)).isTrue();
                assertThat(offered.add(o.request().id())).isTrue();
                assertThat(s.openOffers()).doesNotContain(o.request().id());
                offersPerHelper.merge(h.id(), 1, Integer::sum);
            }
            offersPerHelper.forEach((id, n) -> assertThat(n).isLessThanOrEqualTo(byId.get(id).freeCapacity()));
            assertThat(plan.size()).isGreaterThan(500); // 612 with this seed: not a trivial plan
        }
    }
}
