package org.bangban.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The helpers that can take an offer during one planning pass, indexed so that a request finds its candidates
 * without looking at every helper. Scratch state of one {@link Router#plan} call: not thread-safe, not reused.
 *
 * <p>Per language, helpers are kept in {@link SortedBucket}s by skill key (item id or {@code category:…}), by
 * group and by department. With an {@link OrderedStrategy} each entry's key is the strategy's order (primary key,
 * then the helper's rank by idle time and id), so only the head of each bucket the request may draw from is a
 * candidate, plus the preferred helper: the best of a bucket is the best of all its members, and the strategy
 * then picks among these few. Otherwise, and for transfers to a group (whose proficiency depends on the item),
 * every live member is a candidate. Who may be a candidate follows {@link Eligibility} exactly.
 *
 * <p>For an order that reads the load (fewest sessions), a helper with room for {@code n} more offers has
 * {@code n} entries in each of its buckets, one per load it can still reach; the entry for its current load is
 * the live one. So the sort is done once and planning an offer moves the helper without re-sorting. Should that
 * make too many entries (huge maximums), the pass lists every eligible helper instead.
 */
final class OfferPool {

    private static final int PRIMARY_SHIFT = 44;
    private static final int PRIMARY_OFFSET = 1 << 15;
    private static final int RANK_SHIFT = 20;
    private static final long RANK_MASK = (1L << 24) - 1;
    private static final long STEP_MASK = (1L << RANK_SHIFT) - 1;
    /** Most entries a load-reading order may make (also keeps every step below 2^20, within its bits). */
    private static final long MAX_LOAD_ENTRIES = STEP_MASK;

    /** The buckets of the helpers speaking one language. */
    private static final class LanguageIndex {
        final Map<String, SortedBucket> bySkill = new HashMap<>();
        final Map<String, SortedBucket> byGroup = new HashMap<>();
        final Map<String, SortedBucket> byDepartment = new HashMap<>();
        final Map<String, ItemBuckets> byItem = new HashMap<>();
    }

    /** The buckets a request about one item draws from, looked up once per item. */
    private static final class ItemBuckets {
        final ServiceItem item;
        final String categoryKey;
        final SortedBucket skill;
        final SortedBucket category;
        final SortedBucket department;
        final SortedBucket fallback;

        ItemBuckets(ServiceItem item, LanguageIndex li) {
            this.item = item;
            this.categoryKey = HelperProfile.categorySkill(item.category());
            this.skill = li.bySkill.get(item.id());
            this.category = li.bySkill.get(categoryKey);
            this.department = item.department() == null ? null : li.byDepartment.get(item.department());
            this.fallback = item.fallbackGroup() == null ? null : li.byGroup.get(item.fallbackGroup());
        }
    }

    private final Eligibility eligibility;
    private final OrderedStrategy ordered;
    private final boolean byLoad;
    private final HelperPresence[] presence;
    private final int[] room;
    private final int[] planned;
    private final int[] slotOfRank;
    private final int[] rankOfSlot;
    private final String[] idOfRank;
    private final Map<String, Integer> slotById;
    private final Map<String, LanguageIndex> byLanguage = new HashMap<>();
    private final SortedBucket.Liveness liveness;
    private int slotsWithRoom;

    // scratch for one request
    private final int[] seenStamp;
    private int stamp;
    private int[] found = new int[16];
    private int foundCount;
    private final List<Candidate> candidates = new ArrayList<>();

    private OfferPool(Eligibility eligibility, RoutingStrategy strategy, List<HelperPresence> open) {
        this.eligibility = eligibility;
        int n = open.size();
        if (n > RANK_MASK) throw new IllegalArgumentException("too many helpers: " + n);
        presence = open.toArray(new HelperPresence[0]);
        room = new int[n];
        planned = new int[n];
        slotById = new HashMap<>(n * 2);
        seenStamp = new int[n];
        long loadEntries = 0;
        for (int s = 0; s < n; s++) {
            room[s] = presence[s].freeCapacity();
            slotById.put(presence[s].id(), s);
            loadEntries += (long) room[s] * memberships(presence[s].profile());
        }
        slotsWithRoom = n;
        OrderedStrategy o = strategy instanceof OrderedStrategy ? (OrderedStrategy) strategy : null;
        if (o != null && o.orderReadsLoad() && loadEntries > MAX_LOAD_ENTRIES) o = null;
        ordered = o;
        byLoad = o != null && o.orderReadsLoad();
        Integer[] bySortOrder = new Integer[n];
        for (int s = 0; s < n; s++) bySortOrder[s] = s;
        if (ordered != null) {
            Comparator<Integer> byId = Comparator.comparing(s -> presence[s].id());
            Arrays.sort(bySortOrder, ordered.thenLongestIdle()
                    ? Comparator.<Integer>comparingLong(s -> presence[s].idleSince()).thenComparing(byId) : byId);
        }
        slotOfRank = new int[n];
        rankOfSlot = new int[n];
        idOfRank = new String[n];
        for (int rank = 0; rank < n; rank++) {
            slotOfRank[rank] = bySortOrder[rank];
            rankOfSlot[bySortOrder[rank]] = rank;
            idOfRank[rank] = presence[bySortOrder[rank]].id();
        }
        for (int s = 0; s < n; s++) index(s);
        liveness = byLoad ? this::deadAtLoad : this::deadWithoutRoom;
    }

    /**
     * The pool of the helpers that can take an offer at {@code now}.
     *
     * @throws IllegalArgumentException on a null helper or two helpers with the same id
     */
    static OfferPool of(Eligibility eligibility, RoutingStrategy strategy, Collection<HelperPresence> helpers,
                        long now) {
        List<HelperPresence> open = new ArrayList<>();
        Set<String> ids = new HashSet<>(helpers.size() * 2);
        for (HelperPresence h : helpers) {
            if (h == null) throw new IllegalArgumentException("helpers must not contain null");
            if (!ids.add(h.id())) throw new IllegalArgumentException("duplicate helper id " + h.id());
            if (h.canTakeOffer(now)) open.add(h);
        }
        return new OfferPool(eligibility, strategy, open);
    }

    private static long memberships(HelperProfile p) {
        return (long) p.languages().size() * (p.skills().size() + p.groups().size() + 1);
    }

    private static int load(HelperPresence h) {
        return h.activeSessions() + h.pendingOffers();
    }

    private int slotOf(long key) {
        return slotOfRank[(int) ((key >>> RANK_SHIFT) & RANK_MASK)];
    }

    private boolean deadWithoutRoom(long key) {
        return room[slotOf(key)] == 0;
    }

    /** Dead: no room left, or an entry for a load the helper has passed. */
    private boolean deadAtLoad(long key) {
        int slot = slotOf(key);
        return room[slot] == 0 || (key & STEP_MASK) < planned[slot];
    }

    /**
     * True when the entry (not dead) stands for the helper as it is now: always, unless the order reads the load
     * and the entry is for a load the helper has not reached yet. Such an entry always sorts after the helper's
     * current one, since the primary key does not decrease with the load.
     */
    private boolean current(long key) {
        return !byLoad || (key & STEP_MASK) == planned[slotOf(key)];
    }

    private long key(int primary, int rank, int step) {
        int p = Math.max(-PRIMARY_OFFSET, Math.min(PRIMARY_OFFSET - 1, primary)) + PRIMARY_OFFSET;
        return ((long) p << PRIMARY_SHIFT) | ((long) rank << RANK_SHIFT) | step;
    }

    private void index(int slot) {
        HelperProfile p = presence[slot].profile();
        for (String language : p.languages()) {
            LanguageIndex li = byLanguage.computeIfAbsent(language, k -> new LanguageIndex());
            for (String skill : p.skills().keySet()) {
                int level = Eligibility.level(p, skill);
                if (level > 0) join(li.bySkill, skill, slot, level);
            }
            for (String group : p.groups()) join(li.byGroup, group, slot, 1);
            if (p.department() != null) join(li.byDepartment, p.department(), slot, 1);
        }
    }

    private void join(Map<String, SortedBucket> buckets, String bucketKey, int slot, int level) {
        SortedBucket b = buckets.computeIfAbsent(bucketKey, k -> new SortedBucket());
        int rank = rankOfSlot[slot];
        if (ordered == null) {
            b.add(key(0, rank, 0));
        } else if (!byLoad) {
            b.add(key(ordered.primaryKey(level, load(presence[slot])), rank, 0));
        } else {
            int load = load(presence[slot]);
            for (int step = 0; step < room[slot]; step++) {
                b.add(key(ordered.primaryKey(level, load + step), rank, step));
            }
        }
    }

    /** True when some helper still has room for an offer. */
    boolean hasRoom() {
        return slotsWithRoom > 0;
    }

    /**
     * Candidates for the request among the helpers with room, in a list reused by the next call: every eligible
     * one, or with an ordered strategy a few that surely include the strategy's pick. Each carries the offers
     * planned so far in this pass as pending, and its proficiency for the request.
     */
    List<Candidate> candidatesFor(HelpRequest r, long now) {
        candidates.clear();
        foundCount = 0;
        if (++stamp == 0) { // wrapped round: forget all marks
            Arrays.fill(seenStamp, 0);
            stamp = 1;
        }
        if (!Eligibility.kindAllowed(r)) return candidates;
        LanguageIndex li = r.language() == null ? null : byLanguage.get(r.language());
        if (li == null) return candidates;
        ServiceItem item = r.item();
        ItemBuckets ib = li.byItem.get(item.id());
        if (ib == null || (ib.item != item && !ib.item.equals(item))) {
            ib = new ItemBuckets(item, li);
            li.byItem.put(item.id(), ib);
        }
        if (r.requiredHelperId() != null) {
            addIfEligible(r.requiredHelperId(), r, now);
        } else if (r.targetGroup() != null) {
            addAll(li.byGroup.get(r.targetGroup()), r);
        } else {
            boolean overflowed = eligibility.overflowed(r, now);
            if (ordered != null) {
                long rotation = rotationKey(ordered.rotationCursor());
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
        for (int i = 0; i < foundCount; i++) {
            HelperPresence h = presence[found[i]];
            int skill = Eligibility.skillFor(h.profile(), item.id(), ib.categoryKey);
            candidates.add(new Candidate(h, Math.max(1, skill)));
        }
        return candidates;
    }

    /** The smallest key after the rotation cursor (−1 for no rotation); ranks are in id order when rotating. */
    private long rotationKey(String cursor) {
        if (cursor == null) return -1;
        int lo = 0;
        int hi = idOfRank.length;
        while (lo < hi) { // first rank whose id is after the cursor
            int mid = (lo + hi) >>> 1;
            if (idOfRank[mid].compareTo(cursor) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return key(ordered.primaryKey(1, 0), lo, 0);
    }

    private void addIfEligible(String helperId, HelpRequest r, long now) {
        Integer slot = slotById.get(helperId);
        if (slot != null && room[slot] > 0 && eligibility.isEligible(r, presence[slot].profile(), now)) add(slot);
    }

    /** Adds every member of the bucket with room that has not declined the request. */
    private void addAll(SortedBucket b, HelpRequest r) {
        if (b == null) return;
        b.prepare();
        Set<String> declined = r.declinedBy();
        for (int i = b.firstNotDead(0, liveness); i < b.size(); i = b.firstNotDead(i + 1, liveness)) {
            long key = b.key(i);
            int slot = slotOf(key);
            if (current(key) && !declined.contains(presence[slot].id())) add(slot);
        }
    }

    /**
     * Adds the bucket's best member with room that has not declined the request: the first in the order, or with
     * a rotation the first from {@code rotation} on, wrapping round.
     */
    private void addHead(SortedBucket b, HelpRequest r, long rotation) {
        if (b == null) return;
        b.prepare();
        int i = rotation < 0 ? b.size() : firstUsable(b, b.firstAtLeast(rotation), r.declinedBy());
        if (i == b.size()) i = firstUsable(b, 0, r.declinedBy());
        if (i < b.size()) add(slotOf(b.key(i)));
    }

    private int firstUsable(SortedBucket b, int from, Set<String> declined) {
        int i = b.firstNotDead(from, liveness);
        while (i < b.size() && !usable(b.key(i), declined)) i = b.firstNotDead(i + 1, liveness);
        return i;
    }

    private boolean usable(long key, Set<String> declined) {
        return current(key) && (declined.isEmpty() || !declined.contains(presence[slotOf(key)].id()));
    }

    private void add(int slot) {
        if (seenStamp[slot] == stamp) return;
        seenStamp[slot] = stamp;
        if (foundCount == found.length) found = Arrays.copyOf(found, foundCount * 2);
        found[foundCount++] = slot;
    }

    /**
     * Counts an offer planned to the helper: one more pending offer, one less room.
     *
     * @throws IllegalArgumentException when the helper is not in the pool or has no room left
     */
    void planOffer(String helperId) {
        Integer slot = slotById.get(helperId);
        if (slot == null) throw new IllegalArgumentException("helper " + helperId + " cannot take an offer");
        if (room[slot] == 0) throw new IllegalArgumentException("helper " + helperId + " has no room left");
        presence[slot] = presence[slot].withPendingOffers(presence[slot].pendingOffers() + 1);
        planned[slot]++;
        if (--room[slot] == 0) slotsWithRoom--;
    }
}
