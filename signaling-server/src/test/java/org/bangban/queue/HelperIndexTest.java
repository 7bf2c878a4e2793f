package org.bangban.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.queue.Fixtures.COMPANY_REGISTRATION;
import static org.bangban.queue.Fixtures.MINUTE;
import static org.bangban.queue.Fixtures.T0;
import static org.bangban.queue.Fixtures.TAX_RETURN;
import static org.bangban.queue.Fixtures.helper;
import static org.bangban.queue.Fixtures.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The helper index kept change by change must be the index built at once from the same presences: same buckets in
 * the same order, same wrap-up timers, same count of helpers able to take an offer, on random sequences of
 * changes (logins, state, load, wrap-up, idle time, profile, removal, the clock moving on and back). Plans made
 * on the way match the plain rule, a pass leaves the index as it found it, and the staffing answers match a count
 * over every helper.
 */
class HelperIndexTest {
    private static final String[] LANGUAGES = {"zh", "zh", "zh", "en", "fr"};
    private static final String[] GROUPS = {"registration-backup", "senior", "night-shift"};
    private static final String[] DEPARTMENTS = {"市场监管局", "税务局", "政务服务中心"};
    private static final List<ServiceItem> ITEMS = items();
    /** The states a helper may choose, available more often. */
    private static final HelperStatus[] CHOSEN = {HelperStatus.AVAILABLE, HelperStatus.AVAILABLE,
            HelperStatus.AVAILABLE, HelperStatus.AWAY, HelperStatus.OFFLINE};

    private static List<ServiceItem> items() {
        List<ServiceItem> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(new ServiceItem("item-" + i, "事项" + i, "Item " + i, "category-" + (i % 3),
                    DEPARTMENTS[i % DEPARTMENTS.length], i % 3 > 0, i % 2 == 0 ? GROUPS[i % GROUPS.length] : null));
        }
        return items;
    }

    // ------------------------------------------------------------------ random changes vs a rebuild

    @ParameterizedTest
    @EnumSource(StrategyName.class)
    void keptChangeByChangeEqualsARebuild(StrategyName strategy) {
        assertKeptEqualsRebuilt(strategy::newStrategy, 30);
    }

    @Test
    void aStrategyOfAnotherKindKeptChangeByChangeEqualsARebuild() {
        RoutingStrategy custom = Fixtures.largestIdStrategy();
        assertKeptEqualsRebuilt(() -> custom, 25);
    }

    private static void assertKeptEqualsRebuilt(Supplier<RoutingStrategy> strategies, int seeds) {
        for (int seed = 0; seed < seeds; seed++) {
            Random rnd = new Random(seed);
            Router router = new Router(RoutingConfig.defaults(), strategies.get());
            RoutingStrategy reference = strategies.get();
            HelperIndex index = router.newIndex();
            Map<String, HelperPresence> truth = new LinkedHashMap<>();
            long clock = T0;
            index.advanceTo(clock);
            for (int step = 0; step < 250; step++) {
                String what;
                int op = rnd.nextInt(20);
                if (op < 11 || truth.isEmpty()) {
                    String id = String.format("h%02d", rnd.nextInt(30));
                    HelperPresence before = truth.get(id);
                    HelperPresence next = before == null || rnd.nextInt(4) == 0
                            ? randomPresence(rnd, randomProfile(rnd, id), clock)
                            : nudged(rnd, before, clock);
                    truth.put(id, next);
                    index.put(next);
                    what = "put " + next;
                } else if (op == 11) {
                    String id = pick(rnd, truth);
                    truth.remove(id);
                    assertThat(index.remove(id)).isTrue();
                    what = "remove " + id;
                } else if (op < 15) {
                    clock += rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(20_000);
                    index.advanceTo(clock);
                    what = "clock on to " + clock;
                } else if (op == 15) {
                    clock -= rnd.nextInt(10_000);
                    index.advanceTo(clock);
                    what = "clock back to " + clock;
                } else if (op < 18) {
                    List<HelpRequest> waiting = randomWaiting(rnd, truth, clock);
                    Set<String> open = new HashSet<>();
                    for (HelpRequest r : waiting) if (rnd.nextInt(8) == 0) open.add(r.id());
                    Map<String, List<String>> before = index.describe();
                    List<PlannedOffer> expected = RouterReferenceTest.referencePlan(router.eligibility(), reference,
                            waiting, truth.values(), open, clock);
                    assertThat(router.plan(waiting, index, open, clock)).as("seed %d step %d plan", seed, step)
                            .containsExactlyElementsOf(expected);
                    assertThat(index.describe()).as("seed %d step %d: a pass leaves the index as it was", seed, step)
                            .isEqualTo(before);
                    what = "plan";
                } else {
                    for (HelpRequest r : randomWaiting(rnd, truth, clock)) {
                        assertThat(index.staffed(r, clock)).as("seed %d step %d staffed %s", seed, step, r)
                                .isEqualTo(naiveStaffed(router.eligibility(), r, truth.values(), clock));
                        assertThat(index.anyEligibleLoggedIn(r, clock)).as("seed %d step %d any %s", seed, step, r)
                                .isEqualTo(router.anyEligibleLoggedIn(r, truth.values(), clock));
                        HelperIndex.Staffing both = index.staffing(r, clock);
                        assertThat(both.staffed()).isEqualTo(index.staffed(r, clock));
                        assertThat(both.loggedIn() > 0).isEqualTo(index.anyEligibleLoggedIn(r, clock));
                        assertThat(both.loggedIn()).isGreaterThanOrEqualTo(both.staffed());
                    }
                    what = "staffing";
                }
                assertSameAsRebuilt(router, index, truth, clock, "seed " + seed + " step " + step + " after " + what);
            }
        }
    }

    private static void assertSameAsRebuilt(Router router, HelperIndex kept, Map<String, HelperPresence> truth,
                                            long clock, String where) {
        HelperIndex rebuilt = router.newIndex();
        rebuilt.advanceTo(clock);
        rebuilt.putAll(truth.values());
        assertThat(kept.describe()).as(where).isEqualTo(rebuilt.describe());
        assertThat(kept.wrapUpTimers()).as(where).isEqualTo(rebuilt.wrapUpTimers());
        assertThat(kept.canTakeOfferCount()).as(where).isEqualTo(rebuilt.canTakeOfferCount())
                .isEqualTo((int) truth.values().stream().filter(h -> h.canTakeOffer(clock)).count());
        assertThat(kept.size()).as(where).isEqualTo(truth.size());
        for (HelperPresence h : truth.values()) assertThat(kept.presence(h.id())).as(where).containsSame(h);
    }

    private static int naiveStaffed(Eligibility eligibility, HelpRequest r, Iterable<HelperPresence> helpers,
                                    long now) {
        int n = 0;
        for (HelperPresence h : helpers) {
            HelperStatus s = h.effectiveStatus(now);
            if (s != HelperStatus.OFFLINE && s != HelperStatus.AWAY && eligibility.isEligible(r, h.profile(), now)) n++;
        }
        return n;
    }

    private static String pick(Random rnd, Map<String, HelperPresence> truth) {
        return new ArrayList<>(truth.keySet()).get(rnd.nextInt(truth.size()));
    }

    private static HelperProfile randomProfile(Random rnd, String id) {
        Fixtures.RandomAbilities a = Fixtures.RandomAbilities.draw(rnd, ITEMS, 3, GROUPS);
        String department = rnd.nextInt(6) == 0 ? null : DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)];
        return new HelperProfile(id, id, a.skills(), a.languages(), department, a.groups(), 1 + rnd.nextInt(3));
    }

    private static HelperPresence randomPresence(Random rnd, HelperProfile p, long clock) {
        int active = rnd.nextInt(p.maxSessions() + 1);
        return new HelperPresence(p, CHOSEN[rnd.nextInt(CHOSEN.length)], active, rnd.nextInt(2),
                clock - 1_000L * rnd.nextInt(30), randomWrapUp(rnd, clock), 0, null);
    }

    private static long randomWrapUp(Random rnd, long clock) {
        return switch (rnd.nextInt(4)) {
            case 0 -> clock + rnd.nextInt(30_000);
            case 1 -> clock - rnd.nextInt(30_000);
            default -> 0;
        };
    }

    /** One small change, as the live state makes them: an offer, an accept, an end, a wrap-up, a state. */
    private static HelperPresence nudged(Random rnd, HelperPresence h, long clock) {
        HelperProfile p = h.profile();
        return switch (rnd.nextInt(6)) {
            case 0 -> h.withPendingOffers(h.pendingOffers() + 1);
            case 1 -> h.withPendingOffers(Math.max(0, h.pendingOffers() - 1));
            case 2 -> new HelperPresence(p, h.chosen(), Math.min(p.maxSessions(), h.activeSessions() + 1),
                    Math.max(0, h.pendingOffers() - 1), h.idleSince(), h.wrapUpUntil(), 0, null);
            case 3 -> new HelperPresence(p, h.chosen(), Math.max(0, h.activeSessions() - 1), h.pendingOffers(),
                    clock, clock + rnd.nextInt(30_000), h.missedOffers(), h.awayReason());
            case 4 -> new HelperPresence(p, h.chosen(), h.activeSessions(), h.pendingOffers(), h.idleSince(),
                    randomWrapUp(rnd, clock), h.missedOffers(), h.awayReason());
            default -> new HelperPresence(p, CHOSEN[rnd.nextInt(CHOSEN.length)], h.activeSessions(),
                    h.pendingOffers(), clock, h.wrapUpUntil(), 0, null);
        };
    }

    private static List<HelpRequest> randomWaiting(Random rnd, Map<String, HelperPresence> truth, long clock) {
        List<String> ids = new ArrayList<>(truth.keySet());
        List<HelpRequest> waiting = new ArrayList<>();
        for (int i = rnd.nextInt(25); i >= 0; i--) {
            String someone = ids.isEmpty() ? "nobody" : ids.get(rnd.nextInt(ids.size()));
            int route = rnd.nextInt(12);
            String required = route == 0 ? someone : null;
            String group = route == 1 ? GROUPS[rnd.nextInt(GROUPS.length)] : null;
            String preferred = rnd.nextInt(5) == 0 && !ids.isEmpty() ? ids.get(rnd.nextInt(ids.size())) : null;
            Set<String> declined = new HashSet<>();
            for (int k = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0; k > 0 && !ids.isEmpty(); k--) {
                declined.add(ids.get(rnd.nextInt(ids.size())));
            }
            boolean green = rnd.nextInt(6) == 0;
            PriorityClass priority = green ? PriorityClass.GREEN : PriorityClass.NORMAL;
            waiting.add(new HelpRequest("r" + i, "a" + i, ITEMS.get(rnd.nextInt(ITEMS.size())),
                    rnd.nextInt(5) == 0 ? ServiceKind.DELEGATE : ServiceKind.ASSIST,
                    LANGUAGES[rnd.nextInt(LANGUAGES.length)], priority, green ? GreenReason.ELDERLY : null, preferred,
                    required, group, "", clock - rnd.nextInt(4 * 60_000),
                    RoutingConfig.headStartFor(priority, required != null || group != null), declined));
        }
        waiting.sort(Router.SERVICE_ORDER);
        return waiting;
    }

    // ------------------------------------------------------------------ cases

    private final Router router = new Router(RoutingConfig.defaults());

    private static List<String> planned(List<PlannedOffer> offers) {
        return offers.stream().map(PlannedOffer::helperId).toList();
    }

    @Test
    void aHelperInWrapUpJoinsWhenTheClockPassesItsEnd() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0);
        index.put(helper("w").skill(COMPANY_REGISTRATION, 3).wrapUpUntil(T0 + 5_000).build());
        List<HelpRequest> q = List.of(request("r").build());

        assertThat(index.canTakeOfferCount()).isZero();
        assertThat(index.wrapUpTimers()).containsExactlyEntriesOf(Map.of("w", T0 + 5_000));
        assertThat(router.plan(q, index, Set.of(), T0 + 4_999)).isEmpty();
        assertThat(planned(router.plan(q, index, Set.of(), T0 + 5_000))).containsExactly("w");
        assertThat(index.wrapUpTimers()).isEmpty();
    }

    @Test
    void aHelperBusyAfterItsWrapUpGetsNoTimer() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0);
        index.put(helper("w").skill(COMPANY_REGISTRATION, 3).active(1).wrapUpUntil(T0 + 5_000).build());
        index.put(helper("a").skill(COMPANY_REGISTRATION, 3).status(HelperStatus.AWAY).wrapUpUntil(T0 + 5_000).build());
        assertThat(index.wrapUpTimers()).isEmpty();
        assertThat(index.canTakeOfferCount()).isZero();
    }

    @Test
    void aClockGoingBackTakesAHelperBackIntoItsWrapUp() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0 + 10_000);
        index.put(helper("w").skill(COMPANY_REGISTRATION, 3).wrapUpUntil(T0 + 5_000).build());
        assertThat(index.canTakeOfferCount()).isOne();

        index.advanceTo(T0);
        assertThat(index.canTakeOfferCount()).isZero();
        assertThat(router.plan(List.of(request("r").build()), index, Set.of(), T0)).isEmpty();
    }

    @Test
    void aPassCountsItsOffersAndThenLeavesTheIndexAsItFoundIt() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0);
        index.put(helper("three").skill(COMPANY_REGISTRATION, 3).maxSessions(3).active(1).build());
        index.put(helper("one").skill(COMPANY_REGISTRATION, 2).build());
        Map<String, List<String>> before = index.describe();
        List<HelpRequest> q = new ArrayList<>();
        for (int i = 0; i < 5; i++) q.add(request("r" + i).arrivedAt(T0 + i).build());

        assertThat(planned(router.plan(q, index, Set.of(), T0 + MINUTE))).containsExactly("three", "three", "one");
        assertThat(index.describe()).isEqualTo(before);
        assertThat(index.canTakeOfferCount()).isEqualTo(2);
        assertThat(planned(router.plan(q, index, Set.of(), T0 + MINUTE))).containsExactly("three", "three", "one");
    }

    @Test
    void aLanguageWhoseSpeakersCannotTakeAnOfferHasNoCandidateUntilOneCan() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0);
        index.put(helper("zh").skill(COMPANY_REGISTRATION, 3).maxSessions(5).build());
        index.put(helper("en").skill(COMPANY_REGISTRATION, 3).languages("en", "zh").status(HelperStatus.AWAY).build());
        List<HelpRequest> q = new ArrayList<>();
        for (int i = 0; i < 3; i++) q.add(request("en" + i).language("en").arrivedAt(T0 + i).build());
        q.add(request("zh").arrivedAt(T0 + 3).build());
        // the English speaker is on a break: the queue in English waits, the request behind it is served
        assertThat(planned(router.plan(q, index, Set.of(), T0 + MINUTE))).containsExactly("zh");
        assertThat(index.offerableLanguages()).containsExactly("zh");

        index.put(helper("en").skill(COMPANY_REGISTRATION, 3).languages("en", "zh").build());
        assertThat(index.offerableLanguages()).containsExactlyInAnyOrder("zh", "en");
        // back: it takes the first English request, after which nobody speaking English has room in this pass
        assertThat(planned(router.plan(q, index, Set.of(), T0 + MINUTE))).containsExactly("en", "zh");
        // the pass gave its room back
        assertThat(planned(router.plan(q, index, Set.of(), T0 + MINUTE))).containsExactly("en", "zh");

        index.put(helper("en").skill(COMPANY_REGISTRATION, 3).languages("en", "zh").active(1).build());
        assertThat(planned(router.plan(q, index, Set.of(), T0 + MINUTE))).containsExactly("zh");
        assertThat(index.offerableLanguages()).containsExactly("zh");
        index.remove("en");
        index.put(helper("en2").skill(COMPANY_REGISTRATION, 1).languages("en").build());
        assertThat(planned(router.plan(q, index, Set.of(), T0 + MINUTE))).containsExactly("en2", "zh");
    }

    @Test
    void aChangedPresenceMovesTheHelperInItsBuckets() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0);
        HelperPresence older = helper("older").skill(COMPANY_REGISTRATION, 3).idleSince(T0 - 10 * MINUTE).build();
        HelperPresence newer = helper("newer").skill(COMPANY_REGISTRATION, 3).idleSince(T0 - MINUTE).build();
        index.putAll(List.of(older, newer));
        List<HelpRequest> q = List.of(request("r").build());
        assertThat(planned(router.plan(q, index, Set.of(), T0))).containsExactly("older");

        index.put(helper("older").skill(COMPANY_REGISTRATION, 3).idleSince(T0).build()); // had a session since
        assertThat(planned(router.plan(q, index, Set.of(), T0))).containsExactly("newer");

        index.put(helper("newer").skill(COMPANY_REGISTRATION, 3).idleSince(T0 - MINUTE).pending(1).build());
        assertThat(planned(router.plan(q, index, Set.of(), T0))).containsExactly("older");

        assertThat(index.remove("older")).isTrue();
        assertThat(index.remove("older")).isFalse();
        assertThat(router.plan(q, index, Set.of(), T0)).isEmpty();
    }

    @Test
    void staffingFollowsChosenStateAndProfileAndLeavesOutWhoDeclined() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0);
        index.put(helper("a").skill(COMPANY_REGISTRATION, 3).build());
        index.put(helper("b").categorySkill("市场主体登记", 2).active(1).build());
        index.put(helper("tax").skill(TAX_RETURN, 4).build());
        HelpRequest r = request("r").build();
        assertThat(index.staffed(r, T0)).isEqualTo(2);
        assertThat(index.anyEligibleLoggedIn(r, T0)).isTrue();
        assertThat(index.staffed(request("r").declinedBy("b", "tax", "nobody").build(), T0)).isOne();

        index.put(helper("a").skill(COMPANY_REGISTRATION, 3).status(HelperStatus.AWAY).build());
        assertThat(index.staffed(r, T0)).isOne();
        index.put(helper("b").categorySkill("税务", 2).build()); // a new profile: no longer a registrar
        assertThat(index.staffed(r, T0)).isZero();
        assertThat(index.anyEligibleLoggedIn(r, T0)).isTrue(); // "a" is away, still logged in
        index.put(helper("a").skill(COMPANY_REGISTRATION, 3).status(HelperStatus.OFFLINE).build());
        assertThat(index.anyEligibleLoggedIn(r, T0)).isFalse();
        assertThat(index.staffed(request("t").item(TAX_RETURN).build(), T0)).isEqualTo(2);
    }

    @Test
    void staffingCountsTheOverflowPoolOnlyOnceTheRequestHasWaited() {
        HelperIndex index = router.newIndex();
        index.put(helper("dept").department("市场监管局").build());
        HelpRequest r = request("r").arrivedAt(T0).build();
        assertThat(index.staffed(r, T0 + 2 * MINUTE - 1)).isZero();
        assertThat(index.staffed(r, T0 + 2 * MINUTE)).isOne();
        assertThat(index.anyEligibleLoggedIn(r, T0)).isFalse();
    }

    @Test
    void theRouterRefusesAnIndexMadeForAnotherStrategy() {
        HelperIndex other = new Router(RoutingConfig.defaults()).newIndex();
        assertThatThrownBy(() -> router.plan(List.of(), other, Set.of(), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another strategy");
    }

    @Test
    void aHelperInNoBucketCanStillBeNamedByATransfer() {
        HelperIndex index = router.newIndex();
        index.advanceTo(T0);
        index.put(new HelperPresence(new HelperProfile("bare", "bare", Map.of(), Set.of("zh"), null, Set.of(), 1),
                HelperStatus.AVAILABLE, 0, 0, T0, 0, 0, null));
        assertThat(index.describe()).isEmpty();
        assertThat(planned(router.plan(List.of(request("t").required("bare").build()), index, Set.of(), T0)))
                .containsExactly("bare");
        assertThat(router.plan(List.of(request("r").build()), index, Set.of(), T0)).isEmpty();
    }
}
