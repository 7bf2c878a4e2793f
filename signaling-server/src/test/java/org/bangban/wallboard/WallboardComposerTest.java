package org.bangban.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangban.live.LiveSession;
import org.bangban.queue.GreenReason;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceItem;
import org.bangban.queue.ServiceKind;
import org.junit.jupiter.api.Test;

class WallboardComposerTest {
    static final ServiceItem TAX = new ServiceItem("tax-registration", "新办纳税人套餐", "Tax registration", "税务", "税务局", true, "general");
    static final ServiceItem HOUSE = new ServiceItem("residence-permit", "居住证办理", "Residence permit", "户籍", "公安局", false, "general");
    static final long NOW = 1_000_000;

    static HelpRequest request(String id, ServiceItem item, PriorityClass p, long arrivedAt, String applicant) {
        return new HelpRequest(id, applicant, item, ServiceKind.ASSIST, "zh", p,
                p == PriorityClass.GREEN ? GreenReason.ELDERLY : null, null, null, null, "", arrivedAt, 0, Set.of());
    }

    static HelperPresence helper(String id, String name, HelperStatus chosen, int sessions, long wrapUpUntil) {
        return new HelperPresence(new HelperProfile(id, name, Map.of(), Set.of("zh"), "d", Set.of(), 1), chosen,
                sessions, 0, 0, wrapUpUntil, 0, null);
    }

    @Test
    void queuesCountWaitingAndGreenAndKeepTheOldestArrivalAndTodaysFigures() {
        Wallboard w = WallboardComposer.compose(60_000, List.of("户籍", "税务", "工程建设"),
                List.of(request("r1", TAX, PriorityClass.NORMAL, 500, "guest:a"), request("r2", TAX, PriorityClass.GREEN, 300, "guest:b"),
                        request("r3", HOUSE, PriorityClass.NORMAL, 900, "guest:c")),
                List.of(), List.of(), Map.of("税务", new TodayCounts(10, 6, 3, 2, 1), "其他", new TodayCounts(1, 0, 0, 1, 0)),
                Map.of(), NOW);
        assertThat(w.queues()).extracting(Wallboard.QueueLine::queue).containsExactly("其他", "工程建设", "户籍", "税务");
        Wallboard.QueueLine tax = w.queues().get(3);
        assertThat(tax.waiting()).isEqualTo(2);
        assertThat(tax.green()).isEqualTo(1);
        assertThat(tax.oldestArrivedAt()).isEqualTo(300);
        assertThat(tax.today().serviceLevel()).isEqualTo(3.0 / 8);
        assertThat(tax.today().abandonmentRate()).isEqualTo(0.2);
        Wallboard.QueueLine empty = w.queues().get(1);
        assertThat(empty.waiting()).isZero();
        assertThat(empty.oldestArrivedAt()).isZero();
        assertThat(empty.today().serviceLevel()).isNull();
        assertThat(empty.today().abandonmentRate()).isNull();
    }

    @Test
    void helpersAreCountedByTheStateTheyAreInNow() {
        Wallboard w = WallboardComposer.compose(60_000, List.of(), List.of(), List.of(
                helper("h1", "乙", HelperStatus.AVAILABLE, 0, 0),
                helper("h2", "甲", HelperStatus.AVAILABLE, 1, 0),
                helper("h3", "丙", HelperStatus.AVAILABLE, 0, NOW + 5),
                helper("h4", "丁", HelperStatus.AVAILABLE, 0, NOW - 5),
                helper("h5", "戊", HelperStatus.AWAY, 1, 0)), List.of(), Map.of(), Map.of(), NOW);
        assertThat(w.helpersByState()).containsExactlyInAnyOrderEntriesOf(
                Map.of("available", 2, "busy", 1, "wrap_up", 1, "away", 1, "offline", 0));
        assertThat(w.helpers()).extracting(Wallboard.HelperLine::name).containsExactly("丁", "丙", "乙", "戊", "甲");
    }

    @Test
    void sessionsShowTheShortenedApplicantTheHelpersNameMediaAndMonitorsOldestFirst() {
        LiveSession late = new LiveSession("S2", request("r2", HOUSE, PriorityClass.GREEN, 10, "portal:user-4711"), "h1", 900);
        LiveSession early = new LiveSession("S1", request("r1", TAX, PriorityClass.NORMAL, 10, "guest:AbCdEfGh"), "h9", 100);
        Wallboard w = WallboardComposer.compose(60_000, List.of(), List.of(), List.of(helper("h1", "张敏", HelperStatus.AVAILABLE, 1, 0)),
                List.of(late, early), Map.of(),
                Map.of("S2", new SessionExtras(List.of("audio", "video"), List.of("staff:sup"))), NOW);
        assertThat(w.sessions()).extracting(Wallboard.SessionLine::id).containsExactly("S1", "S2");
        Wallboard.SessionLine s1 = w.sessions().get(0);
        assertThat(s1.applicant()).isEqualTo("guest:…EfGh");
        assertThat(s1.helperName()).as("a helper not in the live state shows by id").isEqualTo("h9");
        assertThat(s1.media()).isEmpty();
        Wallboard.SessionLine s2 = w.sessions().get(1);
        assertThat(s2.applicant()).isEqualTo("portal:…4711");
        assertThat(s2.helperName()).isEqualTo("张敏");
        assertThat(s2.kind()).isEqualTo("assist");
        assertThat(s2.priority()).isEqualTo("green");
        assertThat(s2.itemNameZh()).isEqualTo("居住证办理");
        assertThat(s2.media()).containsExactly("audio", "video");
        assertThat(s2.monitoring()).containsExactly("staff:sup");
        assertThat(WallboardComposer.shortApplicant("guest:abc")).isEqualTo("guest:abc");
    }

    @Test
    void onlyWhatHappenedMakesTwoPicturesDiffer() {
        List<HelperPresence> helpers = List.of(helper("h1", "乙", HelperStatus.AVAILABLE, 0, NOW + 500));
        Wallboard a = WallboardComposer.compose(60_000, List.of("税务"), List.of(), helpers, List.of(), Map.of(), Map.of(), NOW);
        Wallboard b = WallboardComposer.compose(60_000, List.of("税务"), List.of(), helpers, List.of(), Map.of(), Map.of(), NOW + 100);
        Wallboard c = WallboardComposer.compose(60_000, List.of("税务"), List.of(), helpers, List.of(), Map.of(), Map.of(), NOW + 600);
        assertThat(b).as("time passing alone").isEqualTo(a);
        assertThat(c).as("the wrap-up ran out").isNotEqualTo(a);
    }
}
