package org.bangban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.bangban.queue.HelperProfile;
import org.bangban.store.AlreadyRecordedException;
import org.bangban.store.RecordStore;
import org.bangban.store.StoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staff accounts over the record store; run on a SQLite file and on PostgreSQL. */
abstract class StaffAccountsContract {
    /** Low bcrypt cost keeps the tests quick; the hasher's own test covers cost 10. */
    static final PasswordHasher CHEAP = new PasswordHasher(4);

    protected RecordStore store;
    protected StaffAccounts staff;

    /** The database this run is on: a static {@code @RegisterExtension} field of the subclass. */
    protected abstract StoreFixture database();

    @BeforeEach
    void open() {
        store = database().openStore();
        staff = new StaffAccounts(store, CHEAP);
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    @Test
    void aCreatedHelperLogsInWithTheRightPasswordOnly() {
        StaffAccount created = staff.create(helper("helper1", "bangban-demo"));
        assertThat(created.id()).startsWith("staff:");

        assertThat(staff.authenticate("helper1", "bangban-demo".toCharArray())).contains(created);
        assertThat(staff.authenticate(" helper1 ", "bangban-demo".toCharArray())).contains(created);
        assertThat(staff.authenticate("helper1", "bangban-dem0".toCharArray())).isEmpty();
        assertThat(staff.authenticate("helper1", new char[0])).isEmpty();
        assertThat(staff.authenticate("nobody", "bangban-demo".toCharArray())).isEmpty();
        assertThat(staff.authenticate(null, "x".toCharArray())).isEmpty();
    }

    @Test
    void displayNamesAreLookedUpForManyIdsAtOnceDisabledAccountsIncluded() {
        StaffAccount a = staff.create(new NewStaff("zhang", "帮办员 张敏", Role.HELPER, "pw".toCharArray(), "税务局",
                Map.of(), Set.of("zh"), Set.of(), 1));
        StaffAccount b = staff.create(new NewStaff("li", "帮办员 李强", Role.HELPER, "pw".toCharArray(), "税务局",
                Map.of(), Set.of("zh"), Set.of(), 1));
        staff.setDisabled(b.id(), true);
        java.util.List<String> ids = new java.util.ArrayList<>();
        ids.add(a.id());
        for (int i = 0; i < 600; i++) ids.add("staff:unknown-" + i); // more than one query's worth
        ids.add(b.id());
        ids.add(a.id());
        assertThat(staff.displayNames(ids)).containsExactlyInAnyOrderEntriesOf(Map.of(a.id(), "帮办员 张敏", b.id(), "帮办员 李强"));
        assertThat(staff.displayNames(java.util.List.of())).isEmpty();
    }

    @Test
    void theAccountIsStoredAsGiven() {
        StaffAccount created = staff.create(new NewStaff("  wang  ", "王小帮", Role.HELPER, "pw".toCharArray(), "税务局",
                Map.of("tax-1", 5, "category:税务", 3), Set.of("zh", "en"), Set.of("tax-team", "overflow"), 2));
        StaffAccount read = staff.findById(created.id()).orElseThrow();
        assertThat(read).isEqualTo(created);
        assertThat(read.username()).isEqualTo("wang");
        assertThat(read.skills()).containsExactlyInAnyOrderEntriesOf(Map.of("tax-1", 5, "category:税务", 3));
        assertThat(read.languages()).containsExactlyInAnyOrder("zh", "en");
        assertThat(read.groups()).containsExactlyInAnyOrder("tax-team", "overflow");
        assertThat(read.maxSessions()).isEqualTo(2);
        assertThat(read.disabled()).isFalse();
        assertThat(staff.findByUsername("wang")).contains(created);
        assertThat(staff.findByUsername("li")).isEmpty();
        assertThat(staff.findById("staff:none")).isEmpty();
    }

    @Test
    void aHelperBecomesAHelperProfileForThePairing() {
        StaffAccount a = staff.create(new NewStaff("h", "", Role.HELPER, "pw".toCharArray(), null,
                Map.of("biz-reg", 4), Set.of("zh"), Set.of(), 1));
        HelperProfile p = staff.toHelperProfile(a);
        assertThat(p).isEqualTo(new HelperProfile(a.id(), "h", Map.of("biz-reg", 4), Set.of("zh"), null, Set.of(), 1));
        assertThat(a.principal()).isEqualTo(new Principal(a.id(), Role.HELPER, "h", false));
    }

    @Test
    void aDisabledAccountCannotLogInUntilEnabled() {
        StaffAccount a = staff.create(helper("helper2", "pw"));
        assertThat(staff.setDisabled(a.id(), true)).isTrue();
        assertThat(staff.authenticate("helper2", "pw".toCharArray())).isEmpty();
        assertThat(staff.listHelpers()).isEmpty();
        assertThat(staff.setDisabled(a.id(), false)).isTrue();
        assertThat(staff.authenticate("helper2", "pw".toCharArray())).isPresent();
        assertThat(staff.setDisabled("staff:none", true)).isFalse();
    }

    @Test
    void onlyEnabledHelpersAreListedByUsername() {
        staff.create(helper("zhao", "pw"));
        staff.create(helper("an", "pw"));
        staff.create(new NewStaff("boss", "主管", Role.SUPERVISOR, "pw".toCharArray(), null, Map.of(), Set.of("zh"),
                Set.of(), 1));
        assertThat(staff.listHelpers()).extracting(StaffAccount::username).containsExactly("an", "zhao");
    }

    @Test
    void aUsernameIsTakenOnce() {
        staff.create(helper("helper1", "a"));
        assertThatThrownBy(() -> staff.create(helper("helper1", "b")))
                .isInstanceOf(AlreadyRecordedException.class).hasMessageContaining("'helper1' already exists");
        assertThat(staff.authenticate("helper1", "a".toCharArray())).isPresent();
    }

    @Test
    void invalidAccountsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> staff.create(helper(" ", "pw"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("username");
        assertThatThrownBy(() -> staff.create(withSkill("tax-1", 0))).hasMessageContaining("1 to 5");
        assertThatThrownBy(() -> staff.create(withSkill("tax-1", 6))).hasMessageContaining("1 to 5");
        assertThatThrownBy(() -> staff.create(withSkill(" ", 3))).hasMessageContaining("skill");
        assertThatThrownBy(() -> staff.create(new NewStaff("h", null, Role.HELPER, "pw".toCharArray(), null, Map.of(),
                Set.of("zh"), Set.of(), 0))).hasMessageContaining("maxSessions");
        assertThatThrownBy(() -> staff.create(new NewStaff("h", null, Role.APPLICANT, "pw".toCharArray(), null,
                Map.of(), Set.of("zh"), Set.of(), 1))).hasMessageContaining("HELPER or SUPERVISOR");
        assertThatThrownBy(() -> staff.create(new NewStaff("h", null, Role.HELPER, "pw".toCharArray(), null, Map.of(),
                Set.of("zh,en"), Set.of(), 1))).hasMessageContaining("comma");
        assertThatThrownBy(() -> staff.create(helper("h", ""))).hasMessageContaining("empty");
        assertThat(staff.findByUsername("h")).isEmpty();
    }

    @Test
    void theAccountOutlivesARestart() {
        StaffAccount a = staff.create(helper("helper1", "pw"));
        store.close();
        store = database().openStore();
        staff = new StaffAccounts(store, CHEAP);
        assertThat(staff.authenticate("helper1", "pw".toCharArray())).contains(a);
    }

    @Test
    void anUnknownUsernameTakesAboutAsLongAsAWrongPassword() {
        StaffAccounts realCost = new StaffAccounts(store, new PasswordHasher(10));
        realCost.create(helper("timed", "right"));
        // the two are measured in turns, the fastest of five each, so a burst of load on the machine slows both
        long wrong = Long.MAX_VALUE;
        long unknown = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            wrong = Math.min(wrong, time(() -> realCost.authenticate("timed", "wrong".toCharArray())));
            unknown = Math.min(unknown, time(() -> realCost.authenticate("no-such-user", "wrong".toCharArray())));
        }
        // without the dummy check an unknown user would take a small fraction of a bcrypt check (~1 ms vs ~60 ms)
        assertThat(unknown).as("unknown %d ns vs wrong %d ns", unknown, wrong).isGreaterThan(wrong / 2);
    }

    private static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    static NewStaff helper(String username, String password) {
        return new NewStaff(username, null, Role.HELPER, password.toCharArray(), "市场监管局", Map.of("category:税务", 3),
                Set.of("zh"), Set.of("tax-team"), 1);
    }

    static NewStaff withSkill(String skill, int level) {
        return new NewStaff("h", null, Role.HELPER, "pw".toCharArray(), null, Map.of(skill, level), Set.of("zh"),
                Set.of(), 1);
    }
}
