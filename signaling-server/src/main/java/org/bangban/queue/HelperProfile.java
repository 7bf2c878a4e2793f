package org.bangban.queue;

import java.util.Map;
import java.util.Set;

/**
 * What a helper 帮办代办人员 can do.
 *
 * @param id          helper account id
 * @param displayName name shown to applicants
 * @param skills      proficiency 1–5 by service item id, or by category prefixed "category:" (e.g. "category:税务")
 * @param languages   language tags spoken, e.g. "zh", "en"
 * @param department  the helper's department
 * @param groups      skill groups / teams the helper belongs to (transfer and overflow targets)
 * @param maxSessions how many sessions at once (default 1)
 */
public record HelperProfile(String id, String displayName, Map<String, Integer> skills, Set<String> languages,
                            String department, Set<String> groups, int maxSessions) {
    public HelperProfile {
        skills = Map.copyOf(skills);
        languages = Set.copyOf(languages);
        groups = Set.copyOf(groups);
        if (maxSessions < 1) throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
    }

    public static String categorySkill(String category) {
        return "category:" + category;
    }
}
