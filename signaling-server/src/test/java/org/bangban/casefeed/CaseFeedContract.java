package org.bangban.casefeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bangban.cases.CaseEvent;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.CaseException;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.CaseState;
import org.bangban.cases.Cases;
import org.bangban.cases.Channel;
import org.bangban.cases.HelperRole;
import org.bangban.cases.RealNameCipher;
import org.bangban.identity.Role;
import org.bangban.live.LiveSession;
import org.bangban.pairing.Catalog;
import org.bangban.queue.GreenReason;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceItem;
import org.bangban.queue.ServiceKind;
import org.bangban.relay.room.TrackSource;
import org.bangban.store.CallbackReason;
import org.bangban.store.CallbackRequest;
import org.bangban.store.CallbackRequests;
import org.bangban.store.RecordStore;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the session feed writes into the case log, whatever the database: run against a real SQLite file and a real
 * PostgreSQL. Subclasses give a store on a migrated, empty database for each test.
 */
abstract class CaseFeedContract {
    static final ServiceItem TAX = new ServiceItem("tax-registration", "税务登记", "Tax registration", "税务", "税务局",
            true, null);
    static final ServiceItem SOCIAL = new ServiceItem("social-insurance", "社保", "Social insurance", "社会保障", "人社局",
            false, null);
    static final long T0 = 1_790_000_000_000L;
    static final Duration WRAP_UP = Duration.ofSeconds(30);

    protected RecordStore store;
    Cases cases;
    CaseSessions sessions;
    CaseFeed feed;
    SimpleMeterRegistry registry;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    @BeforeEach
    void open() {
        store = database().openStore();
        cases = new Cases(store, RealNameCipher.ofBase64(RealNameCipher.newKeyBase64()));
        sessions = new CaseSessions(store);
        registry = new SimpleMeterRegistry();
        feed = new CaseFeed(store, cases, sessions, WRAP_UP, registry);
    }

    @AfterEach
    void close() {
        feed.close();
        if (store != null) store.close();
    }

    static HelpRequest request(String id, String applicant, ServiceItem item, ServiceKind kind, GreenReason green,
                               long arrivedAt) {
        return new HelpRequest(id, applicant, item, kind, "zh", green == null ? PriorityClass.NORMAL : PriorityClass.GREEN,
                green, null, null, null, "不会填表", arrivedAt, 0, Set.of());
    }

    static LiveSession session(String id, HelpRequest r, String helper, long startedAt) {
        return new LiveSession(id, r, helper, startedAt);
    }

    List<CaseEventType> types(String number) {
        return cases.events(number).stream().map(CaseEvent::type).toList();
    }

    @Test
    void theFirstSessionOfAnAssistRequestOpensACaseInGuidedHandling() {
        HelpRequest r = request("r-1", "guest:a1", TAX, ServiceKind.ASSIST, GreenReason.ELDERLY, T0);
        LiveSession s = session("s-1", r, "staff:h1", T0 + 4_000);

        String number = feed.sessionStarted(s, 4_000);

        assertThat(number).startsWith("BB-");
        CaseRecord c = cases.get(number);
        assertThat(c.applicantId()).isEqualTo("guest:a1");
        assertThat(c.itemId()).isEqualTo("tax-registration");
        assertThat(c.department()).isEqualTo("税务局");
        assertThat(c.kind()).isEqualTo(ServiceKind.ASSIST);
        assertThat(c.channel()).isEqualTo(Channel.ONLINE);
        assertThat(c.priority()).isEqualTo(PriorityClass.GREEN);
        assertThat(c.greenReason()).isEqualTo(GreenReason.ELDERLY);
        assertThat(c.requestId()).isEqualTo("r-1");
        assertThat(c.description()).isEqualTo("不会填表");
        assertThat(c.state()).isEqualTo(CaseState.GUIDED_HANDLING);
        assertThat(c.primaryHelper()).isEqualTo("staff:h1");
        assertThat(types(number)).containsExactly(CaseEventType.CREATED, CaseEventType.HELPER_ASSIGNED,
                CaseEventType.STATE_CHANGED, CaseEventType.SESSION_STARTED);
        SessionRecord row = sessions.find("s-1").orElseThrow();
        assertThat(row.caseNumber()).isEqualTo(number);
        assertThat(row.waitMs()).isEqualTo(4_000);
        assertThat(row.requestedAt()).isEqualTo(T0);
        assertThat(row.startedAt()).isEqualTo(T0 + 4_000);
        assertThat(row.queue()).isEqualTo("税务");
        assertThat(row.priority()).isEqualTo(PriorityClass.GREEN);
        assertThat(row.live()).isTrue();
        assertThat(feed.caseNumberOf("s-1")).isEqualTo(number);
        // a repeated start (a retry) writes nothing more
        assertThat(feed.sessionStarted(s, 4_000)).isEqualTo(number);
        assertThat(types(number)).hasSize(4);
    }

    @Test
    void aDelegateSessionAcceptsTheMandate() {
        HelpRequest r = request("r-2", "portal:p1", TAX, ServiceKind.DELEGATE, null, T0);
        String number = feed.sessionStarted(session("s-2", r, "staff:h1", T0 + 1_000), 1_000);
        CaseRecord c = cases.get(number);
        assertThat(c.kind()).isEqualTo(ServiceKind.DELEGATE);
        assertThat(c.state()).isEqualTo(CaseState.MANDATE_ACCEPTED);
        assertThat(c.priority()).isEqualTo(PriorityClass.NORMAL);
        assertThat(types(number)).containsExactly(CaseEventType.CREATED, CaseEventType.HELPER_ASSIGNED,
                CaseEventType.SESSION_STARTED);
    }

    @Test
    void anEndRecordsDurationsParticipantsMediaAndTheWrapUpWhenItEnds() {
        HelpRequest r = request("r-3", "guest:a3", TAX, ServiceKind.ASSIST, null, T0);
        LiveSession s = session("s-3", r, "staff:h1", T0 + 2_000);
        String number = feed.sessionStarted(s, 2_000);
        feed.mediaUsed(s, "guest:a3", Role.APPLICANT, List.of(TrackSource.MICROPHONE, TrackSource.SCREEN));
        feed.mediaUsed(s, "staff:h1", Role.HELPER, List.of(TrackSource.MICROPHONE, TrackSource.CAMERA));
        feed.supervisorAction(s, "staff:sup1", SupervisorAction.MONITOR_START);
        feed.supervisorAction(s, "staff:sup1", SupervisorAction.BARGE);
        assertThat(sessions.find("s-3").orElseThrow().media()).containsExactlyInAnyOrder("audio", "video", "screen");

        long end = T0 + 62_000;
        assertThat(feed.sessionEnded(SessionEnd.ended(s, "HELPER_ENDED", "staff:h1", end, end + 30_000)))
                .isEqualTo(number);
        SessionRecord row = sessions.find("s-3").orElseThrow();
        assertThat(row.endedAt()).isEqualTo(end);
        assertThat(row.talkMs()).isEqualTo(60_000);
        assertThat(row.endReason()).isEqualTo("HELPER_ENDED");
        assertThat(row.endedBy()).isEqualTo("staff:h1");
        assertThat(row.wrapUpMs()).isNull();

        CaseEvent ended = cases.events(number).get(cases.events(number).size() - 1);
        assertThat(ended.type()).isEqualTo(CaseEventType.SESSION_ENDED);
        assertThat(ended.actorId()).isEqualTo("staff:h1");
        var p = ended.payload();
        assertThat(p.path("talkMs").asLong()).isEqualTo(60_000);
        assertThat(p.path("waitMs").asLong()).isEqualTo(2_000);
        assertThat(p.path("media").toString()).isEqualTo("[\"audio\",\"video\",\"screen\"]");
        assertThat(p.path("participants").toString()).contains("\"guest:a3\"", "\"staff:h1\"", "\"staff:sup1\"",
                "\"SUPERVISOR\"");
        assertThat(p.path("participants").get(0).path("media").toString()).isEqualTo("[\"audio\",\"screen\"]");

        // a second end of the same session (another node, a retry) is not recorded twice
        feed.sessionEnded(SessionEnd.ended(s, "APPLICANT_ENDED", "guest:a3", end + 5, end + 5));
        assertThat(types(number).stream().filter(t -> t == CaseEventType.SESSION_ENDED)).hasSize(1);

        feed.wrapUpEnded("staff:h1", end + 12_000, true);
        awaitWrapUp("s-3", 12_000);
        feed.wrapUpEnded("staff:h1", end + 30_000, false); // the timer, later: the first end stands
        feed.close();
        assertThat(sessions.find("s-3").orElseThrow().wrapUpMs()).isEqualTo(12_000);
    }

    @Test
    void aTransferKeepsTheCaseAndTheNextHelperTakesItOver() {
        HelpRequest r = request("r-4", "guest:a4", TAX, ServiceKind.ASSIST, null, T0);
        LiveSession first = session("s-4a", r, "staff:h1", T0 + 1_000);
        String number = feed.sessionStarted(first, 1_000);
        HelpRequest next = request("r-4b", "guest:a4", TAX, ServiceKind.ASSIST, null, T0 + 20_000);
        feed.sessionEnded(new SessionEnd(first, "TRANSFERRED", "staff:h1", T0 + 20_000, T0 + 50_000, next,
                "staff:h2", null, "需要社保专家"));
        assertThat(sessions.find("s-4a").orElseThrow().endReason()).isEqualTo("TRANSFERRED");

        LiveSession second = session("s-4b", next, "staff:h2", T0 + 25_000);
        assertThat(feed.sessionStarted(second, 5_000)).isEqualTo(number);
        CaseRecord c = cases.get(number);
        assertThat(c.primaryHelper()).isEqualTo("staff:h2");
        assertThat(c.helperRoles()).containsEntry("staff:h1", HelperRole.TRANSFERRED_FROM);
        assertThat(types(number)).containsExactly(CaseEventType.CREATED, CaseEventType.HELPER_ASSIGNED,
                CaseEventType.STATE_CHANGED, CaseEventType.SESSION_STARTED, CaseEventType.SESSION_ENDED,
                CaseEventType.TRANSFERRED, CaseEventType.SESSION_STARTED);
        assertThat(cases.events(number).get(4).payload().path("successorRequestId").asText()).isEqualTo("r-4b");
        assertThat(sessions.ofCase(number)).extracting(SessionRecord::sessionId).containsExactly("s-4a", "s-4b");

        // the helper is lost: the session ends at once (no wrap-up) and the next request stays in the case
        HelpRequest third = request("r-4c", "guest:a4", TAX, ServiceKind.ASSIST, null, T0 + 40_000);
        feed.sessionEnded(new SessionEnd(second, "HELPER_LOST", null, T0 + 40_000, T0 + 40_000, third, null, null, null));
        SessionRecord lost = sessions.find("s-4b").orElseThrow();
        assertThat(lost.wrapUpMs()).isZero();
        assertThat(lost.endedBy()).isNull();
        assertThat(feed.sessionStarted(session("s-4c", third, "staff:h3", T0 + 41_000), 1_000)).isEqualTo(number);
    }

    @Test
    void chatIsRecordedAndMonitoringSupervisorsAreKnown() {
        HelpRequest r = request("r-5", "guest:a5", TAX, ServiceKind.ASSIST, null, T0);
        LiveSession s = session("s-5", r, "staff:h1", T0);
        feed.supervisorAction(s, "staff:sup1", SupervisorAction.MONITOR_START);
        feed.supervisorAction(s, "staff:sup2", SupervisorAction.MONITOR_START);
        feed.supervisorAction(s, "staff:sup2", SupervisorAction.MONITOR_STOP);
        CaseFeed.ChatRecorded chat = feed.recordChat(s, "guest:a5", Role.APPLICANT, "你好\n请问");
        assertThat(chat.monitoringSupervisors()).containsExactly("staff:sup1");
        assertThat(chat.event().type()).isEqualTo(CaseEventType.CHAT);
        assertThat(chat.event().payload().path("text").asText()).isEqualTo("你好\n请问");
        // the session's start was recorded by the first step that needed its case
        assertThat(sessions.find("s-5").orElseThrow().caseNumber()).isEqualTo(chat.caseNumber());
    }

    @Test
    void aCallbackOpensACaseInTheSameTransaction() {
        Catalog catalog = new Catalog() {
            @Override
            public java.util.Optional<ServiceItem> item(String id) {
                return List.of(TAX, SOCIAL).stream().filter(i -> i.id().equals(id)).findFirst();
            }

            @Override
            public List<ServiceItem> items() {
                return List.of(TAX, SOCIAL);
            }
        };
        CallbackCases callbackCases = new CallbackCases(cases, catalog);
        CallbackRequests callbacks = new CallbackRequests(store);
        CallbackRequest cb = new CallbackRequest("cb-1", "guest:a6", "tax-registration", ServiceKind.ASSIST, "zh",
                "13800001234", "明天上午", CallbackReason.OUTSIDE_HOURS, "想咨询", T0);
        String number = store.write("a callback", c -> {
            callbacks.insert(c, cb);
            return callbackCases.open(c, cb);
        });
        CaseRecord c = cases.findByRequestId("cb-1").orElseThrow();
        assertThat(c.number()).isEqualTo(number);
        assertThat(c.state()).isEqualTo(CaseState.INTAKE);
        assertThat(c.department()).isEqualTo("税务局");
        assertThat(c.description()).isEqualTo("想咨询");
        assertThat(c.helpers()).isEmpty();
        assertThat(callbacks.listRecent(10)).hasSize(1);

        // a 代办 callback for an item that may not be delegated: refused, and the callback row is not kept either
        CallbackRequest bad = new CallbackRequest("cb-2", "guest:a6", "social-insurance", ServiceKind.DELEGATE, "zh",
                "13800001234", null, CallbackReason.APPLICANT_CHOICE, null, T0);
        assertThatThrownBy(() -> store.write("a callback", tx -> {
            callbacks.insert(tx, bad);
            return callbackCases.open(tx, bad);
        })).isInstanceOf(CaseException.class);
        assertThat(callbacks.listRecent(10)).hasSize(1);
        assertThat(cases.findByRequestId("cb-2")).isEmpty();
    }

    @Test
    void aStoreThatFailsNeverBreaksTheCallerAndIsCounted() {
        HelpRequest r = request("r-7", "guest:a7", TAX, ServiceKind.ASSIST, null, T0);
        LiveSession s = session("s-7", r, "staff:h1", T0);
        store.close();
        assertThat(feed.sessionStarted(s, 0)).isNull();
        assertThat(feed.sessionEnded(SessionEnd.ended(s, "HELPER_ENDED", "staff:h1", T0 + 1, T0 + 1))).isNull();
        feed.supervisorAction(s, "staff:sup1", SupervisorAction.MONITOR_START);
        assertThat(registry.get("bangban.casefeed.failures").tag("step", "start").counter().count()).isEqualTo(1);
        assertThat(registry.get("bangban.casefeed.failures").tag("step", "end").counter().count()).isEqualTo(1);
        assertThat(registry.get("bangban.casefeed.failures").tag("step", "supervisor").counter().count()).isEqualTo(1);
        store = null;
    }

    private void awaitWrapUp(String sessionId, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Long w = sessions.find(sessionId).orElseThrow().wrapUpMs();
            if (w != null) {
                assertThat(w).isEqualTo(expected);
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        throw new AssertionError("the wrap-up of " + sessionId + " was not recorded within 10 s");
    }
}
