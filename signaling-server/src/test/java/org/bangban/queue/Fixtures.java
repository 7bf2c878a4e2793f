package org.bangban.queue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Service items, helpers and requests for the queue tests. */
final class Fixtures {
    static final long T0 = 1_700_000_000_000L;
    static final long MINUTE = 60_000L;

    /** 企业设立登记: in the 市场主体登记 queue, delegable, with a fallback group. */
    static final ServiceItem COMPANY_REGISTRATION = new ServiceItem("company-registration", "企业设立登记",
            "Company registration", "市场主体登记", "市场监管局", true, "registration-backup");
    /** 企业变更登记: same category as company registration. */
    static final ServiceItem COMPANY_CHANGE = new ServiceItem("company-change", "企业变更登记",
            "Company change registration", "市场主体登记", "市场监管局", true, "registration-backup");
    /** 个税汇算: in the 税务 queue, not on the 代办 list, no fallback group. */
    static final ServiceItem TAX_RETURN = new ServiceItem("tax-return", "个人所得税汇算", "Income tax return", "税务",
            "税务局", false, null);

    private Fixtures() {
    }

    /** A strategy of no built-in kind: the largest id, then the lowest proficiency — nothing the router could guess. */
    static RoutingStrategy largestIdStrategy() {
        return (r, candidates, now) -> candidates.stream()
                .max((a, b) -> a.id().equals(b.id()) ? Integer.compare(b.proficiency(), a.proficiency())
                        : a.id().compareTo(b.id())).orElseThrow();
    }

    /** Random skills (item and category), languages (mostly zh, some en) and groups, for the random tests. */
    record RandomAbilities(Map<String, Integer> skills, Set<String> languages, Set<String> groups) {
        static RandomAbilities draw(Random rnd, List<ServiceItem> items, int categories, String[] groupNames) {
            Map<String, Integer> skills = new HashMap<>();
            for (int k = rnd.nextInt(4); k > 0; k--) skills.put(items.get(rnd.nextInt(items.size())).id(), rnd.nextInt(6));
            for (int k = rnd.nextInt(3); k > 0; k--) {
                skills.put(HelperProfile.categorySkill("category-" + rnd.nextInt(categories)), 1 + rnd.nextInt(5));
            }
            Set<String> languages = new HashSet<>();
            languages.add(rnd.nextInt(10) < 9 ? "zh" : "en");
            if (rnd.nextInt(4) == 0) languages.add("en");
            Set<String> groups = new HashSet<>();
            for (int k = rnd.nextInt(3); k > 0; k--) groups.add(groupNames[rnd.nextInt(groupNames.length)]);
            return new RandomAbilities(skills, languages, groups);
        }
    }

    static HelperBuilder helper(String id) {
        return new HelperBuilder(id);
    }

    static RequestBuilder request(String id) {
        return new RequestBuilder(id);
    }

    static final class HelperBuilder {
        private final String id;
        private final Map<String, Integer> skills = new HashMap<>();
        private Set<String> languages = Set.of("zh");
        private String department = "政务服务中心";
        private final Set<String> groups = new HashSet<>();
        private int maxSessions = 1;
        private HelperStatus chosen = HelperStatus.AVAILABLE;
        private int active;
        private int pending;
        private long idleSince = T0 - 10 * MINUTE;
        private long wrapUpUntil;

        private HelperBuilder(String id) {
            this.id = id;
        }

        HelperBuilder skill(ServiceItem item, int level) {
            skills.put(item.id(), level);
            return this;
        }

        HelperBuilder categorySkill(String category, int level) {
            skills.put(HelperProfile.categorySkill(category), level);
            return this;
        }

        HelperBuilder languages(String... tags) {
            languages = Set.of(tags);
            return this;
        }

        HelperBuilder department(String d) {
            department = d;
            return this;
        }

        HelperBuilder group(String g) {
            groups.add(g);
            return this;
        }

        HelperBuilder maxSessions(int n) {
            maxSessions = n;
            return this;
        }

        HelperBuilder status(HelperStatus s) {
            chosen = s;
            return this;
        }

        HelperBuilder active(int n) {
            active = n;
            return this;
        }

        HelperBuilder pending(int n) {
            pending = n;
            return this;
        }

        HelperBuilder idleSince(long t) {
            idleSince = t;
            return this;
        }

        HelperBuilder wrapUpUntil(long t) {
            wrapUpUntil = t;
            return this;
        }

        HelperProfile profile() {
            return new HelperProfile(id, "帮办 " + id, skills, languages, department, groups, maxSessions);
        }

        HelperPresence build() {
            return new HelperPresence(profile(), chosen, active, pending, idleSince, wrapUpUntil, 0, null);
        }
    }

    static final class RequestBuilder {
        private final String id;
        private ServiceItem item = COMPANY_REGISTRATION;
        private ServiceKind kind = ServiceKind.ASSIST;
        private String language = "zh";
        private PriorityClass priority = PriorityClass.NORMAL;
        private GreenReason greenReason;
        private String preferred;
        private String required;
        private String targetGroup;
        private long arrivedAt = T0;
        private boolean transfer;
        private final Set<String> declinedBy = new LinkedHashSet<>();

        private RequestBuilder(String id) {
            this.id = id;
        }

        RequestBuilder item(ServiceItem i) {
            item = i;
            return this;
        }

        RequestBuilder delegate() {
            kind = ServiceKind.DELEGATE;
            return this;
        }

        RequestBuilder language(String tag) {
            language = tag;
            return this;
        }

        RequestBuilder green(GreenReason reason) {
            priority = PriorityClass.GREEN;
            greenReason = reason;
            return this;
        }

        RequestBuilder preferred(String helperId) {
            preferred = helperId;
            return this;
        }

        RequestBuilder required(String helperId) {
            required = helperId;
            transfer = true;
            return this;
        }

        RequestBuilder targetGroup(String group) {
            targetGroup = group;
            transfer = true;
            return this;
        }

        RequestBuilder arrivedAt(long t) {
            arrivedAt = t;
            return this;
        }

        RequestBuilder declinedBy(String... helperIds) {
            declinedBy.addAll(Set.of(helperIds));
            return this;
        }

        HelpRequest build() {
            return new HelpRequest(id, "applicant-" + id, item, kind, language, priority, greenReason, preferred,
                    required, targetGroup, "需要帮助", arrivedAt, RoutingConfig.headStartFor(priority, transfer),
                    declinedBy);
        }
    }
}
