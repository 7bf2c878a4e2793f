package org.bangban.caseapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bangban.evaluation.AppealDecision;
import org.bangban.evaluation.Evaluation;
import org.bangban.evaluation.Evaluations;
import org.bangban.evaluation.FollowUp;
import org.bangban.evaluation.FollowUpChange;
import org.bangban.evaluation.FollowUpFilter;
import org.bangban.evaluation.FollowUpStep;
import org.bangban.evaluation.RatingLevel;
import org.bangban.evaluation.SecondRated;
import org.bangban.http.ApiCall;
import org.bangban.http.ApiError;
import org.bangban.http.ApiModule;
import org.bangban.http.ApiReply;
import org.bangban.http.ApiRouter;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;

/**
 * The follow-up of bad ratings 差评 (docs/api.md, "Follow-ups"): the staff's list, the steps 回访 → 核实 → 整改 →
 * 反馈, appeals 申诉 and their decision by a supervisor, and the applicant's one 追评. Every step also appends a
 * FOLLOW_UP event to the case, in the same transaction.
 *
 * <p>Who: a supervisor sees and works every follow-up; a helper those of its team's ratings (the rated helper is in
 * its team), never taking a step on its own rating (it may appeal); others are answered 404 like a missing one.
 */
final class FollowUpApi implements ApiModule {
    /** How many follow-ups a helper's list looks through before keeping those of its team. */
    static final int HELPER_SCAN = 1000;

    private final Evaluations evaluations;
    private final Teams teams;
    private final CaseWork work;
    private final Clock clock;

    FollowUpApi(Evaluations evaluations, Teams teams, CaseWork work, Clock clock) {
        this.evaluations = evaluations;
        this.teams = teams;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/api/follow-ups", this::list);
        router.get("/api/follow-ups/{id}", this::one);
        router.post("/api/follow-ups/{id}/steps", this::step);
        router.post("/api/follow-ups/{id}/appeal", this::appeal);
        router.post("/api/follow-ups/{id}/appeal-decision", this::decide);
        router.post("/api/evaluations/{id}/second-rating", this::secondRating);
    }

    private ApiReply list(ApiCall call) {
        Principal p = call.require(Role.HELPER, Role.SUPERVISOR);
        String state = call.query("state").orElse("open").toLowerCase(Locale.ROOT);
        FollowUpFilter filter;
        switch (state) {
            case "open":
                filter = FollowUpFilter.OPEN;
                break;
            case "overdue":
                filter = FollowUpFilter.OVERDUE;
                break;
            case "all":
                filter = FollowUpFilter.ALL;
                break;
            default:
                throw ApiError.invalid("'state' is open, overdue or all; was '" + state + "'");
        }
        int offset = call.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        int limit = call.queryInt("limit", 50, 1, 200);
        Instant now = now();
        List<FollowUp> page;
        boolean more;
        if (p.role() == Role.SUPERVISOR) {
            List<FollowUp> found = evaluations.followUps(filter, now, offset, limit + 1);
            more = found.size() > limit;
            page = more ? found.subList(0, limit) : found;
        } else {
            CaseAccess.Viewer v = teams.viewerOf(p);
            List<FollowUp> ofTeam = evaluations.followUps(filter, now, 0, HELPER_SCAN).stream()
                    .filter(f -> v.team().contains(f.helperId())).toList();
            int from = Math.min(offset, ofTeam.size());
            int to = Math.min(ofTeam.size(), from + limit);
            page = ofTeam.subList(from, to);
            more = to < ofTeam.size();
        }
        ObjectNode n = call.newObject();
        ArrayNode a = n.putArray("followUps");
        for (FollowUp f : page) a.add(CaseViews.followUp(f, null, now));
        teams.addNames(a);
        n.put("state", state);
        n.put("offset", offset);
        n.put("limit", limit);
        n.put("more", more);
        return ApiReply.ok(n);
    }

    private ApiReply one(ApiCall call) {
        FollowUp f = visible(call.require(Role.HELPER, Role.SUPERVISOR), call.param("id"));
        ObjectNode n = CaseViews.followUp(f, evaluations.history(f.id()), now());
        teams.addNames(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(n));
        return ApiReply.ok(n);
    }

    /** Body {@code {"step": "CONTACT"|"VERIFY"|"RECTIFY"|"REPORT_BACK"|"CLOSE", "note"}}. */
    private ApiReply step(ApiCall call) {
        Principal p = call.require(Role.HELPER, Role.SUPERVISOR);
        FollowUp f = visible(p, call.param("id"));
        JsonNode body = call.json();
        FollowUpStep step = Params.requiredEnum(body, FollowUpStep.class, "step");
        return changed(work.step(f, p, step, ApiCall.optionalText(body, "note").orElse(null)));
    }

    /** Body {@code {"reason"}}. */
    private ApiReply appeal(ApiCall call) {
        Principal p = call.require(Role.HELPER, Role.SUPERVISOR);
        FollowUp f = visible(p, call.param("id"));
        return changed(work.appeal(f, p, ApiCall.text(call.json(), "reason")));
    }

    /** Body {@code {"decision": "UPHELD"|"REJECTED", "note"}}; supervisors only. */
    private ApiReply decide(ApiCall call) {
        Principal p = call.require(Role.SUPERVISOR);
        FollowUp f = visible(p, call.param("id"));
        JsonNode body = call.json();
        AppealDecision d = Params.requiredEnum(body, AppealDecision.class, "decision");
        return changed(work.decideAppeal(f, p, d, ApiCall.optionalText(body, "note").orElse(null)));
    }

    /** Body {@code {"level": "SATISFIED"…, "comment"}}; the applicant who gave the rating, with its token. */
    private ApiReply secondRating(ApiCall call) {
        Principal p = call.require(Role.APPLICANT);
        String id = call.param("id");
        Evaluation e = evaluations.find(id).filter(x -> x.applicantId().equals(p.id()))
                .orElseThrow(() -> ApiError.notFound("there is no rating " + id + " of yours"));
        JsonNode body = call.json();
        RatingLevel level = RatingLevel.ofName(ApiCall.text(body, "level"));
        SecondRated r = work.secondRating(id, e.caseNumber(), p, level, ApiCall.optionalText(body, "comment").orElse(null));
        ObjectNode n = call.newObject();
        n.put("evaluationId", id);
        n.put("level", r.rating().level().name());
        n.put("comment", r.rating().comment());
        n.put("createdAt", CaseViews.time(r.rating().createdAt()));
        n.put("followUpState", r.change().followUp().state().name());
        return ApiReply.ok(n);
    }

    private ApiReply changed(FollowUpChange change) {
        FollowUp f = change.followUp();
        ObjectNode n = CaseViews.followUp(f, evaluations.history(f.id()), now());
        teams.addNames(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(n));
        return ApiReply.ok(n);
    }

    /** The follow-up if the caller may see it: a supervisor any, a helper its team's; else 404. */
    private FollowUp visible(Principal p, String id) {
        FollowUp f = evaluations.findFollowUp(id).orElseThrow(() -> CaseWork.noFollowUp(id));
        if (p.role() == Role.SUPERVISOR) return f;
        if (p.role() == Role.HELPER && teams.viewerOf(p).team().contains(f.helperId())) return f;
        throw CaseWork.noFollowUp(id);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
