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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router(RoutingConfig.defaults());

    /** The waiting requests in service order. */
    private static List<HelpRequest> queue(HelpRequest... requests) {
        List<HelpRequest> q = new ArrayList<>(Arrays.asList(requests));
        q.sort(Router.SERVICE_ORDER);
        return q;
    }

    private static Map<String, String> byRequest(List<PlannedOffer> offers) {
        return offers.stream().collect(Collectors.toMap(o -> o.request().id(), PlannedOffer::helperId));
    }

    private static List<String> requestIds(List<PlannedOffer> offers) {
        return offers.stream().map(o -> o.request().id()).collect(Collectors.toList());
    }

    private List<PlannedOffer> plan(List<HelpRequest> waiting, long now, HelperPresence... helpers) {
        return router.plan(waiting, List.of(helpers), Set.of(), now);
    }

    private static HelperPresence registrar(String id) {
        return helper(id).skill(COMPANY_REGISTRATION, 3).build();
    }

    // --- service order: green channel, FIFO, ageing, transfers

    @Test
    void greenChannelIsServedBeforeAnEarlierNormalRequest() {
        HelpRequest normal = request("normal").arrivedAt(T0).build();
        HelpRequest green = request("green").arrivedAt(T0 + 5 * MINUTE).green(GreenReason.ELDERLY).build();
        List<HelpRequest> q = queue(normal, green);
        assertThat(q).extracting(HelpRequest::id).containsExactly("green", "normal");
        assertThat(requestIds(plan(q, T0 + 5 * MINUTE, registrar("h1")))).containsExactly("green");
    }

    @Test
    void firstInFirstOutWithinAClass() {
        List<HelpRequest> q = queue(
                request("n3").arrivedAt(T0 + 3).build(),
                request("g2").arrivedAt(T0 + 2).green(GreenReason.DISABILITY).build(),
                request("n1").arrivedAt(T0 + 1).build(),
                request("g4").arrivedAt(T0 + 4).green(GreenReason.KEY_PROJECT).build());
        assertThat(q).extracting(HelpRequest::id).containsExactly("g2", "g4", "n1", "n3");
        assertThat(requestIds(plan(q, T0 + MINUTE, registrar("h1"), registrar("h2"), registrar("h3"))))
                .containsExactly("g2", "g4", "n1");
    }

    @Test
    void aNormalRequestThatWaitedLongerThanTheHeadStartIsNotOvertakenByANewGreenOne() {
        HelpRequest normal = request("normal").arrivedAt(T0).build();
        HelpRequest lateGreen = request("green").arrivedAt(T0 + 10 * MINUTE + 1).green(GreenReason.ELDERLY).build();
        assertThat(requestIds(plan(queue(lateGreen, normal), T0 + 11 * MINUTE, registrar("h1"))))
                .containsExactly("normal");
        // exactly the head start: equal service keys, the earlier arrival goes first
        HelpRequest tieGreen = request("tie").arrivedAt(T0 + 10 * MINUTE).green(GreenReason.ELDERLY).build();
        assertThat(queue(tieGreen, normal)).extracting(HelpRequest::id).containsExactly("normal", "tie");
        // within the head start the green one still goes first
        HelpRequest earlyGreen = request("early").arrivedAt(T0 + 10 * MINUTE - 1).green(GreenReason.ELDERLY).build();
        assertThat(queue(normal, earlyGreen)).extracting(HelpRequest::id).containsExactly("early", "normal");
    }

    @Test
    void aTransferWaitsAheadOfNewArrivals() {
        HelpRequest waitingGreen = request("green").arrivedAt(T0).green(GreenReason.ELDERLY).build();
        HelpRequest transfer = request("transfer").arrivedAt(T0 + 30 * MINUTE).targetGroup("registration-team").build();
        assertThat(queue(waitingGreen, transfer)).extracting(HelpRequest::id).containsExactly("transfer", "green");
    }

    @Test
    void serviceOrderBreaksTiesById() {
        HelpRequest b = request("b").arrivedAt(T0).build();
        HelpRequest a = request("a").arrivedAt(T0).build();
        assertThat(queue(b, a)).extracting(HelpRequest::id).containsExactly("a", "b");
    }

    // --- matching

    @Test
    void eachRequestGoesToAHelperWithTheSkill() {
        HelperPresence registrar = helper("registrar").skill(COMPANY_REGISTRATION, 2).idleSince(T0 - 60 * MINUTE)
                .build();
        HelperPresence taxExpert = helper("tax").categorySkill("税务", 5).build();
        List<HelpRequest> q = queue(request("tax-q").item(TAX_RETURN).arrivedAt(T0).build(),
                request("reg-q").arrivedAt(T0 + 1).build());
        assertThat(byRequest(plan(q, T0 + MINUTE, taxExpert, registrar)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("tax-q", "tax", "reg-q", "registrar"));
    }

    @Test
    void anEnglishRequestGoesToTheHelperWhoSpeaksEnglish() {
        HelperPresence expert = helper("expert").skill(COMPANY_REGISTRATION, 5).idleSince(T0 - 60 * MINUTE).build();
        HelperPresence english = helper("english").skill(COMPANY_REGISTRATION, 1).languages("zh", "en").build();
        assertThat(byRequest(plan(queue(request("r").language("en").build()), T0, expert, english)))
                .containsExactlyEntriesOf(Map.of("r", "english"));
    }

    @Test
    void aRequestNobodyCanServeDoesNotHoldUpTheOnesBehindIt() {
        List<HelpRequest> q = queue(request("tax-q").item(TAX_RETURN).arrivedAt(T0).build(),
                request("reg-q").arrivedAt(T0 + 1).build());
        assertThat(byRequest(plan(q, T0 + MINUTE, registrar("h1")))).containsExactlyEntriesOf(Map.of("reg-q", "h1"));
    }

    @Test
    void overflowWidensToTheDepartmentOnlyAfterTheWait() {
        HelperPresence department = helper("dept").department("市场监管局").build();
        HelperPresence backup = helper("backup").group("registration-backup").idleSince(T0 - 60 * MINUTE).build();
        List<HelpRequest> q = queue(request("r").arrivedAt(T0).build());
        assertThat(plan(q, T0 + 2 * MINUTE - 1, department, backup)).isEmpty();
        assertThat(byRequest(plan(q, T0 + 2 * MINUTE, department, backup)))
                .containsExactlyEntriesOf(Map.of("r", "backup"));
    }

    @Test
    void aTransferToANamedHelperWaitsForThatHelper() {
        HelperPresence expert = registrar("expert");
        HelperPresence named = helper("named").build();
        List<HelpRequest> q = queue(request("t").required("named").build());
        assertThat(plan(q, T0, expert)).isEmpty();
        assertThat(byRequest(plan(q, T0, expert, named))).containsExactlyEntriesOf(Map.of("t", "named"));
        assertThat(plan(queue(request("t").required("named").declinedBy("named").build()), T0, expert, named))
                .isEmpty();
    }

    @Test
    void aTransferToAGroupGoesToItsBestMember() {
        HelperPresence member = helper("member").group("senior").idleSince(T0 - 60 * MINUTE).build();
        HelperPresence skilledMember = helper("skilled").group("senior").skill(COMPANY_REGISTRATION, 2).build();
        HelperPresence outsider = helper("outsider").skill(COMPANY_REGISTRATION, 5).build();
        assertThat(byRequest(plan(queue(request("t").targetGroup("senior").build()), T0,
                outsider, member, skilledMember))).containsExactlyEntriesOf(Map.of("t", "skilled"));
    }

    @Test
    void aHelperWhoDeclinedIsPassedOver() {
        HelperPresence best = helper("best").skill(COMPANY_REGISTRATION, 5).build();
        HelperPresence next = helper("next").skill(COMPANY_REGISTRATION, 1).build();
        assertThat(byRequest(plan(queue(request("r").declinedBy("best").build()), T0, best, next)))
                .containsExactlyEntriesOf(Map.of("r", "next"));
        assertThat(plan(queue(request("r").declinedBy("best", "next").build()), T0, best, next)).isEmpty();
    }

    @Test
    void delegationOfAnItemNotOnTheListIsOfferedToNobody() {
        HelperPresence h = helper("h").skill(TAX_RETURN, 5).build();
        assertThat(plan(queue(request("r").item(TAX_RETURN).delegate().build()), T0, h)).isEmpty();
    }

    // --- capacity

    @Test
    void aHelperAtItsMaximumGetsNothing() {
        List<HelpRequest> q = queue(request("r").build());
        assertThat(plan(q, T0, helper("busy").skill(COMPANY_REGISTRATION, 3).active(1).build())).isEmpty();
    }

    @Test
    void pendingOffersCountAgainstTheMaximum() {
        List<HelpRequest> q = queue(request("r").build());
        assertThat(plan(q, T0, helper("h").skill(COMPANY_REGISTRATION, 3).pending(1).build())).isEmpty();
        assertThat(plan(q, T0, helper("h").skill(COMPANY_REGISTRATION, 3).maxSessions(2).active(1).pending(1)
                .build())).isEmpty();
        assertThat(plan(q, T0, helper("h").skill(COMPANY_REGISTRATION, 3).maxSessions(3).active(1).pending(1)
                .build())).hasSize(1);
    }

    @Test
    void aHelperWithThreeSessionsGetsUpToItsRoomInOnePass() {
        List<HelpRequest> q = new ArrayList<>();
        for (int i = 0; i < 5; i++) q.add(request("r" + i).arrivedAt(T0 + i).build());
        HelperPresence three = helper("h").skill(COMPANY_REGISTRATION, 3).maxSessions(3).build();
        assertThat(plan(q, T0 + MINUTE, three)).extracting(PlannedOffer::helperId).containsExactly("h", "h", "h");
        assertThat(requestIds(plan(q, T0 + MINUTE, three))).containsExactly("r0", "r1", "r2");
        HelperPresence oneHeld = helper("h").skill(COMPANY_REGISTRATION, 3).maxSessions(3).active(1).build();
        assertThat(plan(q, T0 + MINUTE, oneHeld)).hasSize(2);
    }

    @Test
    void awayOfflineAndWrapUpHelpersGetNothing() {
        List<HelpRequest> q = queue(request("r").build());
        assertThat(plan(q, T0, helper("a").skill(COMPANY_REGISTRATION, 3).status(HelperStatus.AWAY).build(),
                helper("o").skill(COMPANY_REGISTRATION, 3).status(HelperStatus.OFFLINE).build(),
                helper("w").skill(COMPANY_REGISTRATION, 3).wrapUpUntil(T0 + 1).build())).isEmpty();
        assertThat(plan(q, T0 + 1, helper("w").skill(COMPANY_REGISTRATION, 3).wrapUpUntil(T0 + 1).build()))
                .hasSize(1);
    }

    @Test
    void requestsWithAnOpenOfferAreSkipped() {
        List<HelpRequest> q = queue(request("r1").arrivedAt(T0).build(), request("r2").arrivedAt(T0 + 1).build());
        List<PlannedOffer> offers = router.plan(q, List.of(registrar("h1")), Set.of("r1"), T0 + MINUTE);
        assertThat(byRequest(offers)).containsExactlyEntriesOf(Map.of("r2", "h1"));
    }

    @Test
    void nothingWhenNoHelperCanTakeAnOffer() {
        assertThat(router.plan(queue(request("r").build()), List.of(), Set.of(), T0)).isEmpty();
        assertThat(router.plan(List.of(), List.of(registrar("h")), Set.of(), T0)).isEmpty();
    }

    @Test
    void neverMoreThanOneOfferPerRequestNorMoreThanTheHelpersRoom() {
        List<HelpRequest> q = new ArrayList<>();
        for (int i = 0; i < 10; i++) q.add(request("r" + i).arrivedAt(T0 + i).build());
        List<PlannedOffer> offers = plan(q, T0 + MINUTE, registrar("a"),
                helper("b").skill(COMPANY_REGISTRATION, 3).maxSessions(2).build(),
                helper("c").skill(COMPANY_REGISTRATION, 3).maxSessions(3).active(1).build());
        assertThat(requestIds(offers)).containsExactly("r0", "r1", "r2", "r3", "r4");
        assertThat(offers.stream().collect(Collectors.groupingBy(PlannedOffer::helperId, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 1L, "b", 2L, "c", 2L));
    }

    @Test
    void rejectsTwoHelpersWithTheSameId() {
        assertThatThrownBy(() -> plan(queue(request("r").build()), T0, registrar("h"), registrar("h")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate helper id h");
    }

    @Test
    void rejectsAStrategyThatPicksSomebodyElse() {
        HelperPresence outsider = registrar("outsider");
        Router rogue = new Router(RoutingConfig.defaults(), (r, candidates, now) -> new Candidate(outsider, 1));
        assertThatThrownBy(() -> rogue.plan(queue(request("r").build()), List.of(registrar("h")), Set.of(), T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a candidate");
    }

    // --- nobody eligible

    @Test
    void anyEligibleLoggedInIgnoresLoadButNotOfflineOrSkills() {
        HelpRequest r = request("r").build();
        HelperPresence busy = helper("busy").skill(COMPANY_REGISTRATION, 3).active(1).build();
        HelperPresence away = helper("away").skill(COMPANY_REGISTRATION, 3).status(HelperStatus.AWAY).build();
        HelperPresence offline = helper("off").skill(COMPANY_REGISTRATION, 3).status(HelperStatus.OFFLINE).build();
        HelperPresence taxOnly = helper("tax").skill(TAX_RETURN, 3).build();
        assertThat(router.anyEligibleLoggedIn(r, List.of(busy), T0)).isTrue();
        assertThat(router.anyEligibleLoggedIn(r, List.of(away), T0)).isTrue();
        assertThat(router.anyEligibleLoggedIn(r, List.of(offline, taxOnly), T0)).isFalse();
        assertThat(router.anyEligibleLoggedIn(request("en").language("en").build(), List.of(busy, away), T0))
                .isFalse();
        assertThat(router.anyEligibleLoggedIn(r, List.of(), T0)).isFalse();
    }
}
