package org.bangban.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.HelperStatus;
import org.bangban.queue.PlannedOffer;
import org.bangban.queue.QueuePositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live state shared by many signaling nodes through one Redis: the same behaviour as {@link InMemoryLiveState},
 * with every change made by one Lua script (so atomic across nodes) and reads answered from plain Redis reads.
 *
 * <p>The keys are listed in {@link RedisKeys}; every one starts with the deployment's prefix. A helper is a hash
 * whose numeric fields the scripts check and update; the queue is a sorted set scored by
 * {@link HelpRequest#serviceKey()} whose ties fall to the request id, which matches the service order because
 * ids are made in arrival order (Redis compares bytes: keep ids ASCII). {@link #waiting()} costs one round trip
 * however long the queue — the ZRANGE with the (sparse) declined-by hash pipelined — plus one HMGET of the requests
 * this node has not seen yet: a request's JSON does not change while it waits, so each node keeps the ones it read.
 * Helpers are read the same way: only those changed since the node last looked ({@link #helpersChangedSince}),
 * with profiles parsed once.
 *
 * <p>Reads are snapshots, not transactions: a read of several keys may see a change half-way (a request that
 * left the queue between the ZRANGE and the HMGET is simply left out). Decisions are never taken on a read
 * alone: {@link #tryOffer}, {@link #accept} and the rest check again inside their script.
 *
 * <p>The scripts derive key names from stored data (the helper of an offer, the two sides of a session), so this
 * needs a standalone Redis (or one behind Sentinel), not Redis Cluster. One connection is shared by all threads.
 */
public final class RedisLiveState implements LiveState {
    private static final Logger log = LoggerFactory.getLogger(RedisLiveState.class);
    private static final String HELPER_LOGGED_IN = "helper_logged_in";
    private static final String SET_CHOSEN_STATUS = "set_chosen_status";
    private static final String END_WRAP_UP = "end_wrap_up";
    private static final String ENQUEUE = "enqueue";
    private static final String WITHDRAW = "withdraw";
    private static final String TRY_OFFER = "try_offer";
    private static final String ACCEPT = "accept";
    private static final String RELEASE = "release";
    private static final String END_SESSION = "end_session";
    private static final String HELPERS_SINCE = "helpers_since";
    private static final String MARK_CONNECTED = "mark_connected";
    private static final String MARK_DEPARTED = "mark_departed";
    private static final String POSITION = "position";
    private static final String INDEX_LANGUAGES = "index_languages";
    private static final String QUEUE_COUNTS = "queue_counts";
    /** Requests no longer waiting that the cache of waiting requests may hold before it is pruned. */
    private static final int CACHE_SLACK = 1000;
    /**
     * Principals per mark_connected call: a node's refresh of 10,000 makes 100 short scripts, not one long one. A
     * script holds Redis for all its clients while it runs (about 4 commands per principal), so each is kept to
     * well under a millisecond.
     */
    private static final int MARKS_PER_CALL = 100;

    private final RedisClient ownedClient;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;
    /**
     * A second connection for bulk work: reads of the whole queue ({@link #waiting()}: queue updates every second,
     * the supervisors' views) and the heartbeat's marks of every principal held here. Replies on one connection
     * come back in order, so 10,000 ids read there would hold up every pairing pass and request behind them; on
     * their own connection they only share Redis's time.
     */
    private final StatefulRedisConnection<String, String> bulkConnection;
    /** The scripts run on {@link #bulkConnection}. */
    private final RedisScripts bulkScripts;
    private final Duration timeout;
    private final RedisKeys keys;
    private final RedisLiveCodec codec;
    private final RedisScripts scripts;
    /**
     * Helper profiles by helper id, with the profile version (pv) they were read at. Script replies carry a helper's
     * presence with the version only, so a profile is read (and parsed) again only after its helper logged in with a
     * changed one.
     */
    private final Map<String, VersionedProfile> profiles = new ConcurrentHashMap<>();
    /** Waiting requests this node has read or queued, without their declinedBy: id → request. */
    private final Map<String, HelpRequest> waitingCache = new ConcurrentHashMap<>();

    /**
     * Connects to Redis with a client the caller owns (and shuts down); {@link #close()} closes only the
     * connection opened here.
     *
     * @param client    the Redis client
     * @param keyPrefix shared by every node of one deployment; every key starts with {@code keyPrefix + ":"}
     * @param mapper    writes and reads requests and profiles as JSON
     */
    public RedisLiveState(RedisClient client, String keyPrefix, ObjectMapper mapper) {
        this(client, false, keyPrefix, mapper);
    }

    /** Connects to the Redis at {@code redisUrl} (e.g. {@code redis://host:6379/0}) with a client of its own. */
    public static RedisLiveState connect(String redisUrl, String keyPrefix, ObjectMapper mapper) {
        RedisClient client = RedisConnections.client(redisUrl, "the live state");
        try {
            return new RedisLiveState(client, true, keyPrefix, mapper);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    private RedisLiveState(RedisClient client, boolean ownsClient, String keyPrefix, ObjectMapper mapper) {
        this.keys = new RedisKeys(keyPrefix);
        this.codec = new RedisLiveCodec(mapper);
        this.connection = RedisConnections.connect(client, "the live state", keyPrefix);
        StatefulRedisConnection<String, String> bulk = null;
        try {
            bulk = RedisConnections.connect(client, "the live state (whole-queue reads)", keyPrefix);
            this.redis = connection.sync();
            this.async = connection.async();
            this.timeout = connection.getTimeout();
            this.scripts = call("load its Lua scripts", () -> new RedisScripts(redis, HELPER_LOGGED_IN,
                    SET_CHOSEN_STATUS, END_WRAP_UP, ENQUEUE, WITHDRAW, TRY_OFFER, ACCEPT, RELEASE, END_SESSION, HELPERS_SINCE,
                    MARK_CONNECTED, MARK_DEPARTED, POSITION, INDEX_LANGUAGES, QUEUE_COUNTS));
            indexLanguages();
            RedisCommands<String, String> bulkSync = bulk.sync();
            this.bulkScripts = call("load its Lua scripts", () -> new RedisScripts(bulkSync, MARK_CONNECTED));
        } catch (RuntimeException e) {
            connection.close();
            if (bulk != null) bulk.close();
            throw e;
        }
        this.bulkConnection = bulk;
        this.ownedClient = ownsClient ? client : null;
    }

    // ---- presence ----

    @Override
    public HelperPresence helperLoggedIn(HelperProfile profile, long now) {
        List<Object> reply = script("log in helper " + profile.id(), HELPER_LOGGED_IN, ScriptOutputType.MULTI,
                profile.id(), codec.profileJson(profile), Integer.toString(profile.maxSessions()), Long.toString(now));
        profiles.put(profile.id(), new VersionedProfile(RedisLiveCodec.presenceProfileVersion(reply), profile));
        return presence(reply);
    }

    @Override
    public Optional<HelperPresence> setChosenStatus(String helperId, HelperStatus status, String reason, long now) {
        if (status != HelperStatus.AVAILABLE && status != HelperStatus.AWAY && status != HelperStatus.OFFLINE) {
            throw new IllegalArgumentException("a helper can choose AVAILABLE, AWAY or OFFLINE, not " + status);
        }
        List<Object> reply = script("set helper " + helperId + " " + status, SET_CHOSEN_STATUS,
                ScriptOutputType.MULTI, helperId, status.name(), Long.toString(now), reason == null ? "0" : "1",
                reason == null ? "" : reason);
        return isEmpty(reply) ? Optional.empty() : Optional.of(presence(reply));
    }

    @Override
    public Optional<HelperPresence> endWrapUp(String helperId, long now) {
        List<Object> reply = script("end the wrap-up of helper " + helperId, END_WRAP_UP, ScriptOutputType.MULTI,
                helperId);
        return isEmpty(reply) ? Optional.empty() : Optional.of(presence(reply));
    }

    @Override
    public Optional<HelperPresence> helper(String helperId) {
        Map<String, String> fields = call("read helper " + helperId, () -> redis.hgetall(keys.helper(helperId)));
        return fields.isEmpty() ? Optional.empty() : Optional.of(codec.presence(fields));
    }

    @Override
    public Collection<HelperPresence> helpers() {
        List<String> ids = List.copyOf(call("list helpers", () -> redis.smembers(keys.helpers())));
        List<RedisFuture<Map<String, String>>> reads = new ArrayList<>(ids.size());
        for (String id : ids) reads.add(async.hgetall(keys.helper(id)));
        List<HelperPresence> out = new ArrayList<>(ids.size());
        for (RedisFuture<Map<String, String>> read : reads) {
            Map<String, String> fields = await("read helpers", read);
            if (!fields.isEmpty()) out.add(codec.presence(fields));
        }
        return out;
    }

    @Override
    public HelperChanges helpersChangedSince(long sinceVersion) {
        return helperChanges(script(whatHelpersSince(sinceVersion), HELPERS_SINCE, ScriptOutputType.MULTI,
                Long.toString(sinceVersion)));
    }

    private static String whatHelpersSince(long sinceVersion) {
        if (sinceVersion < 0) throw new IllegalArgumentException("sinceVersion must not be negative, was " + sinceVersion);
        return "read the helpers changed since version " + sinceVersion;
    }

    /** The reply of helpers_since.lua: {version, reset, helper presence...}; unknown profiles read in one round trip. */
    private HelperChanges helperChanges(List<Object> r) {
        List<List<?>> replies = new ArrayList<>(r.size() - 2);
        for (int i = 2; i < r.size(); i++) replies.add((List<?>) r.get(i));
        Map<String, RedisFuture<List<KeyValue<String, String>>>> reads = new java.util.HashMap<>();
        for (List<?> p : replies) {
            String id = RedisLiveCodec.presenceHelperId(p);
            if (!knownProfile(id, RedisLiveCodec.presenceProfileVersion(p)) && !reads.containsKey(id)) {
                reads.put(id, async.hmget(keys.helper(id), "profile", "pv"));
            }
        }
        reads.forEach((id, read) -> keepProfile(id, await("read the profile of helper " + id, read)));
        List<HelperPresence> changed = new ArrayList<>(replies.size());
        for (List<?> p : replies) changed.add(presence(p));
        return new HelperChanges((Long) r.get(0), changed, ((Long) r.get(1)) == 1L);
    }

    private record VersionedProfile(String version, HelperProfile profile) {
    }

    private boolean knownProfile(String helperId, String version) {
        VersionedProfile known = profiles.get(helperId);
        return known != null && known.version().equals(version);
    }

    /** A helper's presence as the scripts return it, with its profile: kept, or read when its version moved on. */
    private HelperPresence presence(List<?> reply) {
        String id = RedisLiveCodec.presenceHelperId(reply);
        VersionedProfile known = profiles.get(id);
        if (known == null || !known.version().equals(RedisLiveCodec.presenceProfileVersion(reply))) {
            known = keepProfile(id, call("read the profile of helper " + id, () -> redis.hmget(keys.helper(id), "profile", "pv")));
        }
        return codec.presence(known.profile(), reply);
    }

    /** Keeps a profile read with its version (HMGET profile pv); a newer one than the reply asked for is fine too. */
    private VersionedProfile keepProfile(String helperId, List<KeyValue<String, String>> profileAndVersion) {
        if (!profileAndVersion.get(0).hasValue()) {
            throw new IllegalStateException("helper " + helperId + " has no profile in Redis (key prefix '" + keys.prefix()
                    + "'); the live state is damaged, the helper should log in again");
        }
        VersionedProfile p = new VersionedProfile(profileAndVersion.get(1).getValueOrElse("0"),
                codec.profile(profileAndVersion.get(0).getValue()));
        profiles.put(helperId, p);
        return p;
    }

    // ---- the queue ----

    @Override
    public EnqueueResult enqueue(HelpRequest request, int maxQueueLength) {
        String result = script("enqueue request " + request.id(), ENQUEUE, ScriptOutputType.VALUE, request.id(),
                request.applicantId(), Long.toString(request.serviceKey()), codec.requestJson(request),
                codec.declinedJson(request.declinedBy()), Integer.toString(maxQueueLength), request.placeQueue(),
                request.language() == null ? "" : request.language());
        EnqueueResult r = EnqueueResult.valueOf(result);
        if (r == EnqueueResult.QUEUED) waitingCache.put(request.id(), RedisLiveCodec.withDeclined(request, Set.of()));
        return r;
    }

    @Override
    public Optional<HelpRequest> waitingRequest(String requestId) {
        RedisFuture<String> json = async.hget(keys.requests(), requestId);
        RedisFuture<String> declined = async.hget(keys.declined(), requestId);
        String requestJson = await("read waiting request " + requestId, json);
        String declinedJson = await("read waiting request " + requestId, declined);
        return requestJson == null ? Optional.empty() : Optional.of(codec.request(requestJson, declinedJson));
    }

    @Override
    public Optional<HelpRequest> waitingRequestOf(String applicantId) {
        String requestId = call("find the waiting request of an applicant",
                () -> redis.hget(keys.applicantWaiting(), applicantId));
        return requestId == null ? Optional.empty() : waitingRequest(requestId);
    }

    /**
     * Files under their language the waiting requests that are not yet (queued before the per-language queues
     * existed, or by a node of an older version): a node does it when it starts, a pairing pass when it finds the
     * queue longer than what is filed.
     */
    private void indexLanguages() {
        Long filed = script("file the waiting requests under their language", INDEX_LANGUAGES, ScriptOutputType.INTEGER);
        if (filed != null && filed > 0) {
            log.info("filed {} waiting request(s) under their language (queued before per-language queues existed)", filed);
        }
    }

    @Override
    public List<HelpRequest> waiting() {
        return readQueue(-1, null, false).waiting();
    }

    @Override
    public PairingSnapshot pairingSnapshot(long helpersSinceVersion, Set<String> languages) {
        if (languages == null) throw new IllegalArgumentException("languages are required (empty for none)");
        if (helpersSinceVersion < 0) throw new IllegalArgumentException("helpersSinceVersion must not be negative");
        return readQueue(helpersSinceVersion, List.copyOf(languages), true);
    }

    /**
     * Round trip 1: the order (the whole queue, or for a pairing pass the queues of its languages), who declined
     * what (few requests have been declined: the whole hash) and, for a pairing pass ({@code helpersSince} ≥ 0),
     * which requests have an offer out, the helpers changed since that version, and whether every waiting request
     * is filed under its language. Round trip 2, only for requests this node has not read before: their JSON (a
     * request's JSON never changes while it waits; who declined it is kept apart).
     */
    private PairingSnapshot readQueue(long helpersSince, List<String> languages, boolean mayFile) {
        boolean forPass = helpersSince >= 0;
        String what = forPass ? whatHelpersSince(helpersSince) : null;
        RedisFuture<List<Object>> counts = forPass ? async.evalsha(scripts.sha(QUEUE_COUNTS), ScriptOutputType.MULTI,
                new String[0], keys.prefix()) : null;
        List<RedisFuture<List<ScoredValue<String>>>> orders = new ArrayList<>();
        if (forPass) {
            for (String language : languages) orders.add(async.zrangeWithScores(keys.queueLanguage(language), 0, -1));
        }
        RedisAsyncCommands<String, String> reads = forPass ? async : bulkConnection.async();
        RedisFuture<List<String>> order = forPass ? null : reads.zrange(keys.queue(), 0, -1);
        RedisFuture<Map<String, String>> declinedAll = reads.hgetall(keys.declined());
        RedisFuture<List<String>> offered = forPass ? async.hkeys(keys.offers()) : null;
        RedisFuture<List<Object>> helpers = forPass ? async.evalsha(scripts.sha(HELPERS_SINCE),
                ScriptOutputType.MULTI, new String[0], keys.prefix(), Long.toString(helpersSince)) : null;
        List<String> ids = forPass ? mergedOrder(orders) : await("read the queue", order);
        long[] waitingAndFiled = forPass ? queueCounts(counts) : new long[] {ids.size(), ids.size()};
        if (mayFile && waitingAndFiled[0] > waitingAndFiled[1]) {
            // a request queued by an older node: filed now, and read again (only while versions are mixed)
            indexLanguages();
            return readQueue(helpersSince, languages, false);
        }
        Map<String, String> declined = await("read the queue", declinedAll);
        List<String> offeredIds = offered == null ? List.of() : await("read the open offers", offered);
        HelperChanges changed = null;
        if (forPass) {
            try {
                changed = helperChanges(await(what, helpers));
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof RedisNoScriptException)) throw e;
                changed = helpersChangedSince(helpersSince); // Redis lost its scripts: sent in full, loaded again
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String id : ids) if (!waitingCache.containsKey(id)) unknown.add(id);
        if (!unknown.isEmpty()) {
            List<KeyValue<String, String>> jsons = await("read the waiting requests",
                    reads.hmget(keys.requests(), unknown.toArray(String[]::new)));
            for (KeyValue<String, String> json : jsons) {
                // absent: left the queue between the two round trips
                if (json.hasValue()) waitingCache.put(json.getKey(), codec.request(json.getValue(), null));
            }
        }
        List<HelpRequest> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            HelpRequest r = waitingCache.get(id);
            if (r == null) continue;
            String declinedJson = declined.get(id);
            out.add(declinedJson == null ? r : codec.withDeclined(r, declinedJson));
        }
        // request ids are never reused, so an entry left behind only takes room: pruned now and then, not on every
        // read (with thousands waiting, a set of every id per pairing pass cost more than the pass); a pass reads only
        // some languages, so it prunes against the whole queue, read then
        if (waitingCache.size() > waitingAndFiled[0] + CACHE_SLACK) {
            List<String> all = forPass ? await("read the queue", bulkConnection.async().zrange(keys.queue(), 0, -1)) : ids;
            waitingCache.keySet().retainAll(new HashSet<>(all));
        }
        return new PairingSnapshot(out, new HashSet<>(offeredIds),
                changed == null ? new HelperChanges(0, List.of(), false) : changed);
    }

    /** {requests waiting, requests filed by language} (see queue_counts.lua). */
    private long[] queueCounts(RedisFuture<List<Object>> counts) {
        List<Object> c;
        try {
            c = await("count the queue", counts);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) throw e;
            c = script("count the queue", QUEUE_COUNTS, ScriptOutputType.MULTI); // Redis lost its scripts: sent in full
        }
        return new long[] {(Long) c.get(0), (Long) c.get(1)};
    }

    /** The ids of the queues of several languages, merged in service order (score, then id as Redis orders ties). */
    private List<String> mergedOrder(List<RedisFuture<List<ScoredValue<String>>>> orders) {
        if (orders.size() == 1) {
            List<ScoredValue<String>> one = await("read the queue", orders.get(0));
            List<String> ids = new ArrayList<>(one.size());
            for (ScoredValue<String> v : one) ids.add(v.getValue());
            return ids;
        }
        List<ScoredValue<String>> all = new ArrayList<>();
        for (RedisFuture<List<ScoredValue<String>>> o : orders) all.addAll(await("read the queue", o));
        all.sort(Comparator.<ScoredValue<String>>comparingDouble(ScoredValue::getScore).thenComparing(ScoredValue::getValue));
        List<String> ids = new ArrayList<>(all.size());
        for (ScoredValue<String> v : all) ids.add(v.getValue());
        return ids;
    }

    /**
     * One script: the request's rank and its queue's length from {@code queue:<name>}. A request queued by a node of
     * an older version (no {@code request-queue} entry) is found by reading the whole queue, as before.
     */
    @Override
    public Optional<QueuePositions.Position> positionOf(String requestId) {
        List<Object> r = script("find the position of request " + requestId, POSITION, ScriptOutputType.MULTI, requestId);
        if (isEmpty(r)) return QueuePositions.positionOf(waiting(), requestId);
        int length = Math.toIntExact((Long) r.get(2));
        return Optional.of(new QueuePositions.Position(requestId, HelpRequest.queueOfPlace((String) r.get(0)),
                Math.toIntExact((Long) r.get(1)) + 1, length));
    }

    @Override
    public int waitingCount() {
        return Math.toIntExact(call("count the queue", () -> redis.zcard(keys.queue())));
    }

    @Override
    public Optional<Withdrawn> withdraw(String requestId) {
        List<Object> r = script("withdraw request " + requestId, WITHDRAW, ScriptOutputType.MULTI, requestId);
        if (isEmpty(r)) return Optional.empty();
        HelpRequest request = codec.request((String) r.get(0), (String) r.get(1));
        Optional<OpenOffer> offer = Optional.ofNullable((String) r.get(2)).map(codec::offer);
        return Optional.of(new Withdrawn(request, offer));
    }

    // ---- offers ----

    @Override
    public Optional<OpenOffer> tryOffer(String requestId, String helperId, long now, long expiresAt) {
        OpenOffer offer = new OpenOffer(requestId, helperId, now, expiresAt);
        Long made = script("offer request " + requestId + " to helper " + helperId, TRY_OFFER,
                ScriptOutputType.INTEGER, requestId, helperId, Long.toString(now), codec.offerJson(offer));
        return made != null && made == 1L ? Optional.of(offer) : Optional.empty();
    }

    /** Pipelined: every reservation is sent, then the answers are read; Redis runs the scripts in order. */
    @Override
    public List<Optional<OpenOffer>> tryOffers(List<PlannedOffer> planned, long now, long expiresAt) {
        List<OpenOffer> offers = new ArrayList<>(planned.size());
        List<RedisFuture<Long>> replies = new ArrayList<>(planned.size());
        for (PlannedOffer p : planned) {
            OpenOffer offer = new OpenOffer(p.request().id(), p.helperId(), now, expiresAt);
            offers.add(offer);
            replies.add(async.evalsha(scripts.sha(TRY_OFFER), ScriptOutputType.INTEGER, new String[0], keys.prefix(),
                    offer.requestId(), offer.helperId(), Long.toString(now), codec.offerJson(offer)));
        }
        List<Optional<OpenOffer>> made = new ArrayList<>(planned.size());
        for (int i = 0; i < offers.size(); i++) {
            OpenOffer offer = offers.get(i);
            Long reply;
            try {
                reply = await("offer request " + offer.requestId() + " to helper " + offer.helperId(), replies.get(i));
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof RedisNoScriptException)) throw e;
                // Redis lost its scripts: this one again, sent in full (which loads it), and the rest after it
                made.add(tryOffer(offer.requestId(), offer.helperId(), now, expiresAt));
                continue;
            }
            made.add(reply != null && reply == 1L ? Optional.of(offer) : Optional.empty());
        }
        return made;
    }

    @Override
    public Optional<OpenOffer> openOffer(String requestId) {
        String json = call("read the offer of request " + requestId, () -> redis.hget(keys.offers(), requestId));
        return Optional.ofNullable(json).map(codec::offer);
    }

    @Override
    public Collection<OpenOffer> openOffers() {
        return call("read the open offers", () -> redis.hvals(keys.offers())).stream().map(codec::offer).toList();
    }

    @Override
    public Optional<Accepted> accept(String requestId, String helperId, String sessionId, long now) {
        List<Object> r = script("accept request " + requestId + " by helper " + helperId, ACCEPT,
                ScriptOutputType.MULTI, requestId, helperId, sessionId, Long.toString(now));
        if (isEmpty(r)) return Optional.empty();
        LiveSession session = codec.session((String) r.get(0));
        HelperPresence helper = presence((List<?>) r.get(1));
        return Optional.of(new Accepted(session, helper, now - session.request().arrivedAt()));
    }

    @Override
    public Optional<Released> release(String requestId, String helperId, int autoAwayAfter, String awayReason, long now) {
        return giveBack("release the offer of request " + requestId + " to helper " + helperId, requestId, helperId,
                true, autoAwayAfter, awayReason);
    }

    @Override
    public Optional<Released> returnOffer(String requestId, String helperId, long now) {
        return giveBack("return the offer of request " + requestId + " to lost helper " + helperId, requestId,
                helperId, false, Integer.MAX_VALUE, null);
    }

    private Optional<Released> giveBack(String what, String requestId, String helperId, boolean missed,
                                        int autoAwayAfter, String awayReason) {
        List<Object> r = script(what, RELEASE, ScriptOutputType.MULTI, requestId, helperId,
                Integer.toString(autoAwayAfter), awayReason == null ? "0" : "1", awayReason == null ? "" : awayReason,
                missed ? "1" : "0");
        if (isEmpty(r)) return Optional.empty();
        OpenOffer offer = codec.offer((String) r.get(0));
        HelpRequest request = codec.request((String) r.get(1), (String) r.get(2));
        HelperPresence helper = presence((List<?>) r.get(3));
        return Optional.of(new Released(offer, request, helper, ((Long) r.get(4)) == 1L));
    }

    // ---- connections ----

    /** One script call per {@value #MARKS_PER_CALL} principals (a node's refresh of all it holds). */
    @Override
    public void markConnected(Collection<String> principalIds, String nodeId, long now, long ttlMillis) {
        List<String> ids = List.copyOf(principalIds);
        for (int from = 0; from < ids.size(); from += MARKS_PER_CALL) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + MARKS_PER_CALL));
            String[] args = withPrefix(marks(some, nodeId, now, ttlMillis));
            // on the bulk connection: the heartbeat's many calls stay out of the way of requests and passes
            call("mark " + some.size() + " principal(s) connected on node " + nodeId,
                    () -> bulkScripts.run(MARK_CONNECTED, ScriptOutputType.INTEGER, args));
        }
    }

    private static String[] marks(List<String> ids, String nodeId, long now, long ttlMillis) {
        String[] args = new String[ids.size() + 3];
        args[0] = nodeId;
        args[1] = Long.toString(now + ttlMillis);
        args[2] = Long.toString(ttlMillis);
        for (int i = 0; i < ids.size(); i++) args[i + 3] = ids.get(i);
        return args;
    }

    @Override
    public void markDeparted(String principalId, String nodeId, long now, long keepMillis) {
        script("record that " + principalId + " left node " + nodeId, MARK_DEPARTED, ScriptOutputType.INTEGER,
                principalId, nodeId, Long.toString(now), Long.toString(keepMillis));
    }

    @Override
    public ConnectionMarks connectionMarks(String principalId) {
        Map<String, String> fields = call("read where " + principalId + " is connected",
                () -> redis.hgetall(keys.connected(principalId)));
        return codec.connectionMarks(fields);
    }

    // ---- sessions ----

    @Override
    public Optional<LiveSession> session(String sessionId) {
        String json = call("read session " + sessionId, () -> redis.hget(keys.sessions(), sessionId));
        return Optional.ofNullable(json).map(codec::session);
    }

    @Override
    public List<LiveSession> sessionsOf(String principalId) {
        List<String> ids = List.copyOf(call("list the sessions of a principal",
                () -> redis.smembers(keys.principalSessions(principalId))));
        if (ids.isEmpty()) return List.of();
        List<KeyValue<String, String>> values = call("read the sessions of a principal",
                () -> redis.hmget(keys.sessions(), ids.toArray(String[]::new)));
        return values.stream().filter(KeyValue::hasValue).map(v -> codec.session(v.getValue())).toList();
    }

    @Override
    public Collection<LiveSession> sessions() {
        return call("read the live sessions", () -> redis.hvals(keys.sessions())).stream().map(codec::session)
                .toList();
    }

    @Override
    public int sessionCount() {
        return Math.toIntExact(call("count the live sessions", () -> redis.hlen(keys.sessions())));
    }

    @Override
    public int openOfferCount() {
        return Math.toIntExact(call("count the open offers", () -> redis.hlen(keys.offers())));
    }

    @Override
    public Optional<Ended> endSession(String sessionId, long wrapUpUntil, long now) {
        List<Object> r = script("end session " + sessionId, END_SESSION, ScriptOutputType.MULTI, sessionId,
                Long.toString(wrapUpUntil), Long.toString(now));
        if (isEmpty(r)) return Optional.empty();
        return Optional.of(new Ended(codec.session((String) r.get(0)), presence((List<?>) r.get(1)), now));
    }

    /** Closes the connection; shuts the client down too when {@link #connect} made it. */
    @Override
    public void close() {
        connection.close();
        bulkConnection.close();
        if (ownedClient != null) ownedClient.shutdown();
    }

    // ---- plumbing ----

    private <T> T script(String what, String name, ScriptOutputType type, String... args) {
        String[] withPrefix = withPrefix(args);
        return call(what, () -> scripts.run(name, type, withPrefix));
    }

    private String[] withPrefix(String... args) {
        String[] withPrefix = new String[args.length + 1];
        withPrefix[0] = keys.prefix();
        System.arraycopy(args, 0, withPrefix, 1, args.length);
        return withPrefix;
    }

    private <T> T call(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw failure(what, e);
        }
    }

    private <T> T await(String what, RedisFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failure(what, e);
        }
    }

    private IllegalStateException failure(String what, Throwable cause) {
        return new IllegalStateException("The live state in Redis (key prefix '" + keys.prefix() + "') could not "
                + what + ": " + cause.getMessage() + ". Check that Redis is up and reachable from this node; "
                + "a change may or may not have been made.", cause);
    }

    /** True when a script answered "nothing done": an empty list (or a lone nil, which Lettuce reads as [null]). */
    private static boolean isEmpty(List<?> reply) {
        return reply == null || reply.isEmpty() || (reply.size() == 1 && reply.get(0) == null);
    }
}
