package org.bangban.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every known helper's presence, with the helpers that can take an offer kept indexed from one pairing pass to
 * the next: a change of one helper moves that helper only, instead of every pass re-indexing them all. Also
 * answers the staffing questions of a new request (anyone eligible logged in? how many eligible staffed?)
 * without looking at every helper each time. Not thread-safe: one owner, or a lock around it.
 *
 * <p>Per language, the helpers that can take an offer are kept in sorted buckets by skill key (item id or
 * {@code category:…}, levels of 1 and more), by group and by department. With an {@link OrderedStrategy} each
 * entry is sorted by the strategy's order (primary key of the bucket's level and the helper's load, then the
 * idle time when the strategy uses it, then the id), so the best of a bucket is its first entry; a request looks
 * at the first usable entry of each bucket it may draw from, and the strategy picks among these few (and the
 * preferred helper). Otherwise, and for transfers to a group, every member is a candidate. Who may be a
 * candidate follows {@link Eligibility} exactly.
 *
 * <p>Time: a helper in wrap-up whose only obstacle is the wrap-up waits on a timer and joins its buckets when
 * {@link #advanceTo} passes the wrap-up's end. Should the clock go back, everything is re-evaluated.
 *
 * <p>Staffing answers are counted once per shape of request (item, kind, language, transfer target, overflowed
 * or not) and kept until a helper joins or leaves, changes profile or changes the state it chose; helpers that
 * declined the request are then taken off one by one.
 */
public final class HelperIndex {

    /** One helper's place in one bucket, with its sort key there. */
    private static final class Entry {
        final NavigableSet<Entry> bucket;
        final int primary;
        final long idle;
        final String id;
        final Slot slot;

        Entry(NavigableSet<Entry> bucket, int primary, long idle, String id, Slot slot) {
            this.bucket = bucket;
            this.primary = primary;
            this.idle = idle;
            this.id = id;
            this.slot = slot;
        }
    }

    private static final Comparator<Entry> ORDER = (a, b) -> {
        int c = Integer.compare(a.primary, b.primary);
        if (c != 0) return c;
        c = Long.compare(a.idle, b.idle);
        return c != 0 ? c : a.id.compareTo(b.id);
    };

    private static final Entry[] NONE = new Entry[0];
    private static final LanguageBuckets[] NO_LANGUAGES = new LanguageBuckets[0];
    private static final long NO_TIMER = Long.MIN_VALUE;

    /** One helper: its presence and, while it can take an offer, its entries. */
    private static final class Slot {
        HelperPresence presence;
        /** True while the helper can take an offer at the index's clock (and then its entries are in buckets). */
        boolean canTake;
        Entry[] entries = NONE;
        /** The languages it is indexed under while it can take an offer (counted in their {@code offerable}). */
        LanguageBuckets[] languages = NO_LANGUAGES;
        /** The end of the wrap-up a timer waits for; {@link #NO_TIMER} for none. */
        long wrapTimer = NO_TIMER;
        /** Marks the slot as found by the current request (see {@link #candidatesFor}). */
        int seenStamp;

        Slot(HelperPresence presence) {
            this.presence = presence;
        }

        boolean indexed() {
            return canTake;
        }
    }

    private record Timer(long at, String helperId) {
    }

    private static final Comparator<Timer> TIMER_ORDER = Comparator.comparingLong(Timer::at)
            .thenComparing(Timer::helperId);

    /** The buckets of the helpers speaking one language. */
    private static final class LanguageBuckets {
        final Map<String, NavigableSet<Entry>> bySkill = new HashMap<>();
        final Map<String, NavigableSet<Entry>> byGroup = new HashMap<>();
        final Map<String, NavigableSet<Entry>> byDepartment = new HashMap<>();
        final Map<String, ItemBuckets> byItem = new HashMap<>();
        /**
         * Helpers speaking the language that can take an offer now. At 0 a request in this language has no
         * candidate, so a pass skips it at once: a long queue for a language nobody free speaks (the specialists
         * are on a break) costs a pass next to nothing per request.
         */
        int offerable;
    }

    /** The buckets a request about one item draws from, looked up once per item (buckets are never dropped). */
    private static final class ItemBuckets {
        final ServiceItem item;
        final String categoryKey;
        final NavigableSet<Entry> skill;
        final NavigableSet<Entry> category;
        final NavigableSet<Entry> department;
        final NavigableSet<Entry> fallback;

        ItemBuckets(ServiceItem item, LanguageBuckets lb) {
            this.item = item;
            this.categoryKey = HelperProfile.categorySkill(item.category());
            this.skill = bucket(lb.bySkill, item.id());
            this.category = bucket(lb.bySkill, categoryKey);
            this.department = item.department() == null ? null : bucket(lb.byDepartment, item.department());
            this.fallback = item.fallbackGroup() == null ? null : bucket(lb.byGroup, item.fallbackGroup());
        }
    }

    /** What a staffing count depends on, besides who declined. */
    private record Shape(ServiceItem item, ServiceKind kind, String language, String requiredHelperId,
                         String targetGroup, boolean overflowed) {
    }

    /** Most shapes kept between two changes of membership. */
    private static final int MAX_SHAPES = 10_000;

    private final Eligibility eligibility;
    private final RoutingStrategy strategy;
    private final OrderedStrategy ordered;
    private final boolean byLoad;
    private final boolean byIdle;
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<String, LanguageBuckets> byLanguage = new HashMap<>();
    private final NavigableSet<Timer> timers = new TreeSet<>(TIMER_ORDER);
    private long clock = Long.MIN_VALUE;
    private int offerable;

    // staffing counts: [staffed, logged in] per shape, valid while membershipVersion == countsVersion
    private long membershipVersion;
    private long countsVersion = -1;
    private final Map<Shape, int[]> counts = new HashMap<>();

    // one pass: offers planned so far (slot, presence before), undone at the end
    private final Deque<Object[]> planned = new ArrayDeque<>();

    // scratch for one request
    private int stamp;
    private final List<Slot> found = new ArrayList<>();
    private final List<Candidate> candidates = new ArrayList<>();

    /** An empty index for the strategy (its order, when it is one of the built-in ones, sorts the buckets). */
    public HelperIndex(Eligibility eligibility, RoutingStrategy strategy) {
        if (eligibility == null) throw new IllegalArgumentException("eligibility is required");
        if (strategy == null) throw new IllegalArgumentException("strategy is required");
        this.eligibility = eligibility;
        this.strategy = strategy;
        this.ordered = strategy instanceof OrderedStrategy o ? o : null;
        this.byLoad = ordered != null && ordered.orderReadsLoad();
        this.byIdle = ordered != null && ordered.thenLongestIdle();
    }

    /** The strategy whose order the buckets follow. */
    public RoutingStrategy strategy() {
        return strategy;
    }

    // ------------------------------------------------------------------ changes

    /** Adds a helper or replaces its presence. */
    public void put(HelperPresence presence) {
        if (presence == null) throw new IllegalArgumentException("presence is required");
        if (!planned.isEmpty()) throw new IllegalStateException("a planning pass is under way");
        Slot slot = slots.get(presence.id());
        if (slot == null) {
            slot = new Slot(presence);
            slots.put(presence.id(), slot);
            membershipVersion++;
            apply(slot, null, presence);
            return;
        }
        HelperPresence old = slot.presence;
        if (old == presence) return;
        if (!sameProfile(old.profile(), presence.profile()) || old.chosen() != presence.chosen()) membershipVersion++;
        slot.presence = presence;
        apply(slot, old, presence);
    }

    /** Adds every helper of the collection, each id at most once. */
    public void putAll(Collection<HelperPresence> helpers) {
        if (helpers == null) throw new IllegalArgumentException("helpers are required");
        Set<String> ids = new HashSet<>(helpers.size() * 2);
        for (HelperPresence h : helpers) {
            if (h == null) throw new IllegalArgumentException("helpers must not contain null");
            if (!ids.add(h.id())) throw new IllegalArgumentException("duplicate helper id " + h.id());
            put(h);
        }
    }

    /** Forgets a helper; false when it was not known. */
    public boolean remove(String helperId) {
        if (!planned.isEmpty()) throw new IllegalStateException("a planning pass is under way");
        Slot slot = slots.remove(helperId);
        if (slot == null) return false;
        unindex(slot);
        setTimer(slot, NO_TIMER);
        membershipVersion++;
        return true;
    }

    /** Forgets every helper. */
    public void clear() {
        for (String id : List.copyOf(slots.keySet())) remove(id);
    }

    /**
     * Moves the index's clock to {@code now}: helpers whose wrap-up has ended by then can take offers again. A
     * clock going back re-evaluates every helper.
     */
    public void advanceTo(long now) {
        if (now < clock) {
            clock = now;
            for (Slot s : slots.values()) apply(s, s.presence, s.presence);
            return;
        }
        clock = now;
        while (!timers.isEmpty() && timers.first().at() <= now) {
            Timer t = timers.pollFirst();
            Slot s = slots.get(t.helperId());
            s.wrapTimer = NO_TIMER;
            apply(s, s.presence, s.presence);
        }
    }

    // ------------------------------------------------------------------ reads

    public Optional<HelperPresence> presence(String helperId) {
        Slot s = slots.get(helperId);
        return s == null ? Optional.empty() : Optional.of(s.presence);
    }

    /** Every helper known, in no particular order. */
    public List<HelperPresence> helpers() {
        List<HelperPresence> out = new ArrayList<>(slots.size());
        for (Slot s : slots.values()) out.add(s.presence);
        return out;
    }

    public int size() {
        return slots.size();
    }

    /** How many helpers can take an offer at the index's clock. */
    public int canTakeOfferCount() {
        return offerable;
    }

    /**
     * The languages spoken by some helper that can take an offer at the index's clock: a pairing pass needs to read
     * only the waiting requests in these (a request in another language has no candidate).
     */
    public Set<String> offerableLanguages() {
        if (offerable == 0) return Set.of();
        Set<String> out = new HashSet<>();
        byLanguage.forEach((language, lb) -> {
            if (lb.offerable > 0) out.add(language);
        });
        return out;
    }

    /**
     * How many helpers eligible for a request are there, whatever their load.
     *
     * @param loggedIn logged in: any state but offline
     * @param staffed  logged in and not away (available, busy or in wrap-up): the figure the wait estimate divides
     *                 the queue by
     */
    public record Staffing(int loggedIn, int staffed) {
    }

    /** The eligible helpers logged in and staffed for the request at {@code now}. */
    public Staffing staffing(HelpRequest r, long now) {
        int[] c = count(r, now);
        return new Staffing(c[1], c[0]);
    }

    /**
     * True when some logged-in helper (any state but offline) is eligible for the request, whatever its load —
     * the same answer as {@link Router#anyEligibleLoggedIn}.
     */
    public boolean anyEligibleLoggedIn(HelpRequest r, long now) {
        return count(r, now)[1] > 0;
    }

    /** {@link Staffing#staffed()} of the request. */
    public int staffed(HelpRequest r, long now) {
        return count(r, now)[0];
    }

    /**
     * The buckets with their members in order, non-empty buckets only: "language|kind:key" → helper ids. For
     * tests, which compare an index changed step by step with one built at once.
     */
    Map<String, List<String>> describe() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        byLanguage.forEach((language, lb) -> {
            describe(out, language + "|skill:", lb.bySkill);
            describe(out, language + "|group:", lb.byGroup);
            describe(out, language + "|department:", lb.byDepartment);
        });
        return out;
    }

    private static void describe(Map<String, List<String>> out, String prefix, Map<String, NavigableSet<Entry>> m) {
        m.forEach((key, bucket) -> {
            if (bucket.isEmpty()) return;
            List<String> ids = new ArrayList<>(bucket.size());
            for (Entry e : bucket) ids.add(e.id + "@" + e.primary + "/" + e.idle);
            out.put(prefix + key, ids);
        });
    }

    /** The helpers waiting for the end of their wrap-up: id → when. For tests. */
    Map<String, Long> wrapUpTimers() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Timer t : timers) out.put(t.helperId(), t.at());
        return out;
    }

    // ------------------------------------------------------------------ planning (used by the router)

    /**
     * Candidates for the request among the helpers that can take an offer, in a list reused by the next call:
     * every eligible one, or with an ordered strategy a few that surely include the strategy's pick. Each carries
     * the offers planned so far in this pass as pending, and its proficiency for the request.
     */
    List<Candidate> candidatesFor(HelpRequest r, long now) {
        candidates.clear();
        found.clear();
        if (++stamp == 0) { // wrapped round: forget all marks
            for (Slot s : slots.values()) s.seenStamp = 0;
            stamp = 1;
        }
        if (!Eligibility.kindAllowed(r)) return candidates;
        LanguageBuckets lb = r.language() == null ? null : byLanguage.get(r.language());
        if (lb == null || lb.offerable == 0) return candidates; // nobody speaking it can take an offer now
        ServiceItem item = r.item();
        ItemBuckets ib = lb.byItem.get(item.id());
        if (ib == null || (ib.item != item && !ib.item.equals(item))) {
            ib = new ItemBuckets(item, lb);
            lb.byItem.put(item.id(), ib);
        }
        if (r.requiredHelperId() != null) {
            addIfEligible(r.requiredHelperId(), r, now);
        } else if (r.targetGroup() != null) {
            addAll(lb.byGroup.get(r.targetGroup()), r);
        } else {
            boolean overflowed = eligibility.overflowed(r, now);
            if (ordered != null) {
                Entry rotation = rotationProbe(ordered.rotationCursor());
                addHead(ib.skill, r, rotation);
                addHead(ib.category, r, rotation);
                if (overflowed) {
                    addHead(ib.department, r, rotation);
                    addHead(ib.fallback, r, rotation);
                }
                if (r.preferredHelperId() != null) addIfEligible(r.preferredHelperId(), r, now);
            } else {
                addAll(ib.skill, r);
                addAll(ib.category, r);
                if (overflowed) {
                    addAll(ib.department, r);
                    addAll(ib.fallback, r);
                }
            }
        }
        for (Slot s : found) {
            int skill = Eligibility.skillFor(s.presence.profile(), item.id(), ib.categoryKey);
            candidates.add(new Candidate(s.presence, Math.max(1, skill)));
        }
        return candidates;
    }

    /** A probe sorting just before the first id after the rotation cursor; null for no rotation. */
    private Entry rotationProbe(String cursor) {
        return cursor == null ? null : new Entry(null, ordered.primaryKey(1, 0), 0, cursor, null);
    }

    private void addIfEligible(String helperId, HelpRequest r, long now) {
        Slot s = slots.get(helperId);
        if (s != null && s.indexed() && eligibility.isEligible(r, s.presence.profile(), now)) add(s);
    }

    /** Adds every member of the bucket that has not declined the request. */
    private void addAll(NavigableSet<Entry> bucket, HelpRequest r) {
        if (bucket == null) return;
        Set<String> declined = r.declinedBy();
        for (Entry e : bucket) {
            if (!declined.contains(e.id)) add(e.slot);
        }
    }

    /**
     * Adds the bucket's best member that has not declined the request: the first in the order, or with a
     * rotation the first after the probe, wrapping round.
     */
    private void addHead(NavigableSet<Entry> bucket, HelpRequest r, Entry rotation) {
        if (bucket == null || bucket.isEmpty()) return;
        Set<String> declined = r.declinedBy();
        Entry e = rotation == null ? null : firstUsable(bucket.tailSet(rotation, false), declined);
        if (e == null) e = firstUsable(bucket, declined);
        if (e != null) add(e.slot);
    }

    private static Entry firstUsable(NavigableSet<Entry> entries, Set<String> declined) {
        for (Entry e : entries) {
            if (declined.isEmpty() || !declined.contains(e.id)) return e;
        }
        return null;
    }

    private void add(Slot s) {
        if (s.seenStamp == stamp) return;
        s.seenStamp = stamp;
        found.add(s);
    }

    /**
     * Counts an offer planned to the helper in this pass: one more pending offer. Undone by {@link #endPass()}.
     *
     * @throws IllegalArgumentException when the helper cannot take an offer
     */
    void planOffer(String helperId) {
        Slot s = slots.get(helperId);
        if (s == null || !s.indexed()) throw new IllegalArgumentException("helper " + helperId + " cannot take an offer");
        HelperPresence before = s.presence;
        planned.push(new Object[] {s, before});
        s.presence = before.withPendingOffers(before.pendingOffers() + 1);
        apply(s, before, s.presence);
    }

    /** Undoes the offers planned in this pass, newest first: the index is as it was before the pass. */
    void endPass() {
        while (!planned.isEmpty()) {
            Object[] undo = planned.pop();
            Slot s = (Slot) undo[0];
            HelperPresence now = s.presence;
            s.presence = (HelperPresence) undo[1];
            apply(s, now, s.presence);
        }
    }

    // ------------------------------------------------------------------ upkeep

    /** Puts the slot where its presence says at the index's clock; {@code old} is the presence it was kept for. */
    private void apply(Slot slot, HelperPresence old, HelperPresence p) {
        boolean canTake = p.canTakeOffer(clock);
        long timer = !canTake && p.wrapUpUntil() > clock && p.canTakeOffer(p.wrapUpUntil()) ? p.wrapUpUntil()
                : NO_TIMER;
        setTimer(slot, timer);
        if (!canTake) {
            unindex(slot);
            return;
        }
        if (slot.indexed() && old != null && sameKeys(old, p)) return;
        unindex(slot);
        index(slot);
    }

    private void setTimer(Slot slot, long at) {
        if (slot.wrapTimer == at) return;
        String id = slot.presence.id();
        if (slot.wrapTimer != NO_TIMER) timers.remove(new Timer(slot.wrapTimer, id));
        if (at != NO_TIMER) timers.add(new Timer(at, id));
        slot.wrapTimer = at;
    }

    /** True when the helper's entries would sort the same for both presences. */
    private boolean sameKeys(HelperPresence a, HelperPresence b) {
        return sameProfile(a.profile(), b.profile())
                && (!byIdle || a.idleSince() == b.idleSince())
                && (!byLoad || load(a) == load(b));
    }

    private static boolean sameProfile(HelperProfile a, HelperProfile b) {
        return a == b || a.equals(b);
    }

    private static int load(HelperPresence h) {
        return h.activeSessions() + h.pendingOffers();
    }

    private void unindex(Slot slot) {
        if (!slot.canTake) return;
        for (Entry e : slot.entries) e.bucket.remove(e);
        slot.entries = NONE;
        for (LanguageBuckets lb : slot.languages) lb.offerable--;
        slot.languages = NO_LANGUAGES;
        slot.canTake = false;
        offerable--;
    }

    private void index(Slot slot) {
        HelperPresence h = slot.presence;
        HelperProfile p = h.profile();
        int load = load(h);
        long idle = byIdle ? h.idleSince() : 0;
        List<Entry> entries = new ArrayList<>();
        LanguageBuckets[] languages = new LanguageBuckets[p.languages().size()];
        int l = 0;
        for (String language : p.languages()) {
            LanguageBuckets lb = byLanguage.computeIfAbsent(language, k -> new LanguageBuckets());
            lb.offerable++;
            languages[l++] = lb;
            for (String skill : p.skills().keySet()) {
                int level = Eligibility.level(p, skill);
                if (level > 0) entries.add(join(bucket(lb.bySkill, skill), slot, level, load, idle));
            }
            for (String group : p.groups()) entries.add(join(bucket(lb.byGroup, group), slot, 1, load, idle));
            if (p.department() != null) entries.add(join(bucket(lb.byDepartment, p.department()), slot, 1, load, idle));
        }
        slot.entries = entries.toArray(NONE);
        slot.languages = languages;
        slot.canTake = true; // even in no bucket: a transfer may name it
        offerable++;
    }

    private Entry join(NavigableSet<Entry> bucket, Slot slot, int level, int load, long idle) {
        int primary = ordered == null ? 0 : ordered.primaryKey(level, load);
        Entry e = new Entry(bucket, primary, idle, slot.presence.id(), slot);
        bucket.add(e);
        return e;
    }

    private static NavigableSet<Entry> bucket(Map<String, NavigableSet<Entry>> buckets, String key) {
        return buckets.computeIfAbsent(key, k -> new TreeSet<>(ORDER));
    }

    // ------------------------------------------------------------------ staffing

    /** [staffed, logged in]. */
    private int[] count(HelpRequest r, long now) {
        if (r == null) throw new IllegalArgumentException("request is required");
        if (countsVersion != membershipVersion || counts.size() >= MAX_SHAPES) {
            counts.clear();
            countsVersion = membershipVersion;
        }
        Shape shape = new Shape(r.item(), r.kind(), r.language(), r.requiredHelperId(), r.targetGroup(),
                eligibility.overflowed(r, now));
        HelpRequest undeclined = r.declinedBy().isEmpty() ? r : withoutDeclined(r);
        int[] c = counts.get(shape);
        if (c == null) {
            c = new int[2];
            for (Slot s : slots.values()) tally(c, s.presence, undeclined, now, 1);
            counts.put(shape, c);
        }
        if (r.declinedBy().isEmpty()) return c;
        int[] n = c.clone();
        for (String id : r.declinedBy()) {
            Slot s = slots.get(id);
            if (s != null) tally(n, s.presence, undeclined, now, -1);
        }
        return n;
    }

    private void tally(int[] c, HelperPresence h, HelpRequest r, long now, int by) {
        HelperStatus chosen = h.chosen();
        if (chosen == HelperStatus.OFFLINE || !eligibility.isEligible(r, h.profile(), now)) return;
        c[1] += by;
        if (chosen != HelperStatus.AWAY) c[0] += by;
    }

    private static HelpRequest withoutDeclined(HelpRequest r) {
        return new HelpRequest(r.id(), r.applicantId(), r.item(), r.kind(), r.language(), r.priority(),
                r.greenReason(), r.preferredHelperId(), r.requiredHelperId(), r.targetGroup(), r.description(),
                r.arrivedAt(), r.headStartMillis(), Set.of());
    }
}
