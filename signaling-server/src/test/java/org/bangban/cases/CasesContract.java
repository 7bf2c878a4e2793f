package org.bangban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bangban.cases.CaseState.ARCHIVED;
import static org.bangban.cases.CaseState.CLOSED;
import static org.bangban.cases.CaseState.DELIVERY;
import static org.bangban.cases.CaseState.GUIDED_HANDLING;
import static org.bangban.cases.CaseState.INTAKE;
import static org.bangban.cases.CaseState.MANDATE_ACCEPTED;
import static org.bangban.cases.CaseState.MATERIALS;
import static org.bangban.cases.CaseState.PLANNING;
import static org.bangban.cases.CaseState.RESULT_FEEDBACK;
import static org.bangban.cases.CaseState.TERMINATED;
import static org.bangban.cases.CaseState.TRACKING;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceKind;
import org.bangban.store.RecordStore;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * What the case log promises, whatever the database: run against a real SQLite file and a real PostgreSQL.
 * Subclasses give a store on a migrated, empty database for each test.
 */
abstract class CasesContract {
    /** 2026-11-26 09:00 in Shanghai. */
    static final Instant START = Instant.parse("2026-11-26T01:00:00Z");
    static final String ID_NUMBER = "110101199003071234";
    static final String PHONE = "13812345678";
    static final String NAME = "欧阳娜娜";
    static final Actor HELPER = Actor.helper("staff-h1");
    static final Actor SUPERVISOR = Actor.supervisor("staff-s1");
    static final int THREADS = 8;

    protected RecordStore store;
    protected MutableClock clock;
    protected RealNameCipher cipher;
    protected Cases cases;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    @BeforeEach
    void openTheCaseLog() {
        store = database().openStore();
        clock = new MutableClock(START);
        cipher = RealNameCipher.ofBase64(RealNameCipher.newKeyBase64());
        cases = new Cases(store, cipher, clock, Cases.DEFAULT_ZONE);
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) store.close();
    }

    // ---- numbering ----

    @Test
    void numbersRunPerDayInTheServiceZoneAndStartAgainEachDay() {
        assertThat(open(assist()).number()).isEqualTo("BB-20261126-000001");
        assertThat(open(assist()).number()).isEqualTo("BB-20261126-000002");
        clock.set(Instant.parse("2026-11-26T15:59:59Z")); // 23:59:59 in Shanghai
        assertThat(open(assist()).number()).isEqualTo("BB-20261126-000003");
        clock.set(Instant.parse("2026-11-26T16:00:00Z")); // midnight in Shanghai, still the 26th in UTC
        CaseRecord nextDay = open(assist());
        assertThat(nextDay.number()).isEqualTo("BB-20261127-000001");
        assertThat(nextDay.createdAt()).isEqualTo(Instant.parse("2026-11-26T16:00:00Z"));

        Cases utc = new Cases(store, cipher, clock, java.time.ZoneOffset.UTC);
        assertThat(utc.open(assist(), HELPER).number()).isEqualTo("BB-20261126-000004");
    }

    @Test
    void concurrentOpenersGetDistinctConsecutiveNumbers() throws Exception {
        int perThread = 15;
        List<String> numbers = inParallel(THREADS, t -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(cases.open(assistBuilder().applicant("a-" + t).build(), HELPER).number());
            }
            return mine;
        });
        assertThat(numbers).hasSize(THREADS * perThread).doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= THREADS * perThread; i++) expected.add(String.format("BB-20261126-%06d", i));
        assertThat(new HashSet<>(numbers)).isEqualTo(expected);
        assertThat(count("SELECT COUNT(*) FROM service_case")).isEqualTo(THREADS * perThread);
        assertThat(count("SELECT last FROM case_counter WHERE day = '20261126'")).isEqualTo(THREADS * perThread);
    }

    @Test
    void anOpeningRolledBackWithTheCallersTransactionLeavesNothingNotEvenItsNumber() {
        assertThatThrownBy(() -> store.write("an opening and a failure", c -> {
            CaseRecord opened = cases.open(c, assist(), HELPER);
            cases.append(c, opened.number(), HELPER, CaseEventType.NOTE, CasePayloads.object().put("text", "x"));
            assertThat(cases.find(c, opened.number())).isPresent();
            throw new IllegalStateException("the caller's other write failed");
        })).hasMessageContaining("other write failed");
        assertThat(count("SELECT COUNT(*) FROM service_case")).isZero();
        assertThat(count("SELECT COUNT(*) FROM case_event")).isZero();
        assertThat(open(assist()).number()).isEqualTo("BB-20261126-000001");
    }

    // ---- opening ----

    @Test
    void anOpenedCaseHasItsCreatedEventAndItsFirstHelper() {
        CaseRecord c = cases.open(NewCase.builder("app-1", "tax-1", ServiceKind.DELEGATE, Channel.SERVICE_HALL)
                .department("税务局").green(GreenReason.ELDERLY).requestId("req-1").description("需要代办")
                .helper("staff-h1").itemDelegable(true).build(), SUPERVISOR);
        assertThat(c.state()).isEqualTo(MANDATE_ACCEPTED);
        assertThat(c.kind()).isEqualTo(ServiceKind.DELEGATE);
        assertThat(c.channel()).isEqualTo(Channel.SERVICE_HALL);
        assertThat(c.priority()).isEqualTo(PriorityClass.GREEN);
        assertThat(c.greenReason()).isEqualTo(GreenReason.ELDERLY);
        assertThat(c.department()).isEqualTo("税务局");
        assertThat(c.description()).isEqualTo("需要代办");
        assertThat(c.requestId()).isEqualTo("req-1");
        assertThat(c.createdBy()).isEqualTo(SUPERVISOR.id());
        assertThat(c.createdAt()).isEqualTo(START);
        assertThat(c.updatedAt()).isEqualTo(START);
        assertThat(c.closedAt()).isNull();
        assertThat(c.result()).isNull();
        assertThat(c.lastSeq()).isEqualTo(2);
        assertThat(c.primaryHelper()).isEqualTo("staff-h1");
        assertThat(c.realName()).isEqualTo(MaskedRealName.NONE);
        List<CaseEvent> events = cases.events(c.number());
        assertThat(events).extracting(CaseEvent::type)
                .containsExactly(CaseEventType.CREATED, CaseEventType.HELPER_ASSIGNED);
        assertThat(events.get(0).actor()).isEqualTo(SUPERVISOR);
        assertThat(events.get(0).payload().get("channel").asText()).isEqualTo("SERVICE_HALL");
        assertThat(events.get(1).payload().get("helperId").asText()).isEqualTo("staff-h1");
        assertThat(cases.findByRequestId("req-1")).contains(c);
        assertThat(cases.get(c.number())).isEqualTo(c);
        assertConsistent(c.number());
    }

    @Test
    void aSecondCaseForTheSameRequestIsRefused() {
        CaseRecord first = open(assistBuilder().requestId("req-7").build());
        assertThatThrownBy(() -> open(assistBuilder().requestId("req-7").build()))
                .isInstanceOfSatisfying(CaseException.class, e -> {
                    assertThat(e.code()).isEqualTo("duplicate");
                    assertThat(e.getMessage()).contains(first.number());
                });
        assertThat(count("SELECT COUNT(*) FROM service_case")).isEqualTo(1);
        assertThat(count("SELECT last FROM case_counter")).isEqualTo(1);
    }

    @Test
    void aMandateForAnItemThatIsNotDelegableIsRefused() {
        assertThatThrownBy(() -> open(NewCase.builder("a", "i", ServiceKind.DELEGATE, Channel.ONLINE).build()))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.code()).isEqualTo("not_delegable"));
        assertThatThrownBy(() -> open(NewCase.builder(" ", "i", ServiceKind.ASSIST, Channel.ONLINE).build()))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThatThrownBy(() -> NewCase.builder("a", "i", ServiceKind.ASSIST, Channel.ONLINE).green(null).build())
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.getMessage()).contains("ELDERLY"));
        assertThat(count("SELECT COUNT(*) FROM service_case")).isZero();
    }

    // ---- workflow ----

    @Test
    void aFullAssistCaseGoesFromIntakeToClosed() {
        String n = open(assist()).number();
        apply(n, new CaseAction.Advance(GUIDED_HANDLING, "开始辅导"));
        apply(n, new CaseAction.RecordResult(CaseResult.PARTLY_RESOLVED));
        apply(n, new CaseAction.RecordResult(CaseResult.RESOLVED, "更正"));
        apply(n, new CaseAction.Advance(RESULT_FEEDBACK));
        clock.advance(Duration.ofMinutes(5));
        CaseRecord closed = apply(n, new CaseAction.Advance(CLOSED));
        assertThat(closed.state()).isEqualTo(CLOSED);
        assertThat(closed.result()).isEqualTo(CaseResult.RESOLVED);
        assertThat(closed.closedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(cases.events(n)).extracting(CaseEvent::type).containsExactly(CaseEventType.CREATED,
                CaseEventType.STATE_CHANGED, CaseEventType.RESULT_RECORDED, CaseEventType.RESULT_RECORDED,
                CaseEventType.STATE_CHANGED, CaseEventType.STATE_CHANGED);
        assertRefused(n, new CaseAction.Advance(GUIDED_HANDLING), "illegal_transition");
        // an ended case still takes notes, evaluations and follow-ups
        cases.append(n, Actor.applicant("app-1"), CaseEventType.EVALUATION_RECEIVED,
                CasePayloads.object().put("level", 5));
        assertThat(cases.get(n).closedAt()).isEqualTo(closed.closedAt());
        assertConsistent(n);
    }

    @Test
    void aFullMandateGoesFromAcceptanceToArchiveAndCanGoBackForMoreMaterials() {
        String n = open(delegate()).number();
        for (CaseState s : List.of(PLANNING, MATERIALS, TRACKING, MATERIALS, TRACKING)) {
            assertThat(apply(n, new CaseAction.Advance(s)).state()).isEqualTo(s);
        }
        assertRefused(n, new CaseAction.Advance(DELIVERY), "illegal_transition");
        apply(n, new CaseAction.RecordResult(CaseResult.TRANSFERRED));
        apply(n, new CaseAction.Advance(DELIVERY));
        CaseRecord archived = apply(n, new CaseAction.Advance(ARCHIVED));
        assertThat(archived.state()).isEqualTo(ARCHIVED);
        assertThat(archived.closedAt()).isNotNull();
        assertThat(archived.lastSeq()).isEqualTo(9);
        assertConsistent(n);
    }

    @Test
    void onlyAGreenMandateSkipsPlanningAndTracking() {
        String normal = open(delegate()).number();
        assertRefused(normal, new CaseAction.Advance(MATERIALS), "illegal_transition");

        String green = open(NewCase.builder("app-2", "tax-1", ServiceKind.DELEGATE, Channel.ONLINE)
                .green(GreenReason.DISABILITY).itemDelegable(true).build()).number();
        apply(green, new CaseAction.Advance(MATERIALS));
        apply(green, new CaseAction.RecordResult(CaseResult.RESOLVED));
        apply(green, new CaseAction.Advance(DELIVERY));
        assertThat(apply(green, new CaseAction.Advance(ARCHIVED)).state()).isEqualTo(ARCHIVED);
        assertConsistent(green);
        assertConsistent(normal);
    }

    @Test
    void anAssistCaseBecomesAMandateOnlyForADelegableItem() {
        String n = open(assist()).number();
        apply(n, new CaseAction.Advance(GUIDED_HANDLING));
        apply(n, new CaseAction.RecordResult(CaseResult.NOT_RESOLVED));
        assertRefused(n, new CaseAction.ConvertToDelegation(false), "not_delegable");
        CaseRecord mandate = apply(n, new CaseAction.ConvertToDelegation(true, "申请人委托代办"));
        assertThat(mandate.kind()).isEqualTo(ServiceKind.DELEGATE);
        assertThat(mandate.state()).isEqualTo(MANDATE_ACCEPTED);
        assertThat(mandate.result()).isNull();
        assertRefused(n, new CaseAction.ConvertToDelegation(true), "illegal_transition");
        assertConsistent(n);
    }

    @Test
    void terminationNeedsAReasonAndEndsTheCase() {
        String n = open(delegate()).number();
        apply(n, new CaseAction.Advance(PLANNING));
        clock.advance(Duration.ofHours(1));
        CaseRecord t = apply(n, new CaseAction.Terminate(TerminationReason.MATERIALS_MISSING_PAST_DEADLINE, "逾期"));
        assertThat(t.state()).isEqualTo(TERMINATED);
        assertThat(t.terminationReason()).isEqualTo(TerminationReason.MATERIALS_MISSING_PAST_DEADLINE);
        assertThat(t.closedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertRefused(n, new CaseAction.Terminate(TerminationReason.DUPLICATE), "illegal_transition");
        assertRefused(n, new CaseAction.Advance(MATERIALS), "illegal_transition");
        assertConsistent(n);
    }

    @Test
    void everyTransitionThroughTheStoreAgreesWithTheWorkflow() {
        // one case per (kind, green, state, result) reached through the store, then every action tried on it
        int tried = 0;
        for (CaseStatus target : CaseWorkflowTest.everyStatus()) {
            List<CaseAction> path = pathTo(target);
            if (path == null) continue;
            NewCase.Builder b = NewCase.builder("app", "item", target.kind(), Channel.ONLINE).itemDelegable(true);
            if (target.green()) b.green(GreenReason.KEY_PROJECT);
            String n = open(b.build()).number();
            for (CaseAction a : path) apply(n, a);
            assertThat(cases.get(n).status()).isEqualTo(target);
            for (CaseState to : CaseState.values()) {
                tried++;
                CaseAction a = new CaseAction.Advance(to);
                boolean allowed = CaseWorkflow.decide(target, a) instanceof CaseWorkflow.Allowed;
                if (allowed) {
                    String copy = n;
                    // try it in a transaction that is then rolled back, so the same case serves every target
                    assertThatThrownBy(() -> store.write("a trial", c -> {
                        assertThat(cases.apply(c, copy, HELPER, a).state()).isEqualTo(to);
                        throw new IllegalStateException("roll back");
                    })).hasMessage("roll back");
                } else {
                    assertRefused(n, a, "illegal_transition");
                }
            }
            assertConsistent(n);
        }
        assertThat(tried).isGreaterThan(200);
    }

    @Test
    void aRefusedActionWritesNothing() throws SQLException {
        String n = open(assistBuilder().realName(new RealName(NAME, ID_NUMBER, PHONE)).build()).number();
        Map<String, Object> rowBefore = rawRow("SELECT * FROM service_case WHERE number = ?", n);
        List<Map<String, Object>> eventsBefore = rawEvents(n);
        clock.advance(Duration.ofMinutes(1));
        assertRefused(n, new CaseAction.Advance(CLOSED), "illegal_transition");
        assertRefused(n, new CaseAction.RecordResult(CaseResult.RESOLVED), "illegal_transition");
        assertRefused(n, new CaseAction.Advance(MATERIALS), "illegal_transition");
        assertThatThrownBy(() -> cases.append(n, HELPER, CaseEventType.STATE_CHANGED, null))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThat(rawRow("SELECT * FROM service_case WHERE number = ?", n)).isEqualTo(rowBefore);
        assertThat(rawEvents(n)).isEqualTo(eventsBefore);
    }

    @Test
    void unknownAndMalformedNumbersAreRefusedClearly() {
        String unknown = "BB-20261126-000999";
        for (ThrowingConsumer<String> op : List.<ThrowingConsumer<String>>of(
                n -> cases.apply(n, HELPER, new CaseAction.Advance(GUIDED_HANDLING)),
                n -> cases.append(n, HELPER, CaseEventType.NOTE, null),
                n -> cases.addHelper(n, HELPER, "h", HelperRole.ASSISTING),
                n -> cases.transfer(n, HELPER, "h", null),
                n -> cases.revealRealName(n, HELPER),
                cases::events,
                cases::get)) {
            assertThatThrownBy(() -> op.accept(unknown)).isInstanceOfSatisfying(CaseException.class, e -> {
                assertThat(e.code()).isEqualTo("not_found");
                assertThat(e.getMessage()).contains(unknown);
            });
            assertThatThrownBy(() -> op.accept("20261126-1")).isInstanceOfSatisfying(CaseException.class,
                    e -> assertThat(e.code()).isEqualTo("invalid"));
        }
        assertThat(cases.find(unknown)).isEmpty();
        assertThat(cases.findByRequestId("nope")).isEmpty();
    }

    // ---- real-name data ----

    @Test
    void realNameDataIsEncryptedAtRestMaskedOnDisplayAndRevealedOnlyOnRequestWithATrace() throws SQLException {
        CaseRecord c = open(assistBuilder().realName(new RealName(NAME, ID_NUMBER, PHONE)).build());
        assertThat(c.realName()).isEqualTo(new MaskedRealName("欧阳**", "110***********1234", "138****5678"));
        assertThat(cases.search(CaseQuery.all()).cases().get(0).realName()).isEqualTo(c.realName());

        Map<String, Object> raw = rawRow("SELECT * FROM service_case WHERE number = ?", c.number());
        String everything = raw.values().toString() + rawEvents(c.number());
        assertThat(everything).doesNotContain(ID_NUMBER).doesNotContain("19900307").doesNotContain(PHONE)
                .doesNotContain("12345678").doesNotContain(NAME).doesNotContain("娜娜");
        for (String column : List.of("applicant_name_enc", "applicant_id_number_enc", "applicant_phone_enc")) {
            assertThat((String) raw.get(column)).as(column).startsWith(cipher.currentKeyId() + ":");
        }

        RealName plain = cases.revealRealName(c.number(), SUPERVISOR);
        assertThat(plain).isEqualTo(new RealName(NAME, ID_NUMBER, PHONE));
        CaseEvent viewed = cases.events(c.number()).get(1);
        assertThat(viewed.type()).isEqualTo(CaseEventType.REAL_NAME_VIEWED);
        assertThat(viewed.actor()).isEqualTo(SUPERVISOR);
        assertThat(viewed.payload().get("fields").toString()).isEqualTo("[\"name\",\"idNumber\",\"phone\"]");

        assertThat(raw.get("applicant_id_number_masked")).isEqualTo("110***********1234");
        assertThat(raw.get("applicant_phone_masked")).isEqualTo("138****5678");

        // a node without the key still lists the case masked, but cannot reveal it; the key id says which is missing
        Cases otherKey = new Cases(store, RealNameCipher.ofBase64(RealNameCipher.newKeyBase64()), clock,
                Cases.DEFAULT_ZONE);
        assertThat(otherKey.get(c.number()).realName()).isEqualTo(c.realName());
        assertThatThrownBy(() -> otherKey.revealRealName(c.number(), SUPERVISOR))
                .hasMessageContaining(cipher.currentKeyId());
        assertThat(cases.events(c.number())).hasSize(2);

        String without = open(assist()).number();
        assertThat(cases.revealRealName(without, SUPERVISOR).isEmpty()).isTrue();
        assertThat(cases.events(without)).hasSize(1);
        assertConsistent(c.number());
    }

    @Test
    void partialRealNameDataIsKeptAsGiven() {
        CaseRecord c = open(assistBuilder().realName(new RealName(null, null, "010-87654321")).build());
        assertThat(c.realName()).isEqualTo(new MaskedRealName(null, null, "***-****4321"));
        assertThat(cases.revealRealName(c.number(), HELPER)).isEqualTo(new RealName(null, null, "010-87654321"));
    }

    // ---- helpers ----

    @Test
    void helpersAreAddedAndTransferredAndEachSeesItsOwnCases() {
        String n = open(assistBuilder().helper("h1").build()).number();
        String other = open(assistBuilder().helper("h2").build()).number();
        assertThat(cases.addHelper(n, SUPERVISOR, "h3", HelperRole.ASSISTING).helperRoles())
                .isEqualTo(Map.of("h1", HelperRole.PRIMARY, "h3", HelperRole.ASSISTING));
        long seq = cases.get(n).lastSeq();
        assertThat(cases.addHelper(n, SUPERVISOR, "h3", HelperRole.ASSISTING).lastSeq()).as("nothing new").isEqualTo(seq);
        assertThatThrownBy(() -> cases.addHelper(n, SUPERVISOR, "h2", HelperRole.PRIMARY))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.getMessage()).contains("transfer"));
        assertThatThrownBy(() -> cases.addHelper(n, SUPERVISOR, "h2", HelperRole.TRANSFERRED_FROM))
                .isInstanceOf(CaseException.class);

        CaseRecord moved = cases.transfer(n, HELPER, "h2", "转交税务专员");
        assertThat(moved.helperRoles()).isEqualTo(Map.of("h1", HelperRole.TRANSFERRED_FROM, "h2", HelperRole.PRIMARY,
                "h3", HelperRole.ASSISTING));
        assertThat(moved.primaryHelper()).isEqualTo("h2");
        assertThatThrownBy(() -> cases.transfer(n, HELPER, "h2", null)).isInstanceOf(CaseException.class);
        CaseEvent transferred = cases.events(n).get((int) moved.lastSeq() - 1);
        assertThat(transferred.type()).isEqualTo(CaseEventType.TRANSFERRED);
        assertThat(transferred.payload().get("from").asText()).isEqualTo("h1");

        assertThat(cases.forHelper("h1", null, 0, 10).cases()).extracting(CaseRecord::number).containsExactly(n);
        assertThat(cases.forHelper("h2", null, 0, 10).cases()).extracting(CaseRecord::number)
                .containsExactly(other, n);
        assertThat(cases.forHelper("h2", GUIDED_HANDLING, 0, 10).cases()).isEmpty();
        assertThat(cases.forHelper("nobody", null, 0, 10).cases()).isEmpty();

        apply(n, new CaseAction.Terminate(TerminationReason.APPLICANT_UNREACHABLE));
        assertThatThrownBy(() -> cases.transfer(n, HELPER, "h1", null)).isInstanceOfSatisfying(CaseException.class,
                e -> assertThat(e.code()).isEqualTo("illegal_transition"));
        assertThat(cases.addHelper(n, SUPERVISOR, "h9", HelperRole.ASSISTING).hasHelper("h9")).isTrue();
        assertConsistent(n);
        assertConsistent(other);
    }

    // ---- search ----

    @Test
    void searchFiltersByEveryCriterionNewestFirstAndPages() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(10));
            NewCase.Builder b = NewCase.builder(i % 2 == 0 ? "app-even" : "app-odd", i % 3 == 0 ? "item-a" : "item-b",
                    ServiceKind.ASSIST, Channel.ONLINE).department(i < 6 ? "民政局" : "税务局").helper("h" + (i % 4));
            made.add(open(b.build()).number());
        }
        apply(made.get(4), new CaseAction.Advance(GUIDED_HANDLING));
        apply(made.get(7), new CaseAction.Advance(GUIDED_HANDLING));

        assertThat(numbers(CaseQuery.all())).containsExactlyElementsOf(reversed(made));
        assertThat(numbers(CaseQuery.all().withNumber(made.get(3)))).containsExactly(made.get(3));
        assertThat(numbers(CaseQuery.all().withApplicant("app-odd"))).containsExactly(made.get(11), made.get(9),
                made.get(7), made.get(5), made.get(3), made.get(1));
        assertThat(numbers(CaseQuery.all().withItem("item-a"))).containsExactly(made.get(9), made.get(6),
                made.get(3), made.get(0));
        assertThat(numbers(CaseQuery.all().withDepartment("税务局").withItem("item-a"))).containsExactly(made.get(9),
                made.get(6));
        assertThat(numbers(CaseQuery.all().withState(GUIDED_HANDLING))).containsExactly(made.get(7), made.get(4));
        assertThat(numbers(CaseQuery.all().withHelper("h1"))).containsExactly(made.get(9), made.get(5), made.get(1));
        Instant from = START.plus(Duration.ofMinutes(30)); // the 3rd case's time: inclusive
        Instant to = START.plus(Duration.ofMinutes(60)); // the 6th case's time: exclusive
        assertThat(numbers(CaseQuery.all().createdBetween(from, to))).containsExactly(made.get(4), made.get(3),
                made.get(2));
        assertThat(numbers(CaseQuery.all().createdBetween(null, to).withApplicant("app-even")))
                .containsExactly(made.get(4), made.get(2), made.get(0));

        CasePage first = cases.search(CaseQuery.all().page(0, 5));
        CasePage last = cases.search(CaseQuery.all().page(10, 5));
        assertThat(first.more()).isTrue();
        assertThat(first.cases()).extracting(CaseRecord::number).containsExactlyElementsOf(reversed(made).subList(0, 5));
        assertThat(last.more()).isFalse();
        assertThat(last.cases()).extracting(CaseRecord::number).containsExactly(made.get(1), made.get(0));
        assertThat(first.cases().get(0).helpers()).extracting(CaseHelper::helperId).containsExactly("h3");

        assertThatThrownBy(() -> CaseQuery.all().page(0, 201)).isInstanceOfSatisfying(CaseException.class,
                e -> assertThat(e.code()).isEqualTo("invalid"));
        assertThatThrownBy(() -> CaseQuery.all().withNumber("x")).isInstanceOf(CaseException.class);
        assertThat(cases.search(CaseQuery.all().page(0, 200)).cases()).hasSize(12);
    }

    // ---- events and concurrency ----

    @Test
    void eventsOnlyGrowEarlierOnesNeverChange() {
        String n = open(assistBuilder().helper("h1").build()).number();
        List<CaseEvent> before = cases.events(n);
        cases.append(n, HELPER, CaseEventType.SESSION_STARTED, CasePayloads.object().put("sessionId", "s-1"));
        apply(n, new CaseAction.Advance(GUIDED_HANDLING));
        cases.append(n, HELPER, CaseEventType.NOTE, null);
        List<CaseEvent> after = cases.events(n);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after).extracting(CaseEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(after.get(2).payload().get("sessionId").asText()).isEqualTo("s-1");
        assertThat(after.get(4).payload().size()).isZero();
        assertThatThrownBy(() -> cases.append(n, HELPER, CaseEventType.CHAT,
                CasePayloads.object().put("text", "x".repeat(Cases.MAX_PAYLOAD_CHARS))))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.code()).isEqualTo("invalid"));
    }

    @Test
    void concurrentAppliesAndAppendsOnOneCaseNeverRepeatASeqOrDisagreeWithTheEvents() throws Exception {
        String n = open(delegate()).number();
        int perThread = 12;
        AtomicInteger advances = new AtomicInteger();
        AtomicInteger refusals = new AtomicInteger();
        inParallel(THREADS, t -> {
            for (int i = 0; i < perThread; i++) {
                if ((i + t) % 3 == 0) {
                    cases.append(n, Actor.helper("h" + t), CaseEventType.NOTE, CasePayloads.object().put("i", i));
                    continue;
                }
                // everybody races for the same next step; exactly one wins each
                CaseState state = cases.get(n).state();
                CaseState next = state == MANDATE_ACCEPTED ? PLANNING : state == PLANNING ? MATERIALS
                        : state == MATERIALS ? TRACKING : MATERIALS;
                try {
                    cases.apply(n, Actor.helper("h" + t), new CaseAction.Advance(next));
                    advances.incrementAndGet();
                } catch (CaseException e) {
                    assertThat(e.code()).isEqualTo("illegal_transition");
                    refusals.incrementAndGet();
                }
            }
            return List.of();
        });
        List<CaseEvent> events = cases.events(n);
        assertThat(events).extracting(CaseEvent::seq).doesNotHaveDuplicates();
        long notes = events.stream().filter(e -> e.type() == CaseEventType.NOTE).count();
        long changes = events.stream().filter(e -> e.type() == CaseEventType.STATE_CHANGED).count();
        assertThat(changes).isEqualTo(advances.get());
        assertThat(notes + changes + 1).isEqualTo(events.size());
        assertThat(advances.get() + refusals.get() + notes).isEqualTo((long) THREADS * perThread);
        assertThat(advances.get()).isGreaterThan(3);
        assertConsistent(n);
    }

    @Test
    void forRandomActionSequencesTheStoredCaseEqualsTheReplayOfItsEvents() {
        for (long seed = 1; seed <= 25; seed++) {
            RandomActions random = new RandomActions(seed);
            GreenReason green = random.greenReasonOrNull();
            ServiceKind kind = random.kind();
            NewCase.Builder b = NewCase.builder("app", "item", kind, Channel.PARTNER).itemDelegable(true)
                    .helper(random.chance(50) ? "h0" : null);
            if (green != null) b.green(green);
            String n = open(b.build()).number();
            CaseStatus expected = cases.get(n).status();
            for (int i = 0; i < 20; i++) {
                clock.advance(Duration.ofSeconds(1 + random.nextInt(100)));
                int roll = random.nextInt(10);
                if (roll == 0) {
                    cases.append(n, HELPER, CaseEventType.NOTE, null);
                } else if (roll == 1 && !expected.state().isFinal()) {
                    String to = "h" + random.nextInt(3);
                    if (!to.equals(cases.get(n).primaryHelper())) cases.transfer(n, SUPERVISOR, to, null);
                } else {
                    CaseAction a = random.next(expected);
                    CaseWorkflow.Decision d = CaseWorkflow.decide(expected, a);
                    if (d instanceof CaseWorkflow.Allowed ok) {
                        assertThat(apply(n, a).status()).as("seed " + seed).isEqualTo(ok.step().next());
                        expected = ok.step().next();
                    } else {
                        assertRefused(n, a, ((CaseWorkflow.Refused) d).code().wire());
                    }
                }
            }
            assertConsistent(n);
        }
    }

    // ---- helpers of the tests ----

    /** The case row agrees with the replay of its events. */
    protected void assertConsistent(String number) {
        CaseRecord stored = cases.get(number);
        CaseReplay.Replayed replayed = CaseReplay.replay(cases.events(number));
        assertThat(replayed.status()).as(number).isEqualTo(stored.status());
        assertThat(replayed.helpers()).as(number).isEqualTo(stored.helperRoles());
        assertThat(replayed.lastSeq()).as(number).isEqualTo(stored.lastSeq());
        assertThat(replayed.createdAt()).isEqualTo(stored.createdAt());
        assertThat(replayed.updatedAt()).isEqualTo(stored.updatedAt());
        assertThat(replayed.closedAt()).isEqualTo(stored.closedAt());
    }

    private void assertRefused(String number, CaseAction action, String code) {
        long seq = cases.get(number).lastSeq();
        assertThatThrownBy(() -> cases.apply(number, HELPER, action)).as(action.toString())
                .isInstanceOfSatisfying(CaseException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(number);
                });
        assertThat(cases.get(number).lastSeq()).isEqualTo(seq);
        assertThat(cases.events(number)).hasSize((int) seq);
    }

    /** The shortest list of actions that brings a new case to the target status; null when none does. */
    private static List<CaseAction> pathTo(CaseStatus target) {
        List<CaseAction> moves = new ArrayList<>();
        for (CaseState to : CaseState.values()) moves.add(new CaseAction.Advance(to));
        moves.add(new CaseAction.RecordResult(CaseResult.RESOLVED));
        moves.add(new CaseAction.Terminate(TerminationReason.DUPLICATE));
        Map<CaseStatus, List<CaseAction>> seen = new LinkedHashMap<>();
        java.util.ArrayDeque<CaseStatus> queue = new java.util.ArrayDeque<>();
        CaseStatus start = CaseStatus.opened(target.kind(), target.priority());
        seen.put(start, List.of());
        queue.add(start);
        while (!queue.isEmpty()) {
            CaseStatus s = queue.poll();
            if (s.equals(target)) return seen.get(s);
            for (CaseAction a : moves) {
                if (CaseWorkflow.decide(s, a) instanceof CaseWorkflow.Allowed ok && !seen.containsKey(ok.step().next())) {
                    List<CaseAction> path = new ArrayList<>(seen.get(s));
                    path.add(a);
                    seen.put(ok.step().next(), path);
                    queue.add(ok.step().next());
                }
            }
        }
        return null;
    }

    private CaseRecord open(NewCase n) {
        return cases.open(n, HELPER);
    }

    private CaseRecord apply(String number, CaseAction action) {
        return cases.apply(number, HELPER, action);
    }

    static NewCase assist() {
        return assistBuilder().build();
    }

    static NewCase delegate() {
        return NewCase.builder("app-1", "tax-1", ServiceKind.DELEGATE, Channel.ONLINE).itemDelegable(true).build();
    }

    static TestBuilder assistBuilder() {
        return new TestBuilder();
    }

    /** A NewCase builder whose applicant can be changed (the real builder fixes it). */
    static final class TestBuilder {
        private String applicant = "app-1";
        private RealName realName;
        private String requestId;
        private String helper;

        TestBuilder applicant(String v) {
            applicant = v;
            return this;
        }

        TestBuilder realName(RealName v) {
            realName = v;
            return this;
        }

        TestBuilder requestId(String v) {
            requestId = v;
            return this;
        }

        TestBuilder helper(String v) {
            helper = v;
            return this;
        }

        NewCase build() {
            return NewCase.builder(applicant, "item-1", ServiceKind.ASSIST, Channel.ONLINE).realName(realName)
                    .requestId(requestId).helper(helper).build();
        }
    }

    private List<String> numbers(CaseQuery q) {
        return cases.search(q).cases().stream().map(CaseRecord::number).toList();
    }

    private static List<String> reversed(List<String> list) {
        List<String> r = new ArrayList<>(list);
        java.util.Collections.reverse(r);
        return r;
    }

    /** Work per thread, all started together; the results concatenated. */
    interface ThreadWork {
        List<String> run(int thread) throws Exception;
    }

    private static List<String> inParallel(int threads, ThreadWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.run(thread);
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) all.addAll(f.get(120, TimeUnit.SECONDS));
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) {
        try (Connection c = database().rawConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private Map<String, Object> rawRow(String sql, String number) throws SQLException {
        List<Map<String, Object>> rows = rawRows(sql, number);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private List<Map<String, Object>> rawEvents(String number) throws SQLException {
        return rawRows("SELECT * FROM case_event WHERE case_number = ? ORDER BY seq", number);
    }

    private List<Map<String, Object>> rawRows(String sql, String arg) throws SQLException {
        try (Connection c = database().rawConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnName(i), rs.getObject(i));
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
