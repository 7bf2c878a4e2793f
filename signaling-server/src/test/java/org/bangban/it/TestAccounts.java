package org.bangban.it;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bangban.identity.NewStaff;
import org.bangban.identity.PasswordHasher;
import org.bangban.identity.Role;
import org.bangban.identity.StaffAccounts;
import org.bangban.queue.HelperProfile;
import org.bangban.server.DemoData;
import org.bangban.store.CallbackRequests;
import org.bangban.store.RecordStore;
import org.bangban.store.RequestOutcomes;
import org.bangban.store.ServiceItems;

/** The helper accounts the scenarios use, made in a record store before the nodes start. */
final class TestAccounts {
    static final String PASSWORD = DemoData.PASSWORD;
    private static final Map<String, String> IDS = new ConcurrentHashMap<>();

    private TestAccounts() {
    }

    static void createIn(Path sqliteFile) {
        try (RecordStore store = RecordStore.sqliteFile(sqliteFile)) {
            createIn(store);
        }
    }

    /** Demo items and accounts, plus taxEn, socialZh and multi. */
    static void createIn(RecordStore store) {
        StaffAccounts accounts = new StaffAccounts(store, new PasswordHasher(4));
        DemoData.seed(accounts, new ServiceItems(store));
        create(accounts, "taxEn", Map.of(HelperProfile.categorySkill("税务"), 5), Set.of("zh", "en"), 1);
        create(accounts, "socialZh", Map.of(HelperProfile.categorySkill("社会保障"), 4), Set.of("zh"), 1);
        create(accounts, "multi", Map.of(HelperProfile.categorySkill("税务"), 3, HelperProfile.categorySkill("社会保障"), 3,
                HelperProfile.categorySkill("户籍"), 3, HelperProfile.categorySkill("市场主体登记"), 3), Set.of("zh"), 2);
        IDS.put("helper2", accounts.findByUsername("helper2").orElseThrow().id());
    }

    private static void create(StaffAccounts accounts, String username, Map<String, Integer> skills, Set<String> languages, int max) {
        var a = accounts.create(new NewStaff(username, username, Role.HELPER, PASSWORD.toCharArray(), "政务服务中心",
                skills, languages, Set.of("general"), max));
        IDS.put(username, a.id());
    }

    static String idOf(String username) {
        return IDS.get(username);
    }

    static String outcomeOf(RecordStore records, String requestId) {
        return new RequestOutcomes(records).findById(requestId).map(o -> o.outcome().name()).orElse(null);
    }

    static int callbacks(RecordStore records) {
        return new CallbackRequests(records).listRecent(100_000).size();
    }
}
