package org.bangban.caseapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangban.cases.Actor;
import org.bangban.cases.CaseAction;
import org.bangban.cases.CaseEvent;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.CaseException;
import org.bangban.cases.CasePage;
import org.bangban.cases.CaseQuery;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.CaseResult;
import org.bangban.cases.CaseState;
import org.bangban.cases.Cases;
import org.bangban.cases.Channel;
import org.bangban.cases.HelperRole;
import org.bangban.cases.NewCase;
import org.bangban.cases.RealName;
import org.bangban.cases.TerminationReason;
import org.bangban.casefeed.CaseSessions;
import org.bangban.evaluation.Evaluations;
import org.bangban.http.ApiCall;
import org.bangban.http.ApiError;
import org.bangban.http.ApiModule;
import org.bangban.http.ApiReply;
import org.bangban.http.ApiRouter;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.materials.Materials;
import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;
import org.bangban.queue.ServiceItem;
import org.bangban.queue.ServiceKind;
import org.bangban.store.RecordStore;
import org.bangban.store.ServiceItems;

/**
 * The case log's endpoints (docs/api.md, "Cases"): search, one case with everything about it, an applicant's own
 * cases, staff-entered cases, workflow actions and helper assignment.
 */
final class CaseApi implements ApiModule {
    private final RecordStore store;
    private final Cases cases;
    private final Materials materials;
    private final Evaluations evaluations;
    private final CaseSessions sessions;
    private final ServiceItems items;
    private final VisibleCases visible;
    private final Clock clock;

    CaseApi(RecordStore store, Cases cases, Materials materials, Evaluations evaluations, CaseSessions sessions,
            ServiceItems items, VisibleCases visible, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.materials = materials;
        this.evaluations = evaluations;
        this.sessions = sessions;
        this.items = items;
        this.visible = visible;
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/api/cases", this::search);
        router.post("/api/cases", this::enter);
        router.get("/api/my/cases", this::mine);
        router.get("/api/cases/{number}", this::one);
        router.post("/api/cases/{number}/actions", this::act);
        router.post("/api/cases/{number}/helpers", this::assign);
    }

    // ---- reading ----

    private ApiReply search(ApiCall call) {
        Principal p = call.require();
        CaseQuery q = CaseQuery.all()
                .withNumber(call.query("number").map(String::toUpperCase).orElse(null))
                .withApplicant(call.query("applicant").orElse(null))
                .withItem(call.query("item").orElse(null))
                .withDepartment(call.query("department").orElse(null))
                .withState(Params.queryEnum(call, CaseState.class, "state"))
                .withKind(Params.queryEnum(call, ServiceKind.class, "kind"))
                .withChannel(Params.queryEnum(call, Channel.class, "channel"))
                .withHelper(call.query("helper").orElse(null))
                .createdBetween(dayStart(call, "from", 0), dayStart(call, "to", 1));
        CaseAccess.Scope scope = CaseAccess.searchScope(visible.teams().viewerOf(p));
        if (scope instanceof CaseAccess.OfHelpers h) {
            q = q.withinHelpers(h.helperIds());
        } else if (scope instanceof CaseAccess.OfApplicant a) {
            if (q.applicantId() != null && !q.applicantId().equals(a.applicantId())) return page(call, List.of(), 0, false, q);
            q = q.withApplicant(a.applicantId());
        }
        return pageOf(call, q);
    }

    private ApiReply mine(ApiCall call) {
        Principal p = call.require(Role.APPLICANT);
        return pageOf(call, CaseQuery.all().withApplicant(p.id()));
    }

    private ApiReply pageOf(ApiCall call, CaseQuery q) {
        int offset = call.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        int limit = call.queryInt("limit", CaseQuery.DEFAULT_LIMIT, 1, CaseQuery.MAX_LIMIT);
        CasePage page = cases.search(q.page(offset, limit));
        return page(call, page.cases(), offset, page.more(), q.page(offset, limit));
    }

    private ApiReply page(ApiCall call, List<CaseRecord> found, int offset, boolean more, CaseQuery q) {
        ObjectNode n = call.newObject();
        ArrayNode list = n.putArray("cases");
        for (CaseRecord r : found) list.add(CaseViews.caseSummary(r));
        List<JsonNode> helpers = new java.util.ArrayList<>();
        list.forEach(c -> helpers.add(c.get("helpers")));
        visible.teams().addNames(helpers.toArray(JsonNode[]::new));
        n.put("offset", offset);
        n.put("limit", q.limit());
        n.put("more", more);
        return ApiReply.ok(n);
    }

    /** The start of a day given as an ISO date in the service zone ({@code plusDays} 1 makes "to" inclusive). */
    private Instant dayStart(ApiCall call, String name, int plusDays) {
        Optional<String> v = call.query(name);
        if (v.isEmpty()) return null;
        try {
            return LocalDate.parse(v.get()).plusDays(plusDays).atStartOfDay(cases.zone()).toInstant();
        } catch (DateTimeException e) {
            throw ApiError.invalid("'" + name + "' must be an ISO date like 2026-11-26, was '" + v.get() + "'");
        }
    }

    private ApiReply one(ApiCall call) {
        Principal p = call.require();
        CaseAccess.Viewer v = visible.teams().viewerOf(p);
        CaseRecord r = visible.visible(v, call.param("number"));
        Optional<String> reveal = call.query("reveal");
        RealName plain = null;
        if (reveal.isPresent()) {
            if (!"realName".equals(reveal.get())) {
                throw ApiError.invalid("'reveal' takes only the value realName, was '" + reveal.get() + "'");
            }
            if (!CaseAccess.canReveal(v, r.helpers())) {
                throw ApiError.forbidden("the plain real-name data of case " + r.number() + " is shown only to a"
                        + " supervisor or a current helper of the case");
            }
            plain = cases.revealRealName(r.number(), Actor.of(p));
        }
        RealName shown = plain;
        ObjectNode n = store.read("case " + r.number() + " with its records", c -> {
            CaseRecord now = cases.find(c, r.number()).orElseThrow(() -> VisibleCases.notFound(r.number()));
            ObjectNode view = CaseViews.caseSummary(now);
            if (shown != null) view.set("realName", CaseViews.plainRealName(shown));
            List<CaseEvent> events = cases.events(c, r.number());
            view.set("events", CaseViews.events(events));
            view.set("materials", CaseViews.materials(materials.forCase(c, r.number())));
            ArrayNode sessionList = view.putArray("sessions");
            sessions.ofCase(c, r.number()).forEach(s -> sessionList.add(CaseViews.session(s)));
            ArrayNode evals = view.putArray("evaluations");
            evaluations.forCase(c, r.number()).forEach(e -> evals.add(CaseViews.evaluation(e)));
            return view;
        });
        visible.teams().addNames(n.get("helpers"), n.get("sessions"));
        return ApiReply.ok(n);
    }

    // ---- writing ----

    /** A case entered by staff: from a service hall, a home visit, a partner outlet, or online. */
    private ApiReply enter(ApiCall call) {
        Principal p = call.require(Role.HELPER, Role.SUPERVISOR);
        JsonNode body = call.json();
        Channel channel = Params.requiredEnum(body, Channel.class, "channel");
        ServiceKind kind = Params.requiredEnum(body, ServiceKind.class, "kind");
        String applicantId = ApiCall.text(body, "applicantId").strip();
        if (applicantId.startsWith(Principal.STAFF_PREFIX)) {
            throw ApiError.invalid("'applicantId' is the applicant's pseudonymous id (guest:…, portal:… or another"
                    + " pseudonym), not a staff account");
        }
        String itemId = ApiCall.text(body, "itemId").strip();
        ServiceItem item = items.findActiveById(itemId).orElseThrow(() -> ApiError.invalid("there is no active service"
                + " item '" + itemId + "'; see GET /api/items"));
        PriorityClass priority = Optional.ofNullable(Params.optionalEnum(body, PriorityClass.class, "priority"))
                .orElse(PriorityClass.NORMAL);
        GreenReason green = Params.optionalEnum(body, GreenReason.class, "greenReason");
        String helperId;
        if (p.role() == Role.HELPER) {
            if (ApiCall.optionalText(body, "helperId").filter(h -> !h.equals(p.id())).isPresent()) {
                throw ApiError.forbidden("a helper enters cases for itself; a supervisor assigns other helpers");
            }
            helperId = p.id();
        } else {
            helperId = ApiCall.optionalText(body, "helperId").orElse(null);
            if (helperId != null && visible.teams().helper(helperId).isEmpty()) {
                throw ApiError.invalid("'helperId' " + helperId + " is not an enabled helper account");
            }
        }
        NewCase.Builder b = NewCase.builder(applicantId, item.id(), kind, channel).department(item.department())
                .itemDelegable(item.delegable()).realName(realName(body.get("realName")))
                .description(ApiCall.optionalText(body, "description").orElse(null)).helper(helperId);
        if (priority == PriorityClass.GREEN || green != null) {
            if (priority != PriorityClass.GREEN) {
                throw ApiError.invalid("a 'greenReason' goes with the priority GREEN (绿色通道) only");
            }
            if (green == null) throw ApiError.invalid("a GREEN (绿色通道) case needs a 'greenReason': "
                    + java.util.Arrays.toString(GreenReason.values()));
            b.green(green);
        }
        CaseRecord r = cases.open(b.build(), Actor.of(p));
        return new ApiReply.Json(201, CaseViews.caseSummary(r), Map.of("Location", "/api/cases/" + r.number()));
    }

    private RealName realName(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw ApiError.invalid("'realName' must be an object {name, idNumber, phone}");
        String name = ApiCall.optionalText(n, "name").orElse(null);
        String id = ApiCall.optionalText(n, "idNumber").orElse(null);
        String phone = ApiCall.optionalText(n, "phone").orElse(null);
        if (id != null) {
            String problem = RealNameFormats.idNumberProblem(id, LocalDate.now(clock.withZone(cases.zone())));
            if (problem != null) throw ApiError.invalid("'realName.idNumber': " + problem);
            id = RealNameFormats.normaliseIdNumber(id);
        }
        if (phone != null) {
            String problem = RealNameFormats.phoneProblem(phone);
            if (problem != null) throw ApiError.invalid("'realName.phone': " + problem);
        }
        return new RealName(name, id, phone);
    }

    /** One workflow action or a note; an illegal one is 409 with what is possible instead, and writes nothing. */
    private ApiReply act(ApiCall call) {
        Principal p = call.require(Role.HELPER, Role.SUPERVISOR);
        CaseRecord r = visible.workable(p, call.param("number"));
        JsonNode body = call.json();
        String action = ApiCall.text(body, "action");
        String note = ApiCall.optionalText(body, "note").orElse(null);
        CaseAction a;
        switch (action) {
            case "advance":
                a = new CaseAction.Advance(Params.requiredEnum(body, CaseState.class, "to"), note);
                break;
            case "terminate":
                a = new CaseAction.Terminate(Params.requiredEnum(body, TerminationReason.class, "reason"), note);
                break;
            case "result":
                a = new CaseAction.RecordResult(Params.requiredEnum(body, CaseResult.class, "result"), note);
                break;
            case "convert":
                a = new CaseAction.ConvertToDelegation(items.findById(r.itemId()).map(ServiceItem::delegable)
                        .orElse(false), note);
                break;
            case "note":
                if (note == null) throw ApiError.invalid("a note action needs a 'note'");
                ObjectNode payload = CaseViews.object().put("note", CaseAction.checkedNote(note));
                cases.append(r.number(), Actor.of(p), CaseEventType.NOTE, payload);
                return ApiReply.ok(CaseViews.caseSummary(cases.get(r.number())));
            default:
                throw ApiError.invalid("'action' is one of advance, terminate, result, convert, note; was '" + action + "'");
        }
        try {
            return ApiReply.ok(CaseViews.caseSummary(cases.apply(r.number(), Actor.of(p), a)));
        } catch (CaseException e) {
            if (e.error() != CaseException.Code.ILLEGAL_TRANSITION && e.error() != CaseException.Code.NOT_DELEGABLE) {
                throw e;
            }
            CaseRecord now = cases.get(r.number());
            ObjectNode details = CaseViews.object();
            details.put("state", now.state().name());
            details.set("next", CaseViews.next(now.status()));
            throw new ApiError(409, e.code(), e.getMessage(), details);
        }
    }

    /** A supervisor adds a helper (PRIMARY or ASSISTING) or transfers the case to a new primary helper. */
    private ApiReply assign(ApiCall call) {
        Principal p = call.require(Role.SUPERVISOR);
        CaseRecord r = visible.visible(p, call.param("number"));
        JsonNode body = call.json();
        String helperId = ApiCall.text(body, "helperId").strip();
        if (visible.teams().helper(helperId).isEmpty()) {
            throw ApiError.invalid("'helperId' " + helperId + " is not an enabled helper account");
        }
        boolean transfer = body.path("transfer").asBoolean(false);
        CaseRecord after;
        if (transfer) {
            after = cases.transfer(r.number(), Actor.of(p), helperId,
                    ApiCall.optionalText(body, "note").orElse(null));
        } else {
            HelperRole role = Params.requiredEnum(body, HelperRole.class, "role");
            after = cases.addHelper(r.number(), Actor.of(p), helperId, role);
        }
        return ApiReply.ok(CaseViews.caseSummary(after));
    }
}
