package org.bangban.caseapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangban.cases.CaseHelper;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.Cases;
import org.bangban.http.ApiCall;
import org.bangban.http.ApiError;
import org.bangban.http.ApiModule;
import org.bangban.http.ApiReply;
import org.bangban.http.ApiRouter;
import org.bangban.identity.Principal;
import org.bangban.identity.Role;
import org.bangban.materials.ChecklistEntry;
import org.bangban.materials.Material;
import org.bangban.materials.MaterialAccess;
import org.bangban.materials.MaterialContent;
import org.bangban.materials.MaterialException;
import org.bangban.materials.MaterialUpload;
import org.bangban.materials.Materials;
import org.bangban.queue.ServiceItem;
import org.bangban.store.ServiceItems;

/**
 * Materials 材料 of cases and the 代办 materials checklists 材料清单 of items (docs/api.md, "Materials"): staff
 * uploads to a case, the case's checklist status, downloads, and the supervisors' checklist management.
 */
final class MaterialApi implements ApiModule {
    private final Cases cases;
    private final Materials materials;
    private final ServiceItems items;
    private final VisibleCases visible;
    private final CaseWork work;

    MaterialApi(Cases cases, Materials materials, ServiceItems items, VisibleCases visible, CaseWork work) {
        this.cases = cases;
        this.materials = materials;
        this.items = items;
        this.visible = visible;
        this.work = work;
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/api/cases/{number}/materials", this::list);
        router.post("/api/cases/{number}/materials", this::upload);
        router.get("/api/cases/{number}/checklist", this::caseChecklist);
        router.get("/api/materials/{id}", this::download);
        router.get("/api/items/{id}/checklist", this::itemChecklist);
        router.put("/api/items/{id}/checklist", this::setItemChecklist);
    }

    private ApiReply list(ApiCall call) {
        CaseRecord r = visible.visible(call.require(), call.param("number"));
        ObjectNode n = call.newObject();
        n.put("caseNumber", r.number());
        n.set("materials", CaseViews.materials(materials.forCase(r.number())));
        return ApiReply.ok(n);
    }

    /** Raw body, {@code ?name=} the file name, {@code ?checklistKey=} the checklist entry it fulfils. */
    private ApiReply upload(ApiCall call) {
        Principal p = call.require(Role.HELPER, Role.SUPERVISOR);
        CaseRecord r = visible.workable(p, call.param("number"));
        long max = materials.files().maxBytes();
        if (call.contentLength() > max) {
            throw new MaterialException(MaterialException.Code.TOO_LARGE, "the file is " + call.contentLength()
                    + " bytes, more than the " + max + " bytes a material may have; nothing was stored");
        }
        String key = call.query("checklistKey").orElse(null);
        if (key != null) {
            List<ChecklistEntry> checklist = materials.checklist(r.itemId());
            if (checklist.stream().noneMatch(e -> e.key().equals(key))) {
                throw ApiError.invalid("'checklistKey' " + key + " is not on the checklist of item " + r.itemId()
                        + " (see GET /api/cases/" + r.number() + "/checklist); nothing was stored");
            }
        }
        MaterialUpload upload = new MaterialUpload(r.number(), null, call.query("name").orElse(null), p.id(), p.role(),
                key);
        Material m = work.addMaterial(upload, call.body(), p);
        return new ApiReply.Json(201, CaseViews.material(m), Map.of("Location", "/api/materials/" + m.id()));
    }

    private ApiReply caseChecklist(ApiCall call) {
        CaseRecord r = visible.visible(call.require(), call.param("number"));
        return ApiReply.ok(CaseViews.checklistStatus(materials.checklistStatus(r.number(), r.itemId())));
    }

    /**
     * The bytes, verified against their checksum, for those {@link MaterialAccess} allows; 404 for a material of a
     * case the caller may not see (like a missing one), 403 for one whose case it sees but whose files it may not
     * read (a team-mate who is not a helper of the case).
     */
    private ApiReply download(ApiCall call) throws IOException {
        Principal p = call.require();
        String id = call.param("id");
        Optional<Material> found = materials.find(id);
        ApiError missing = ApiError.notFound("there is no material " + id + "; check the id (materials are listed"
                + " with their case)");
        if (found.isEmpty()) throw missing;
        CaseRecord r = cases.find(found.get().caseNumber()).orElseThrow(() -> missing);
        List<String> helperIds = r.helpers().stream().map(CaseHelper::helperId).toList();
        if (!MaterialAccess.canRead(p.id(), p.role(), r.applicantId(), helperIds)) {
            if (!CaseAccess.canSee(visible.teams().viewerOf(p), r.applicantId(), r.helpers())) throw missing;
            throw ApiError.forbidden("the files of case " + r.number() + " are for its applicant, its helpers and"
                    + " supervisors");
        }
        byte[] bytes;
        Material m;
        try (MaterialContent content = materials.open(id)) {
            m = content.material();
            bytes = content.readAllBytes();
        }
        return new ApiReply.Bytes(200, m.mediaType(), bytes, Map.of(
                "Content-Disposition", ContentDisposition.attachment(m.fileName()),
                "X-Content-Type-Options", "nosniff"));
    }

    private ApiReply itemChecklist(ApiCall call) {
        ServiceItem item = item(call.param("id"));
        return ApiReply.ok(CaseViews.checklist(item.id(), materials.checklist(item.id())));
    }

    /** Body {@code {"entries":[{key, nameZh, nameEn?, required?, sort?}]}}; replaces the list (empty removes it). */
    private ApiReply setItemChecklist(ApiCall call) {
        call.require(Role.SUPERVISOR);
        ServiceItem item = item(call.param("id"));
        if (!item.delegable()) {
            throw new ApiError(409, "not_delegable", "item " + item.id() + " is not on the list of items that may be"
                    + " delegated (清单制管理); a materials checklist is kept for 代办 items only");
        }
        JsonNode entries = call.json().get("entries");
        if (entries == null || !entries.isArray()) {
            throw ApiError.invalid("'entries' must be a list of {key, nameZh, nameEn, required, sort}");
        }
        List<ChecklistEntry> list = new ArrayList<>();
        int i = 0;
        for (JsonNode e : entries) {
            if (!e.isObject()) throw ApiError.invalid("entry " + i + " of 'entries' is not an object");
            JsonNode sort = e.get("sort");
            if (sort != null && !sort.isNull() && !sort.canConvertToInt()) {
                throw ApiError.invalid("'sort' of entry " + i + " must be a whole number");
            }
            list.add(new ChecklistEntry(ApiCall.text(e, "key"), ApiCall.text(e, "nameZh"),
                    ApiCall.optionalText(e, "nameEn").orElse(null), e.path("required").asBoolean(true),
                    sort == null || sort.isNull() ? i : sort.asInt()));
            i++;
        }
        materials.setChecklist(item.id(), list);
        return ApiReply.ok(CaseViews.checklist(item.id(), materials.checklist(item.id())));
    }

    private ServiceItem item(String id) {
        return items.findById(id).orElseThrow(() -> ApiError.notFound("there is no service item '" + id
                + "'; see GET /api/items"));
    }
}
