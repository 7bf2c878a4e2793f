package org.bangban.casefeed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import org.bangban.cases.CasePayloads;
import org.bangban.evaluation.Evaluation;
import org.bangban.evaluation.FollowUp;
import org.bangban.evaluation.RatingTag;
import org.bangban.live.LiveSession;
import org.bangban.materials.Material;

/**
 * The payloads of the case events the session feed appends (SESSION_STARTED, SESSION_ENDED, CHAT, MATERIAL_ADDED,
 * SUPERVISOR_ACTION, EVALUATION_RECEIVED, FOLLOW_UP): one place for their field names, for writers and readers.
 */
public final class FeedPayloads {
    public static final String SESSION_ID = "sessionId";
    public static final String SUPERVISOR_ID = "supervisorId";
    public static final String ACTION = "action";

    private FeedPayloads() {
    }

    static ObjectNode sessionStarted(LiveSession s, long waitMs, boolean continuation) {
        ObjectNode p = CasePayloads.object();
        p.put(SESSION_ID, s.id());
        p.put("requestId", s.request().id());
        p.put("applicantId", s.applicantId());
        p.put("helperId", s.helperId());
        p.put("itemId", s.request().item().id());
        p.put("requestedAt", s.request().arrivedAt());
        p.put("startedAt", s.startedAt());
        p.put("waitMs", waitMs);
        if (continuation) p.put("continuation", true);
        return p;
    }

    /**
     * SESSION_ENDED: who took part, the durations, the media.
     *
     * @param supervisors       supervisors who monitored (from the case's SUPERVISOR_ACTION events)
     * @param mediaByParticipant what each participant published, as far as this node saw it
     */
    static ObjectNode sessionEnded(SessionEnd e, SessionRecord row, Collection<String> supervisors,
                                   Map<String, ? extends Collection<String>> mediaByParticipant) {
        LiveSession s = e.session();
        ObjectNode p = CasePayloads.object();
        p.put(SESSION_ID, s.id());
        p.put("reason", e.reason());
        if (e.endedBy() != null) p.put("endedBy", e.endedBy());
        ArrayNode participants = p.putArray("participants");
        participant(participants, s.applicantId(), "APPLICANT", mediaByParticipant);
        participant(participants, s.helperId(), "HELPER", mediaByParticipant);
        for (String sup : supervisors) participant(participants, sup, "SUPERVISOR", mediaByParticipant);
        p.put("waitMs", row.waitMs());
        p.put("talkMs", Math.max(0, e.endedAt() - s.startedAt()));
        p.put("endedAt", e.endedAt());
        p.put("wrapUpUntil", e.wrapUpUntil());
        ArrayNode media = p.putArray("media");
        CaseSessions.ordered(row.media()).forEach(media::add);
        if (e.successor() != null) p.put("successorRequestId", e.successor().id());
        if (e.toHelper() != null) p.put("toHelper", e.toHelper());
        if (e.toGroup() != null) p.put("toGroup", e.toGroup());
        if (e.note() != null && !e.note().isBlank()) p.put("note", e.note());
        return p;
    }

    private static void participant(ArrayNode list, String id, String role,
                                    Map<String, ? extends Collection<String>> media) {
        ObjectNode n = list.addObject();
        n.put("id", id);
        n.put("role", role);
        ArrayNode used = n.putArray("media");
        Collection<String> m = media.get(id);
        if (m != null) CaseSessions.ordered(m).forEach(used::add);
    }

    static ObjectNode chat(String sessionId, String from, String role, String text) {
        ObjectNode p = CasePayloads.object();
        p.put(SESSION_ID, sessionId);
        p.put("from", from);
        p.put("role", role);
        p.put("text", text);
        return p;
    }

    static ObjectNode supervisorAction(String sessionId, String supervisorId, SupervisorAction action) {
        ObjectNode p = CasePayloads.object();
        p.put(SESSION_ID, sessionId);
        p.put(SUPERVISOR_ID, supervisorId);
        p.put(ACTION, action.name());
        return p;
    }

    static ObjectNode materialAdded(Material m) {
        ObjectNode p = CasePayloads.object();
        p.put("materialId", m.id());
        if (m.sessionId() != null) p.put(SESSION_ID, m.sessionId());
        p.put("name", m.fileName());
        p.put("mediaType", m.mediaType());
        p.put("size", m.sizeBytes());
        p.put("sha256", m.sha256());
        return p;
    }

    static ObjectNode evaluationReceived(Evaluation e) {
        ObjectNode p = CasePayloads.object();
        p.put("evaluationId", e.id());
        p.put(SESSION_ID, e.sessionId());
        p.put("helperId", e.helperId());
        p.put("level", e.level().name());
        p.put("score", e.level().score());
        ArrayNode tags = p.putArray("tags");
        for (RatingTag t : RatingTag.values()) if (e.tags().contains(t)) tags.add(t.code());
        if (e.comment() != null) p.put("comment", e.comment());
        p.put("bad", e.isBad());
        return p;
    }

    static ObjectNode followUpOpened(FollowUp f) {
        ObjectNode p = CasePayloads.object();
        p.put("followUpId", f.id());
        p.put("evaluationId", f.evaluationId());
        p.put("step", "OPEN");
        p.put("contactDueAt", f.contactDueAt().toString());
        p.put("rectifyDueAt", f.rectifyDueAt().toString());
        return p;
    }
}
