package org.bangban.queue;

import java.time.Duration;

/**
 * Who may be offered a help request, and at what proficiency (1–5; 0 means not eligible).
 *
 * <p>A helper is eligible only if it speaks the request's language (a request without a language has nobody),
 * and then:
 * <ul>
 *   <li>a transfer to a named helper ({@code requiredHelperId}) goes to that helper only;</li>
 *   <li>a transfer to a group ({@code targetGroup}) goes to the helpers of that group, at their best skill for the
 *       item, or 1;</li>
 *   <li>otherwise the helper needs a skill for the service item 事项 or for its category (the higher counts);
 *       once the request has waited {@code overflowAfter} (溢出), helpers of the item's department or of the item's
 *       fallback group also qualify, at proficiency 1.</li>
 * </ul>
 * A helper who declined the request (or let an offer time out) is never offered it again. When that helper is the
 * required one, nobody is eligible: the request simply waits (for a supervisor or the transfer to be changed).
 * A 代办 (DELEGATE) request for an item not on the managed list ({@code delegable = false}) has nobody eligible;
 * the caller refuses such requests earlier, this is only a safety net.
 */
public final class Eligibility {

    private final long overflowAfterMillis;

    public Eligibility(Duration overflowAfter) {
        if (overflowAfter == null) throw new IllegalArgumentException("overflowAfter is required");
        if (overflowAfter.isNegative())
            throw new IllegalArgumentException("overflowAfter must not be negative, was " + overflowAfter);
        this.overflowAfterMillis = overflowAfter.toMillis();
    }

    public static Eligibility of(RoutingConfig config) {
        return new Eligibility(config.overflowAfter());
    }

    /** The proficiency at which the helper may serve the request at {@code now}; 0 when not eligible. */
    public int proficiency(HelpRequest request, HelperProfile helper, long now) {
        if (request == null) throw new IllegalArgumentException("request is required");
        if (helper == null) throw new IllegalArgumentException("helper is required");
        if (!kindAllowed(request)) return 0;
        if (request.language() == null || !helper.languages().contains(request.language())) return 0;
        if (request.declinedBy().contains(helper.id())) return 0;
        if (request.requiredHelperId() != null) {
            return request.requiredHelperId().equals(helper.id()) ? skillOrOne(helper, request.item()) : 0;
        }
        if (request.targetGroup() != null) {
            return helper.groups().contains(request.targetGroup()) ? skillOrOne(helper, request.item()) : 0;
        }
        int skill = skillFor(helper, request.item());
        if (skill > 0) return skill;
        return overflowed(request, now) && inOverflowPool(helper, request.item()) ? 1 : 0;
    }

    public boolean isEligible(HelpRequest request, HelperProfile helper, long now) {
        return proficiency(request, helper, now) > 0;
    }

    /** True when the request has waited at least {@code overflowAfter} at {@code now}. */
    public boolean overflowed(HelpRequest request, long now) {
        return now - request.arrivedAt() >= overflowAfterMillis;
    }

    /** False only for a 代办 request about an item that is not on the managed list of delegable items. */
    public static boolean kindAllowed(HelpRequest request) {
        return request.kind() != ServiceKind.DELEGATE || request.item().delegable();
    }

    /** The helper's skill for the item: the higher of its item skill and its category skill; 0 when it has none. */
    public static int skillFor(HelperProfile helper, ServiceItem item) {
        return skillFor(helper, item.id(), HelperProfile.categorySkill(item.category()));
    }

    /** {@link #skillFor(HelperProfile, ServiceItem)} with the category's skill key already made. */
    static int skillFor(HelperProfile helper, String itemId, String categoryKey) {
        return Math.max(level(helper, itemId), level(helper, categoryKey));
    }

    /** The helper's skill for the item, or 1 when it has none (used for transfers). */
    public static int skillOrOne(HelperProfile helper, ServiceItem item) {
        return Math.max(1, skillFor(helper, item));
    }

    /** True when the helper is in the item's department or in the item's fallback group. */
    public static boolean inOverflowPool(HelperProfile helper, ServiceItem item) {
        return (item.department() != null && item.department().equals(helper.department()))
                || (item.fallbackGroup() != null && helper.groups().contains(item.fallbackGroup()));
    }

    /** A skill level as stored; levels below 1 count as no skill. */
    static int level(HelperProfile helper, String skillKey) {
        Integer level = helper.skills().get(skillKey);
        return level == null || level < 1 ? 0 : level;
    }
}
