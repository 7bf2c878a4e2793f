package org.bangban.casefeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bangban.evaluation.FollowUp;
import org.bangban.http.ApiCall;
import org.bangban.http.ApiModule;
import org.bangban.http.ApiReply;
import org.bangban.http.ApiRouter;
import org.bangban.identity.Principal;
import org.bangban.materials.Material;

/**
 * The REST endpoints of a session (docs/api.md, "Sessions"): a file sent in it, and the applicant's rating of it.
 */
public final class SessionApi implements ApiModule {
    private final SessionRecords records;

    public SessionApi(SessionRecords records) {
        this.records = records;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/api/sessions/{sessionId}/materials", this::upload);
        router.post("/api/sessions/{sessionId}/evaluation", this::rate);
    }

    private ApiReply upload(ApiCall call) {
        Principal p = call.require();
        SessionRecords.Uploaded u = records.upload(p, call.param("sessionId"), call.query("name").orElse(null),
                call.body());
        Material m = u.material();
        ObjectNode n = call.newObject();
        n.put("materialId", m.id());
        n.put("name", m.fileName());
        n.put("mediaType", m.mediaType());
        n.put("size", m.sizeBytes());
        n.put("sha256", m.sha256());
        n.put("caseNumber", u.caseNumber());
        return ApiReply.created(n);
    }

    private ApiReply rate(ApiCall call) {
        Principal p = call.require();
        SessionRecords.Rating r = records.rate(p, call.param("sessionId"), call.json());
        var e = r.rated().evaluation();
        ObjectNode n = call.newObject();
        n.put("evaluationId", e.id());
        n.put("sessionId", e.sessionId());
        n.put("caseNumber", r.caseNumber());
        n.put("level", e.level().score());
        n.put("levelName", e.level().name());
        n.put("bad", e.isBad());
        FollowUp f = r.rated().followUp();
        if (f != null) {
            ObjectNode fu = n.putObject("followUp");
            fu.put("id", f.id());
            fu.put("contactDueAt", f.contactDueAt().toString());
            fu.put("rectifyDueAt", f.rectifyDueAt().toString());
        }
        return ApiReply.created(n);
    }
}
