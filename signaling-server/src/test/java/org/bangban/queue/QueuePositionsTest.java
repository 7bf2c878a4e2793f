package org.bangban.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.bangban.queue.Fixtures.COMPANY_CHANGE;
import static org.bangban.queue.Fixtures.COMPANY_REGISTRATION;
import static org.bangban.queue.Fixtures.T0;
import static org.bangban.queue.Fixtures.TAX_RETURN;
import static org.bangban.queue.Fixtures.request;

import java.util.ArrayList;
import java.util.List;
import org.bangban.queue.QueuePositions.Position;
import org.junit.jupiter.api.Test;

class QueuePositionsTest {

    @Test
    void positionsAndLengthsArePerQueue() {
        List<HelpRequest> waiting = new ArrayList<>(List.of(
                request("reg1").item(COMPANY_REGISTRATION).arrivedAt(T0 + 1).build(),
                request("tax1").item(TAX_RETURN).arrivedAt(T0 + 2).build(),
                request("reg2").item(COMPANY_CHANGE).arrivedAt(T0 + 3).build(),
                request("green-tax").item(TAX_RETURN).arrivedAt(T0 + 4).green(GreenReason.ELDERLY).build(),
                request("reg3").item(COMPANY_REGISTRATION).arrivedAt(T0 + 5).build()));
        waiting.sort(Router.SERVICE_ORDER);
        assertThat(QueuePositions.of(waiting)).containsExactly(
                new Position("green-tax", "税务", 1, 2),
                new Position("reg1", "市场主体登记", 1, 3),
                new Position("tax1", "税务", 2, 2),
                new Position("reg2", "市场主体登记", 2, 3),
                new Position("reg3", "市场主体登记", 3, 3));
        assertThat(QueuePositions.byRequestId(waiting).get("reg3").position()).isEqualTo(3);
        assertThat(QueuePositions.queueLengths(waiting)).containsExactly(entry("税务", 2), entry("市场主体登记", 3));
        for (Position p : QueuePositions.of(waiting)) {
            assertThat(QueuePositions.positionOf(waiting, p.requestId())).as(p.requestId()).contains(p);
        }
        assertThat(QueuePositions.positionOf(waiting, "gone")).isEmpty();
    }

    @Test
    void aPlaceIsCountedAmongTheRequestsOfItsLanguage() {
        List<HelpRequest> waiting = List.of(
                request("en1").language("en").arrivedAt(T0 + 1).build(),
                request("zh1").arrivedAt(T0 + 2).build(),
                request("en2").language("en").arrivedAt(T0 + 3).build(),
                request("zh2").arrivedAt(T0 + 4).build());
        assertThat(QueuePositions.of(waiting)).containsExactly(
                new Position("en1", "市场主体登记", 1, 2),
                new Position("zh1", "市场主体登记", 1, 2),
                new Position("en2", "市场主体登记", 2, 2),
                new Position("zh2", "市场主体登记", 2, 2));
        assertThat(QueuePositions.positionOf(waiting, "zh2")).contains(new Position("zh2", "市场主体登记", 2, 2));
        assertThat(QueuePositions.queueLengths(waiting)).as("the queue's length: every language").containsExactly(
                entry("市场主体登记", 4));
        assertThat(HelpRequest.queueOfPlace(waiting.get(0).placeQueue())).isEqualTo("市场主体登记");
        assertThat(HelpRequest.queueOfPlace("市场主体登记")).isEqualTo("市场主体登记");
    }

    @Test
    void anEmptyQueueHasNoPositions() {
        assertThat(QueuePositions.of(List.of())).isEmpty();
    }

    @Test
    void rejectsAListNotInServiceOrder() {
        List<HelpRequest> backwards = List.of(request("late").arrivedAt(T0 + 5).build(),
                request("early").arrivedAt(T0).build());
        assertThatThrownBy(() -> QueuePositions.of(backwards))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service order");
        assertThatThrownBy(() -> QueuePositions.positionOf(backwards, "early"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service order");
    }

    @Test
    void rejectsARequestListedTwice() {
        HelpRequest r = request("r").build();
        assertThatThrownBy(() -> QueuePositions.of(List.of(r, r)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
    }
}
