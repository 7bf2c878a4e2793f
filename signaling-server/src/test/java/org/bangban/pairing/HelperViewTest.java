package org.bangban.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangban.live.InMemoryLiveState;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperIndex;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.PlannedOffer;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.Router;
import org.bangban.queue.RoutingConfig;
import org.bangban.queue.ServiceItem;
import org.bangban.queue.ServiceKind;
import org.junit.jupiter.api.Test;

/** The node's view of the helpers follows the live state through refreshes, for staffing and for planning. */
class HelperViewTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final ServiceItem ITEM = new ServiceItem("company-registration", "企业设立登记",
            "Company registration", "市场主体登记", "市场监管局", true, null);

    private final InMemoryLiveState live = new InMemoryLiveState();
    private final HelperView view = new HelperView(live, new Router(RoutingConfig.defaults()));

    private static HelperProfile registrar(String id) {
        return new HelperProfile(id, id, Map.of("company-registration", 3), Set.of("zh"), "政务服务中心", Set.of(), 1);
    }

    private static HelpRequest request(String id) {
        return new HelpRequest(id, "a-" + id, ITEM, ServiceKind.ASSIST, "zh", PriorityClass.NORMAL, null, null, null,
                null, "", T0, 0, Set.of());
    }

    @Test
    void aRefreshBringsInWhatChangedOnTheLiveState() {
        HelpRequest r = request("r1");
        view.refresh();
        assertThat(view.anyEligibleLoggedIn(r, T0)).isFalse();

        live.helperLoggedIn(registrar("h1"), T0);
        assertThat(view.anyEligibleLoggedIn(r, T0)).as("not refreshed yet").isFalse();
        view.refresh();
        assertThat(view.anyEligibleLoggedIn(r, T0)).isTrue();
        assertThat(view.staffed(r, T0)).as("logged in but away").isZero();
        assertThat(view.anyCanTakeOffer(T0)).isFalse();

        live.setChosenStatus("h1", HelperStatus.AVAILABLE, null, T0);
        live.helperLoggedIn(registrar("h2"), T0);
        assertThat(view.refreshedStaffing(r, T0)).isEqualTo(new HelperIndex.Staffing(2, 1));
        assertThat(view.staffed(r, T0)).isOne();
        assertThat(view.anyCanTakeOffer(T0)).isTrue();
        assertThat(view.plan(List.of(r), Set.of(), T0)).containsExactly(new PlannedOffer(r, "h1"));

        live.enqueue(r, 10);
        live.tryOffer("r1", "h1", T0, T0 + 20_000).orElseThrow();
        view.refresh();
        assertThat(view.anyCanTakeOffer(T0)).as("its one offer is out").isFalse();
        assertThat(view.plan(List.of(request("r2")), Set.of(), T0)).isEmpty();
    }

    @Test
    void staffingForANewRequestReadsTheLiveStateOnlyWhenTheViewFindsNobody() {
        HelpRequest r = request("r1");
        view.refresh();
        live.helperLoggedIn(registrar("h1"), T0); // on another node, say: the view has not seen it
        assertThat(view.staffing(r, T0)).as("nobody in the view: read first").isEqualTo(new HelperIndex.Staffing(1, 0));

        live.setChosenStatus("h1", HelperStatus.AVAILABLE, null, T0);
        assertThat(view.staffing(r, T0)).as("someone in the view: as the view stands").isEqualTo(new HelperIndex.Staffing(1, 0));
        assertThat(view.refreshedStaffing(r, T0)).isEqualTo(new HelperIndex.Staffing(1, 1));
    }
}
