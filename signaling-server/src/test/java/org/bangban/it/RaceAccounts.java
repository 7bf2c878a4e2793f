package org.bangban.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangban.identity.NewStaff;
import org.bangban.identity.PasswordHasher;
import org.bangban.identity.Role;
import org.bangban.identity.StaffAccounts;
import org.bangban.queue.HelperProfile;
import org.bangban.server.DemoData;
import org.bangban.store.RecordStore;

/** Many helpers with skills for every demo category, one session each. */
final class RaceAccounts {
    private RaceAccounts() {
    }

    static List<String> create(RecordStore store, int n) {
        StaffAccounts accounts = new StaffAccounts(store, new PasswordHasher(4));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "race" + i;
            Map<String, Integer> skills = new java.util.HashMap<>();
            DemoData.ITEMS.forEach(item -> skills.put(HelperProfile.categorySkill(item.category()), 1 + (name.hashCode() & 3)));
            accounts.create(new NewStaff(name, name, Role.HELPER, TestAccounts.PASSWORD.toCharArray(), "政务服务中心",
                    skills, Set.of("zh"), Set.of("general"), 1));
            names.add(name);
        }
        return names;
    }
}
