package org.bangban.indicators;

import org.bangban.cases.CaseResult;
import org.bangban.store.Outcome;

/**
 * What the indicators count for one group over some days: the raw numbers (counts, sums of milliseconds and
 * latency {@link Histogram}s) from which {@link IndicatorRow#of} computes rates and percentiles. Tallies add up
 * ({@link #addAll}), so one kept per day and group gives any range. Each record is counted on one day: a session
 * on the day it started, a request on the day it ended, a case on the day it was opened, a rating on its
 * {@code created_day}, a follow-up on the day of its bad rating. Pure, not thread-safe.
 */
public final class Tally {
    /** Version of {@link #encode()}; a rollup written in another format is rebuilt. */
    static final int FORMAT = 1;
    private static final int FIELDS = 20;

    // sessions (case_session)
    long sessions;
    long responseSumMs;
    long handled;
    long handlingSumMs;
    // requests (request_outcome)
    long requestsEnded;
    long paired;
    long abandoned;
    long answeredInLevel;
    long waitPairedSumMs;
    long waitAbandonedSumMs;
    // cases (service_case)
    long cases;
    long casesWithResult;
    long resolved;
    long partlyResolved;
    // ratings (evaluation, appeal-upheld ones left out)
    long ratings;
    long satisfied;
    // bad ratings' follow-ups (evaluation_follow_up)
    long badRatings;
    long contacted;
    long rectified;
    long rectifiedOnTime;

    final Histogram response = new Histogram();
    final Histogram waitPaired = new Histogram();
    final Histogram waitAbandoned = new Histogram();
    final Histogram handling = new Histogram();

    /**
     * An assistance session: response time = started − requested; handling time = talk + wrap-up, once ended.
     *
     * @param talkMs   null while the session is live
     * @param wrapUpMs null when none was recorded (counts as 0)
     */
    public void session(long requestedAt, long startedAt, Long talkMs, Long wrapUpMs) {
        sessions++;
        long response = Math.max(0, startedAt - requestedAt);
        responseSumMs += response;
        this.response.add(response);
        if (talkMs != null) {
            long h = Math.max(0, talkMs) + (wrapUpMs == null ? 0 : Math.max(0, wrapUpMs));
            handled++;
            handlingSumMs += h;
            handling.add(h);
        }
    }

    /**
     * How a help request ended.
     *
     * @param serviceLevelMs a request paired after waiting at most this long is answered within the service level
     */
    public void request(Outcome outcome, long waitMs, long serviceLevelMs) {
        requestsEnded++;
        long w = Math.max(0, waitMs);
        if (outcome == Outcome.PAIRED) {
            paired++;
            waitPairedSumMs += w;
            waitPaired.add(w);
            if (w <= serviceLevelMs) answeredInLevel++;
        } else if (outcome == Outcome.ABANDONED) {
            abandoned++;
            waitAbandonedSumMs += w;
            waitAbandoned.add(w);
        }
    }

    /** A case opened, with its result so far (null when none yet). */
    public void caseOpened(CaseResult result) {
        cases++;
        if (result == null) return;
        casesWithResult++;
        if (result == CaseResult.RESOLVED) resolved++;
        if (result == CaseResult.PARTLY_RESOLVED) partlyResolved++;
    }

    /** A rating 1–5; one whose appeal 申诉 was upheld ({@code excluded}) is not counted. */
    public void rating(int score, boolean excluded) {
        if (excluded) return;
        ratings++;
        if (score >= 4) satisfied++;
    }

    /**
     * A bad rating's follow-up; one whose rating's appeal was upheld is not counted.
     *
     * @param contactedAt   when the 回访 was done, or null
     * @param rectifiedAt   when the 整改 was done, or null
     * @param rectifyDueAt  the 整改 deadline: done on time when strictly before it (late from that instant on)
     */
    public void followUp(boolean excluded, Long contactedAt, Long rectifiedAt, long rectifyDueAt) {
        if (excluded) return;
        badRatings++;
        if (contactedAt != null) contacted++;
        if (rectifiedAt != null) {
            rectified++;
            if (rectifiedAt < rectifyDueAt) rectifiedOnTime++;
        }
    }

    public void addAll(Tally o) {
        long[] a = numbers();
        long[] b = o.numbers();
        for (int i = 0; i < FIELDS; i++) a[i] += b[i];
        setNumbers(a);
        response.addAll(o.response);
        waitPaired.addAll(o.waitPaired);
        waitAbandoned.addAll(o.waitAbandoned);
        handling.addAll(o.handling);
    }

    /** Nothing counted. */
    public boolean isEmpty() {
        for (long n : numbers()) if (n != 0) return false;
        return true;
    }

    private long[] numbers() {
        return new long[] {sessions, responseSumMs, handled, handlingSumMs, requestsEnded, paired, abandoned,
                answeredInLevel, waitPairedSumMs, waitAbandonedSumMs, cases, casesWithResult, resolved, partlyResolved,
                ratings, satisfied, badRatings, contacted, rectified, rectifiedOnTime};
    }

    private void setNumbers(long[] n) {
        sessions = n[0];
        responseSumMs = n[1];
        handled = n[2];
        handlingSumMs = n[3];
        requestsEnded = n[4];
        paired = n[5];
        abandoned = n[6];
        answeredInLevel = n[7];
        waitPairedSumMs = n[8];
        waitAbandonedSumMs = n[9];
        cases = n[10];
        casesWithResult = n[11];
        resolved = n[12];
        partlyResolved = n[13];
        ratings = n[14];
        satisfied = n[15];
        badRatings = n[16];
        contacted = n[17];
        rectified = n[18];
        rectifiedOnTime = n[19];
    }

    /** As text for the rollup: the 20 numbers comma-separated, then the four histograms, all separated by '|'. */
    String encode() {
        StringBuilder sb = new StringBuilder(64);
        long[] n = numbers();
        for (int i = 0; i < FIELDS; i++) {
            if (i > 0) sb.append(',');
            sb.append(n[i]);
        }
        return sb.append('|').append(response.encode()).append('|').append(waitPaired.encode())
                .append('|').append(waitAbandoned.encode()).append('|').append(handling.encode()).toString();
    }

    /** Adds an {@link #encode()}d tally to this one. */
    void addEncoded(String text) {
        int[] bar = new int[4];
        int from = 0;
        for (int i = 0; i < 4; i++) {
            bar[i] = text.indexOf('|', from);
            if (bar[i] < 0) throw new IllegalArgumentException("not a tally: " + text);
            from = bar[i] + 1;
        }
        long[] n = numbers();
        int i = 0;
        int start = 0;
        while (start < bar[0]) {
            int comma = text.indexOf(',', start);
            if (comma < 0 || comma > bar[0]) comma = bar[0];
            n[i++] += Long.parseLong(text, start, comma, 10);
            start = comma + 1;
        }
        if (i != FIELDS) throw new IllegalArgumentException("a tally has " + FIELDS + " numbers, this one " + i);
        setNumbers(n);
        response.addEncoded(text, bar[0] + 1, bar[1]);
        waitPaired.addEncoded(text, bar[1] + 1, bar[2]);
        waitAbandoned.addEncoded(text, bar[2] + 1, bar[3]);
        handling.addEncoded(text, bar[3] + 1, text.length());
    }

    static Tally decode(String text) {
        Tally t = new Tally();
        t.addEncoded(text);
        return t;
    }
}
