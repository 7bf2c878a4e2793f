package org.bangban.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.queue.Fixtures.COMPANY_REGISTRATION;
import static org.bangban.queue.Fixtures.MINUTE;
import static org.bangban.queue.Fixtures.T0;
import static org.bangban.queue.Fixtures.helper;
import static org.bangban.queue.Fixtures.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoutingStrategyTest {
    private static final HelpRequest REQUEST = request("r").build();

    private static Candidate candidate(String id, int proficiency, long idleSince, int active, int pending) {
        return new Candidate(helper(id).maxSessions(5).idleSince(idleSince).active(active).pending(pending).build(),
                proficiency);
    }

    private static String pick(StrategyName name, Candidate... candidates) {
        return name.newStrategy().pick(REQUEST, List.of(candidates), T0).id();
    }

    @Test
    void proficiencyThenLongestIdle() {
        Candidate expert = candidate("expert", 5, T0 - MINUTE, 0, 0);
        Candidate longIdle = candidate("long-idle", 3, T0 - 60 * MINUTE, 0, 0);
        Candidate alsoLongIdle = candidate("also-long-idle", 3, T0 - 60 * MINUTE, 0, 0);
        Candidate shortIdle = candidate("short-idle", 3, T0 - 2 * MINUTE, 0, 0);
        StrategyName s = StrategyName.PROFICIENCY_THEN_LONGEST_IDLE;
        assertThat(pick(s, longIdle, expert, shortIdle)).isEqualTo("expert");
        assertThat(pick(s, shortIdle, longIdle)).isEqualTo("long-idle");
        assertThat(pick(s, longIdle, alsoLongIdle, shortIdle)).isEqualTo("also-long-idle"); // smaller id
    }

    @Test
    void longestIdleIgnoresProficiency() {
        Candidate expert = candidate("expert", 5, T0 - MINUTE, 0, 0);
        Candidate longIdle = candidate("long-idle", 1, T0 - 60 * MINUTE, 0, 0);
        assertThat(pick(StrategyName.LONGEST_IDLE, expert, longIdle)).isEqualTo("long-idle");
    }

    @Test
    void fewestSessionsCountsSessionsAndPendingOffersThenLongestIdle() {
        Candidate twoSessions = candidate("two", 5, T0 - 60 * MINUTE, 2, 0);
        Candidate onePending = candidate("one-pending", 5, T0 - 5 * MINUTE, 0, 1);
        Candidate oneSessionLongIdle = candidate("one-long", 1, T0 - 30 * MINUTE, 1, 0);
        Candidate idle = candidate("idle", 1, T0 - MINUTE, 0, 0);
        StrategyName s = StrategyName.FEWEST_SESSIONS;
        assertThat(pick(s, twoSessions, onePending, idle)).isEqualTo("idle");
        assertThat(pick(s, twoSessions, onePending, oneSessionLongIdle)).isEqualTo("one-long");
    }

    @Test
    void roundRobinRotatesOverHelperIdsInOrder() {
        RoutingStrategy rr = StrategyName.ROUND_ROBIN.newStrategy();
        List<Candidate> all = List.of(candidate("c", 1, T0, 0, 0), candidate("a", 5, T0, 0, 0),
                candidate("b", 1, T0 - 60 * MINUTE, 0, 0));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 5; i++) picks.add(rr.pick(REQUEST, all, T0).id());
        assertThat(picks).containsExactly("a", "b", "c", "a", "b");
        // the next after "b" is "c"; when "c" is not a candidate the rotation moves on, wrapping round
        assertThat(rr.pick(REQUEST, List.of(all.get(1), all.get(2)), T0).id()).isEqualTo("a");
        assertThat(rr.pick(REQUEST, List.of(all.get(0), all.get(2)), T0).id()).isEqualTo("b");
    }

    @ParameterizedTest
    @EnumSource(StrategyName.class)
    void thePreferredHelperWinsWheneverItIsACandidate(StrategyName name) {
        Candidate best = candidate("best", 5, T0 - 60 * MINUTE, 0, 0);
        Candidate preferred = candidate("preferred", 1, T0, 3, 1);
        HelpRequest wantsPreferred = request("r").preferred("preferred").build();
        RoutingStrategy s = name.newStrategy();
        assertThat(s.pick(wantsPreferred, List.of(best, preferred), T0).id()).isEqualTo("preferred");
        assertThat(s.pick(wantsPreferred, List.of(best), T0).id()).isEqualTo("best");
    }

    @ParameterizedTest
    @EnumSource(StrategyName.class)
    void rejectsAnEmptyCandidateList(StrategyName name) {
        assertThatThrownBy(() -> name.newStrategy().pick(REQUEST, List.of(), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates");
    }

    // --- the strategies inside a planning pass

    private static List<HelpRequest> threeRequests() {
        List<HelpRequest> q = new ArrayList<>();
        for (int i = 0; i < 3; i++) q.add(request("r" + i).arrivedAt(T0 + i).build());
        return q;
    }

    private static List<HelperPresence> threeHelpersOfThreeSessions() {
        return List.of(
                helper("a").skill(COMPANY_REGISTRATION, 5).maxSessions(3).idleSince(T0 - 60 * MINUTE).build(),
                helper("b").skill(COMPANY_REGISTRATION, 3).maxSessions(3).idleSince(T0 - 30 * MINUTE).build(),
                helper("c").skill(COMPANY_REGISTRATION, 3).maxSessions(3).idleSince(T0 - 10 * MINUTE).build());
    }

    private static List<String> helperIds(List<PlannedOffer> offers) {
        return offers.stream().map(PlannedOffer::helperId).collect(Collectors.toList());
    }

    @Test
    void inAPassTheBestHelperTakesAsManyAsItHasRoomFor() {
        Router router = new Router(RoutingConfig.defaults());
        assertThat(helperIds(router.plan(threeRequests(), threeHelpersOfThreeSessions(), Set.of(), T0 + MINUTE)))
                .containsExactly("a", "a", "a");
    }

    @Test
    void fewestSessionsCountsOffersPlannedEarlierInThePass() {
        Router router = new Router(RoutingConfig.defaults().withStrategy(StrategyName.FEWEST_SESSIONS));
        assertThat(helperIds(router.plan(threeRequests(), threeHelpersOfThreeSessions(), Set.of(), T0 + MINUTE)))
                .containsExactly("a", "b", "c");
    }

    @Test
    void longestIdleKeepsItsHelperWhileItHasRoom() {
        Router router = new Router(RoutingConfig.defaults().withStrategy(StrategyName.LONGEST_IDLE));
        assertThat(helperIds(router.plan(threeRequests(), threeHelpersOfThreeSessions(), Set.of(), T0 + MINUTE)))
                .containsExactly("a", "a", "a");
    }

    @Test
    void roundRobinRotatesWithinAPassAndAcrossPasses() {
        Router router = new Router(RoutingConfig.defaults().withStrategy(StrategyName.ROUND_ROBIN));
        List<HelperPresence> helpers = threeHelpersOfThreeSessions();
        List<HelpRequest> two = threeRequests().subList(0, 2);
        assertThat(helperIds(router.plan(two, helpers, Set.of(), T0 + MINUTE))).containsExactly("a", "b");
        assertThat(helperIds(router.plan(two, helpers, Set.of(), T0 + MINUTE))).containsExactly("c", "a");
        assertThat(helperIds(router.plan(threeRequests(), helpers, Set.of(), T0 + MINUTE)))
                .containsExactly("b", "c", "a");
    }

    @Test
    void inAPassThePreferredHelperWinsWhileItHasRoom() {
        Router router = new Router(RoutingConfig.defaults());
        List<HelpRequest> q = List.of(request("r0").arrivedAt(T0).preferred("c").build(),
                request("r1").arrivedAt(T0 + 1).preferred("c").build());
        List<HelperPresence> helpers = List.of(
                helper("a").skill(COMPANY_REGISTRATION, 5).idleSince(T0 - 60 * MINUTE).build(),
                helper("c").skill(COMPANY_REGISTRATION, 1).build());
        assertThat(helperIds(router.plan(q, helpers, Set.of(), T0 + MINUTE))).containsExactly("c", "a");
        // a preferred helper who cannot serve the item is not offered it
        List<HelperPresence> unskilled = List.of(helpers.get(0), helper("c").skill(Fixtures.TAX_RETURN, 5).build());
        assertThat(helperIds(router.plan(q.subList(0, 1), unskilled, Set.of(), T0 + MINUTE))).containsExactly("a");
    }
}
