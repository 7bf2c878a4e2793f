package org.bangban.indicators;

/**
 * The indicators 评价指标 of one group (a helper, a department, an item, a day, or everything), computed from a
 * {@link Tally}. The formulas (docs/api.md, "Indicators"):
 * <ul>
 *   <li>response time 响应时间: request → answered, {@code case_session.started_at − requested_at}, per session;</li>
 *   <li>wait time 等待时间: {@code request_outcome.wait_ms} of requests paired, and of requests abandoned;</li>
 *   <li>handling time 办理时长: talk + wrap-up of each ended session;</li>
 *   <li>resolution rate 问题解决率 = cases RESOLVED / cases with a result (RESOLVED, PARTLY_RESOLVED, NOT_RESOLVED,
 *   TRANSFERRED): a partly resolved case is not resolved; it has its own rate, partly resolved / with a result;</li>
 *   <li>satisfaction rate 满意率 = ratings 满意 or 非常满意 / all ratings, ratings whose appeal was upheld left out;</li>
 *   <li>abandonment rate 放弃率 = requests ABANDONED / requests ended (any outcome);</li>
 *   <li>service level 服务水平 = requests answered (PAIRED) within the threshold / (answered + abandoned), the
 *   contact-centre formula that counts every abandoned request against it, also those abandoned early;</li>
 *   <li>bad-rating follow-up rate 差评回访率 = bad ratings whose 回访 is done / bad ratings (appeal upheld left out);</li>
 *   <li>on-time rectification rate 整改按时率 = 整改 done before its deadline / 整改 done.</li>
 * </ul>
 *
 * @param key   the group: staff id, department, item id or yyyy-MM-dd; "" for none (e.g. requests abandoned
 *              before any helper) and for the total
 * @param label what to show for the key: the helper's display name, the item's name; the key itself otherwise
 */
public record IndicatorRow(
        String key,
        String label,
        long sessions,
        Distribution responseTime,
        Distribution waitPaired,
        Distribution waitAbandoned,
        Distribution handlingTime,
        long requestsEnded,
        long cases,
        Rate resolution,
        Rate partlyResolved,
        Rate satisfaction,
        Rate abandonment,
        Rate serviceLevel,
        Rate followUp,
        Rate onTimeRectification) {

    /** Computes a group's indicators from what was counted for it. */
    public static IndicatorRow of(String key, String label, Tally t) {
        return new IndicatorRow(key, label, t.sessions,
                Distribution.of(t.response, t.responseSumMs),
                Distribution.of(t.waitPaired, t.waitPairedSumMs),
                Distribution.of(t.waitAbandoned, t.waitAbandonedSumMs),
                Distribution.of(t.handling, t.handlingSumMs),
                t.requestsEnded, t.cases,
                new Rate(t.resolved, t.casesWithResult),
                new Rate(t.partlyResolved, t.casesWithResult),
                new Rate(t.satisfied, t.ratings),
                Rate.abandonment(t.abandoned, t.requestsEnded),
                Rate.serviceLevel(t.answeredInLevel, t.paired, t.abandoned),
                new Rate(t.contacted, t.badRatings),
                new Rate(t.rectifiedOnTime, t.rectified));
    }

    /** The same figures under another label. */
    public IndicatorRow withLabel(String newLabel) {
        return new IndicatorRow(key, newLabel, sessions, responseTime, waitPaired, waitAbandoned, handlingTime,
                requestsEnded, cases, resolution, partlyResolved, satisfaction, abandonment, serviceLevel, followUp,
                onTimeRectification);
    }

    /** The same figures under another key. */
    public IndicatorRow withKey(String newKey) {
        return new IndicatorRow(newKey, label, sessions, responseTime, waitPaired, waitAbandoned, handlingTime,
                requestsEnded, cases, resolution, partlyResolved, satisfaction, abandonment, serviceLevel, followUp,
                onTimeRectification);
    }
}
