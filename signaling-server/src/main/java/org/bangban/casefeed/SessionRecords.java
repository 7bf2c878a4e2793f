package org.bangban.casefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bangban.cases.Actor;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.Cases;
import org.bangban.evaluation.EvaluationException;
import org.bangban.evaluation.Evaluations;
import org.bangban.evaluation.NewRating;
import org.bangban.evaluation.Rated;
import org.bangban.evaluation.RatingLevel;
import org.bangban.evaluation.RatingTag;
import org.bangban.http.ApiError;
import org.bangban.identity.Principal;
import org.bangban.live.LiveSession;
import org.bangban.live.LiveState;
import org.bangban.live.MessageBus;
import org.bangban.materials.Material;
import org.bangban.materials.MaterialUpload;
import org.bangban.materials.Materials;
import org.bangban.materials.NewMaterial;
import org.bangban.materials.StoredContent;
import org.bangban.protocol.Codec;
import org.bangban.store.RecordStore;

/**
 * Files and ratings of a session, recorded in its case: a file becomes a material 材料 and a MATERIAL_ADDED event, a
 * rating 好差评 an evaluation and an EVALUATION_RECEIVED event (and, for a 差评, the follow-up and a FOLLOW_UP event)
 * — each in one transaction, so a refusal or a failure leaves nothing behind but, for a file, its content in the
 * file store (see {@link Materials}: harmless, reused when sent again).
 *
 * <p>Who: the applicant or the helper of the session while it is live; afterwards the two who took part in it
 * (from its {@code case_session} row). Anyone else is told the session does not exist.
 */
public final class SessionRecords {
    private final RecordStore store;
    private final Cases cases;
    private final CaseFeed feed;
    private final Materials materials;
    private final Evaluations evaluations;
    private final LiveState live;
    private final MessageBus bus;
    private final Codec codec;
    private final Clock clock;

    public SessionRecords(RecordStore store, Cases cases, CaseFeed feed, Materials materials, Evaluations evaluations,
                          LiveState live, MessageBus bus, Codec codec, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.materials = Objects.requireNonNull(materials, "materials");
        this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
        this.live = Objects.requireNonNull(live, "live");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A session someone took part in, with its case. */
    public record SessionRef(String sessionId, String caseNumber, String applicantId, String helperId, Long endedAt) {
        String otherParty(String principalId) {
            return principalId.equals(applicantId) ? helperId : applicantId;
        }
    }

    /**
     * The session if the principal is its applicant or helper.
     *
     * @throws ApiError 404 otherwise (a session of someone else is not told apart from none)
     */
    public SessionRef sessionOf(Principal p, String sessionId) {
        Optional<LiveSession> s = live.session(sessionId).filter(x -> x.involves(p.id()));
        if (s.isPresent()) {
            LiveSession ls = s.get();
            String number = feed.sessions().find(ls.id()).map(SessionRecord::caseNumber)
                    .orElseGet(() -> store.write("the case of session " + ls.id(), c -> feed.caseOf(c, ls)));
            return new SessionRef(ls.id(), number, ls.applicantId(), ls.helperId(), null);
        }
        return feed.sessions().find(sessionId).filter(r -> r.involves(p.id()))
                .map(r -> new SessionRef(r.sessionId(), r.caseNumber(), r.applicantId(), r.helperId(), r.endedAt()))
                .orElseThrow(() -> ApiError.notFound("you took part in no session '" + sessionId + "'"));
    }

    // ---- files ----

    /** A file sent in a session, as recorded. */
    public record Uploaded(Material material, String caseNumber) {
    }

    /**
     * Stores a file sent in a session and links it to the session's case; tells the other party.
     *
     * @throws org.bangban.materials.MaterialException {@code empty}, {@code too_large}, {@code type_not_allowed},
     *                                                 {@code invalid}: nothing recorded
     */
    public Uploaded upload(Principal p, String sessionId, String fileName, InputStream content) {
        SessionRef ref = sessionOf(p, sessionId);
        MaterialUpload upload = new MaterialUpload(ref.caseNumber(), ref.sessionId(), fileName, p.id(), p.role(), null);
        StoredContent stored = materials.receive(content);
        Material m = store.write("a material of session " + ref.sessionId(), c -> {
            Material added = materials.add(c, new NewMaterial(upload, stored));
            cases.append(c, ref.caseNumber(), Actor.of(p), CaseEventType.MATERIAL_ADDED, FeedPayloads.materialAdded(added));
            return added;
        });
        ObjectNode push = codec.event("material.added");
        push.put("sessionId", ref.sessionId());
        push.put("materialId", m.id());
        push.put("name", m.fileName());
        push.put("mediaType", m.mediaType());
        push.put("size", m.sizeBytes());
        push.put("from", p.id());
        bus.deliver(ref.otherParty(p.id()), push.toString());
        return new Uploaded(m, ref.caseNumber());
    }

    // ---- ratings ----

    /** A rating as recorded, with the session's case. */
    public record Rating(Rated rated, String caseNumber) {
    }

    /**
     * Records the applicant's rating of an ended session: {@code level} 1..5 (or a level name), optional {@code
     * tags} (codes) and {@code comment}.
     *
     * @throws EvaluationException {@code forbidden} (not the applicant), {@code window_closed},
     *                             {@code already_rated}, {@code invalid_input}, {@code unknown_tag},
     *                             {@code invalid_text}: nothing recorded
     * @throws ApiError            404 for a session one took no part in, 409 while it is live
     */
    public Rating rate(Principal p, String sessionId, JsonNode body) {
        SessionRef ref = sessionOf(p, sessionId);
        RatingLevel level = level(body.get("level"));
        Set<RatingTag> tags = RatingTag.ofCodes(tags(body.get("tags")));
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw ApiError.invalid("'comment' must be text");
        }
        if (ref.endedAt() == null) {
            throw new ApiError(409, "session_live", "session " + sessionId + " is still going on; rate it after it"
                    + " ended");
        }
        NewRating rating = new NewRating(ref.sessionId(), ref.caseNumber(), ref.applicantId(), ref.helperId(),
                Instant.ofEpochMilli(ref.endedAt()), org.bangban.evaluation.Actor.of(p), level, tags,
                comment == null || comment.isNull() ? null : comment.asText());
        Instant now = clock.instant();
        Rated rated = store.write("the rating of session " + ref.sessionId(), c -> {
            Rated r = evaluations.rate(c, rating, now);
            cases.append(c, ref.caseNumber(), Actor.of(p), CaseEventType.EVALUATION_RECEIVED,
                    FeedPayloads.evaluationReceived(r.evaluation()));
            if (r.followUp() != null) {
                cases.append(c, ref.caseNumber(), Actor.SYSTEM, CaseEventType.FOLLOW_UP,
                        FeedPayloads.followUpOpened(r.followUp()));
            }
            return r;
        });
        return new Rating(rated, ref.caseNumber());
    }

    private static RatingLevel level(JsonNode n) {
        if (n == null || n.isNull()) throw ApiError.invalid("'level' is required: 1 (非常不满意) to 5 (非常满意)");
        if (n.isInt()) return RatingLevel.ofScore(n.asInt());
        if (n.isTextual()) return RatingLevel.ofName(n.asText().toUpperCase(Locale.ROOT));
        throw ApiError.invalid("'level' must be a whole number from 1 (非常不满意) to 5 (非常满意)");
    }

    private static List<String> tags(JsonNode n) {
        List<String> codes = new ArrayList<>();
        if (n == null || n.isNull()) return codes;
        if (!n.isArray()) throw ApiError.invalid("'tags' must be a list of tag codes, e.g. [\"long_wait\"]");
        for (JsonNode t : n) {
            if (!t.isTextual()) throw ApiError.invalid("'tags' must be a list of tag codes, e.g. [\"long_wait\"]");
            codes.add(t.asText());
        }
        return codes;
    }
}
