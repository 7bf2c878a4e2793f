package org.bangban.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bangban.queue.HelpRequest;
import org.bangban.queue.HelperPresence;
import org.bangban.queue.HelperProfile;
import org.bangban.queue.HelperStatus;

/**
 * How the live state is written in Redis. Requests and profiles are JSON in the mapper's usual form, which the
 * scripts never look into; a request's declinedBy is kept apart (a JSON array the scripts extend). Offers and
 * sessions are JSON with fixed property names, because the scripts read them ({@code helperId},
 * {@code applicantId}) and {@code accept.lua} writes sessions. Unknown properties are ignored, so nodes of
 * neighbouring versions can share one Redis during a rolling upgrade. Parsed profiles and sessions are kept by their
 * JSON (neither changes once written), so reading a helper again parses only its numbers. Thread-safe.
 */
final class RedisLiveCodec {

    /** An open offer as stored in {@code <prefix>:offers}. */
    record StoredOffer(@JsonProperty("requestId") String requestId, @JsonProperty("helperId") String helperId,
                       @JsonProperty("offeredAt") long offeredAt, @JsonProperty("expiresAt") long expiresAt) {
    }

    /** A live session as {@code accept.lua} writes it into {@code <prefix>:sessions}. */
    record StoredSession(@JsonProperty("id") String id, @JsonProperty("helperId") String helperId,
                         @JsonProperty("applicantId") String applicantId, @JsonProperty("startedAt") long startedAt,
                         @JsonProperty("request") HelpRequest request,
                         @JsonProperty("declinedBy") List<String> declinedBy) {
    }

    /** Most profiles kept parsed; past it the cache starts afresh. */
    private static final int MAX_CACHED_PROFILES = 100_000;
    /** Most sessions kept parsed (ended ones stay until the cache starts afresh). */
    private static final int MAX_CACHED_SESSIONS = 20_000;

    private final ObjectMapper mapper;
    /** Profiles parsed before, by their JSON: a profile changes only when its helper logs in again. */
    private final Map<String, HelperProfile> profiles = new ConcurrentHashMap<>();
    /** Sessions parsed before, by their JSON: a live session's JSON is written once, by accept.lua. */
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();

    RedisLiveCodec(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The request without its declinedBy, which is stored apart. */
    String requestJson(HelpRequest request) {
        return write(withDeclined(request, Set.of()));
    }

    /** The declinedBy of a request as stored, or "" when nobody declined it. */
    String declinedJson(Set<String> declinedBy) {
        return declinedBy.isEmpty() ? "" : write(List.copyOf(declinedBy));
    }

    HelpRequest request(String json, String declinedJson) {
        HelpRequest r = read(json, HelpRequest.class, "waiting request");
        if (declinedJson == null || declinedJson.isEmpty()) return r;
        return withDeclined(r, Set.copyOf(readStrings(declinedJson)));
    }

    /** The request with the declinedBy stored apart for it. */
    HelpRequest withDeclined(HelpRequest r, String declinedJson) {
        return withDeclined(r, Set.copyOf(readStrings(declinedJson)));
    }

    String offerJson(OpenOffer offer) {
        return write(new StoredOffer(offer.requestId(), offer.helperId(), offer.offeredAt(), offer.expiresAt()));
    }

    OpenOffer offer(String json) {
        StoredOffer o = read(json, StoredOffer.class, "open offer");
        return new OpenOffer(o.requestId(), o.helperId(), o.offeredAt(), o.expiresAt());
    }

    LiveSession session(String json) {
        LiveSession known = sessions.get(json);
        if (known != null) return known;
        StoredSession s = read(json, StoredSession.class, "live session");
        Set<String> declined = s.declinedBy() == null ? Set.of() : Set.copyOf(s.declinedBy());
        LiveSession session = new LiveSession(s.id(), withDeclined(s.request(), declined), s.helperId(), s.startedAt());
        if (sessions.size() >= MAX_CACHED_SESSIONS) sessions.clear();
        sessions.put(json, session);
        return session;
    }

    String profileJson(HelperProfile profile) {
        return write(profile);
    }

    /** The helper id of a presence as the scripts return it (see {@code presence_of} in common.lua). */
    static String presenceHelperId(List<?> reply) {
        return (String) reply.get(0);
    }

    /** The profile version of a presence as the scripts return it; "0" for a hash written before versions. */
    static String presenceProfileVersion(List<?> reply) {
        Object pv = reply.get(8);
        return pv == null ? "0" : (String) pv;
    }

    /**
     * A helper's presence as the scripts return it, {helperId, chosen, active, pending, idle, wrap, missed, away,
     * pv}, with its profile (which the reply leaves out).
     */
    HelperPresence presence(HelperProfile profile, List<?> reply) {
        return new HelperPresence(profile, HelperStatus.valueOf((String) reply.get(1)),
                Integer.parseInt((String) reply.get(2)), Integer.parseInt((String) reply.get(3)),
                Long.parseLong((String) reply.get(4)), Long.parseLong((String) reply.get(5)),
                Integer.parseInt((String) reply.get(6)), (String) reply.get(7));
    }

    /** A helper's presence from the fields of its hash (HGETALL). */
    HelperPresence presence(Map<String, String> fields) {
        String profileJson = fields.get("profile");
        if (profileJson == null) {
            throw new IllegalStateException("a helper's presence in Redis has no profile (fields " + fields.keySet()
                    + "); the live state is damaged, the helper should log in again");
        }
        HelperProfile profile = profile(profileJson);
        return new HelperPresence(profile, HelperStatus.valueOf(fields.get("chosen")),
                Integer.parseInt(fields.get("active")), Integer.parseInt(fields.get("pending")),
                Long.parseLong(fields.get("idle")), Long.parseLong(fields.get("wrap")),
                Integer.parseInt(fields.get("missed")), fields.get("away"));
    }

    /** The profile stored as this JSON, parsed once and then taken from the cache. */
    HelperProfile profile(String json) {
        HelperProfile p = profiles.get(json);
        if (p != null) return p;
        p = read(json, HelperProfile.class, "helper profile");
        if (profiles.size() >= MAX_CACHED_PROFILES) profiles.clear();
        profiles.put(json, p);
        return p;
    }

    static HelpRequest withDeclined(HelpRequest r, Set<String> declinedBy) {
        return new HelpRequest(r.id(), r.applicantId(), r.item(), r.kind(), r.language(), r.priority(),
                r.greenReason(), r.preferredHelperId(), r.requiredHelperId(), r.targetGroup(), r.description(),
                r.arrivedAt(), r.headStartMillis(), declinedBy);
    }

    private List<String> readStrings(String json) {
        return List.of(read(json, String[].class, "declined-by list"));
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName()
                    + " as JSON for Redis: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String json, Class<T> type, String what) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + what + " in Redis cannot be read (" + e.getOriginalMessage()
                    + "); was it written by an incompatible server version? Run one version per key prefix", e);
        }
    }

    /** A principal's connection marks from its hash: node:&lt;id&gt; → expiry, departed-node, departed-at. */
    ConnectionMarks connectionMarks(Map<String, String> fields) {
        if (fields.isEmpty()) return ConnectionMarks.NONE;
        Map<String, Long> marks = new HashMap<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (f.getKey().startsWith("node:")) marks.put(f.getKey().substring(5), Long.parseLong(f.getValue()));
        }
        String at = fields.get("departed-at");
        return new ConnectionMarks(marks, fields.get("departed-node"), at == null ? 0 : Long.parseLong(at));
    }
}
