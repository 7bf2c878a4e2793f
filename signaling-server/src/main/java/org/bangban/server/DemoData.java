package org.bangban.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangban.identity.Role;
import org.bangban.identity.StaffAccounts;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.ServiceItem;
import org.bangban.store.ServiceItems;

/**
 * Demo data of the embedded default: a small list of service items 事项 and the accounts helper1, helper2
 * (skills for every item) and supervisor1, all with the password {@value #PASSWORD}. Never on production.
 */
public final class DemoData {
    public static final String PASSWORD = "bangban-demo";

    public static final List<ServiceItem> ITEMS = List.of(
            new ServiceItem("company-registration", "企业设立登记", "Company registration", "市场主体登记", "市场监督管理局", true, "general"),
            new ServiceItem("license-change", "营业执照变更", "Business licence change", "市场主体登记", "市场监督管理局", true, "general"),
            new ServiceItem("tax-registration", "新办纳税人套餐", "Tax registration for new businesses", "税务", "税务局", true, "general"),
            new ServiceItem("invoice-application", "发票申领", "Invoice application", "税务", "税务局", true, "general"),
            new ServiceItem("social-insurance", "社保参保登记", "Social insurance enrolment", "社会保障", "人力资源和社会保障局", false, "general"),
            new ServiceItem("pension-certification", "养老金资格认证", "Pension eligibility check", "社会保障", "人力资源和社会保障局", false, "general"),
            new ServiceItem("residence-permit", "居住证办理", "Residence permit", "户籍", "公安局", false, "general"),
            new ServiceItem("construction-permit", "建筑工程施工许可", "Construction permit", "工程建设", "住房和城乡建设局", true, "general"));

    private DemoData() {
    }

    /** Inserts what is missing; existing accounts and items are left as they are. */
    public static void seed(StaffAccounts accounts, ServiceItems items) {
        for (ServiceItem i : ITEMS) {
            if (items.findById(i.id()).isEmpty()) items.upsert(i);
        }
        Map<String, Integer> all1 = new LinkedHashMap<>();
        Map<String, Integer> all2 = new LinkedHashMap<>();
        for (ServiceItem i : ITEMS) {
            String cat = HelperProfile.categorySkill(i.category());
            all1.put(cat, i.category().equals("市场主体登记") || i.category().equals("税务") ? 5 : 3);
            all2.put(cat, i.category().equals("市场主体登记") || i.category().equals("税务") ? 3 : 4);
        }
        createIfMissing(accounts, "helper1", "帮办员 张敏", Role.HELPER, all1, Set.of("zh", "en"));
        createIfMissing(accounts, "helper2", "帮办员 李强", Role.HELPER, all2, Set.of("zh"));
        createIfMissing(accounts, "supervisor1", "监督员 王芳", Role.SUPERVISOR, Map.of(), Set.of("zh", "en"));
    }

    private static void createIfMissing(StaffAccounts accounts, String username, String name, Role role,
                                        Map<String, Integer> skills, Set<String> languages) {
        if (accounts.findByUsername(username).isPresent()) return;
        accounts.create(new org.bangban.identity.NewStaff(username, name, role, PASSWORD.toCharArray(), "政务服务中心",
                skills, languages, Set.of("general"), 1));
    }
}
