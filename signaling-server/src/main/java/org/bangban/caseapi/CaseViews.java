package org.bangban.caseapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.bangban.cases.CaseEvent;
import org.bangban.cases.CaseHelper;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.CaseState;
import org.bangban.cases.CaseWorkflow;
import org.bangban.cases.CaseStatus;
import org.bangban.cases.Labelled;
import org.bangban.cases.MaskedRealName;
import org.bangban.cases.RealName;
import org.bangban.casefeed.CaseSessions;
import org.bangban.casefeed.SessionRecord;
import org.bangban.evaluation.Appeal;
import org.bangban.evaluation.CaseEvaluation;
import org.bangban.evaluation.Evaluation;
import org.bangban.evaluation.FollowUp;
import org.bangban.evaluation.RatingTag;
import org.bangban.evaluation.StepRecord;
import org.bangban.materials.ChecklistEntry;
import org.bangban.materials.ChecklistStatus;
import org.bangban.materials.Material;

/** The JSON shapes of the case API (docs/api.md): one place, so every endpoint shows a thing the same way. */
final class CaseViews {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CaseViews() {
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    /** A case as listed: its data with masked real-name data, helpers and what can be done next. */
    static ObjectNode caseSummary(CaseRecord r) {
        ObjectNode n = object();
        n.put("number", r.number());
        n.put("applicantId", r.applicantId());
        n.set("realName", maskedRealName(r.realName()));
        n.put("itemId", r.itemId());
        n.put("department", r.department());
        n.put("kind", r.kind().name());
        n.put("channel", r.channel().name());
        labelled(n, "channelZh", r.channel());
        n.put("priority", r.priority().name());
        n.put("greenReason", r.greenReason() == null ? null : r.greenReason().name());
        n.put("state", r.state().name());
        labelled(n, "stateZh", r.state());
        n.put("result", r.result() == null ? null : r.result().name());
        n.put("terminationReason", r.terminationReason() == null ? null : r.terminationReason().name());
        n.put("description", r.description());
        n.put("requestId", r.requestId());
        n.put("createdBy", r.createdBy());
        n.put("createdAt", time(r.createdAt()));
        n.put("updatedAt", time(r.updatedAt()));
        n.put("closedAt", time(r.closedAt()));
        n.put("lastSeq", r.lastSeq());
        ArrayNode helpers = n.putArray("helpers");
        for (CaseHelper h : r.helpers()) {
            helpers.addObject().put("helperId", h.helperId()).put("role", h.role().name()).put("since", time(h.since()));
        }
        n.set("next", next(r.status()));
        return n;
    }

    /** What the case can do from its state: advance targets, result, conversion, termination. */
    static ObjectNode next(CaseStatus s) {
        ObjectNode n = object();
        ArrayNode states = n.putArray("advanceTo");
        for (CaseState to : CaseWorkflow.allowedNext(s)) states.add(to.name());
        n.put("recordResult", CaseWorkflow.canRecordResult(s));
        n.put("convert", CaseWorkflow.canConvert(s));
        n.put("terminate", CaseWorkflow.canTerminate(s));
        return n;
    }

    static ObjectNode maskedRealName(MaskedRealName m) {
        ObjectNode n = object();
        MaskedRealName v = m == null ? MaskedRealName.NONE : m;
        n.put("name", v.name());
        n.put("idNumber", v.idNumber());
        n.put("phone", v.phone());
        n.put("masked", true);
        return n;
    }

    static ObjectNode plainRealName(RealName p) {
        ObjectNode n = object();
        n.put("name", p.name());
        n.put("idNumber", p.idNumber());
        n.put("phone", p.phone());
        n.put("masked", false);
        return n;
    }

    static ObjectNode event(CaseEvent e) {
        ObjectNode n = object();
        n.put("seq", e.seq());
        n.put("at", time(e.at()));
        n.put("actorId", e.actorId());
        n.put("actorRole", e.actorRole().name());
        n.put("type", e.type().name());
        n.set("payload", e.payload());
        return n;
    }

    static ArrayNode events(List<CaseEvent> events) {
        ArrayNode a = JSON.arrayNode();
        for (CaseEvent e : events) a.add(event(e));
        return a;
    }

    /** An assistance session of a case (its {@code case_session} row). */
    static ObjectNode session(SessionRecord s) {
        ObjectNode n = object();
        n.put("sessionId", s.sessionId());
        n.put("requestId", s.requestId());
        n.put("applicantId", s.applicantId());
        n.put("helperId", s.helperId());
        n.put("itemId", s.itemId());
        n.put("department", s.department());
        n.put("queue", s.queue());
        n.put("kind", s.kind().name());
        n.put("priority", s.priority().name());
        n.put("requestedAt", millis(s.requestedAt()));
        n.put("startedAt", millis(s.startedAt()));
        n.put("waitMs", s.waitMs());
        n.put("endedAt", millis(s.endedAt()));
        n.put("talkMs", s.talkMs());
        n.put("wrapUpMs", s.wrapUpMs());
        n.put("endReason", s.endReason());
        n.put("endedBy", s.endedBy());
        ArrayNode media = n.putArray("media");
        CaseSessions.ordered(s.media()).forEach(media::add);
        return n;
    }

    static ObjectNode material(Material m) {
        ObjectNode n = object();
        n.put("id", m.id());
        n.put("caseNumber", m.caseNumber());
        n.put("sessionId", m.sessionId());
        n.put("fileName", m.fileName());
        n.put("type", m.type().name());
        n.put("mediaType", m.mediaType());
        n.put("sizeBytes", m.sizeBytes());
        n.put("sha256", m.sha256());
        n.put("checklistKey", m.checklistKey());
        n.put("uploadedBy", m.uploadedBy());
        n.put("uploaderRole", m.uploaderRole().name());
        n.put("createdAt", millis(m.createdAt()));
        n.put("download", "/api/materials/" + m.id());
        return n;
    }

    static ArrayNode materials(List<Material> materials) {
        ArrayNode a = JSON.arrayNode();
        for (Material m : materials) a.add(material(m));
        return a;
    }

    static ObjectNode checklistEntry(ChecklistEntry e) {
        ObjectNode n = object();
        n.put("key", e.key());
        n.put("nameZh", e.nameZh());
        n.put("nameEn", e.nameEn());
        n.put("required", e.required());
        n.put("sort", e.sort());
        return n;
    }

    static ObjectNode checklist(String itemId, List<ChecklistEntry> entries) {
        ObjectNode n = object();
        n.put("itemId", itemId);
        ArrayNode a = n.putArray("entries");
        for (ChecklistEntry e : entries) a.add(checklistEntry(e));
        return n;
    }

    static ObjectNode checklistStatus(ChecklistStatus s) {
        ObjectNode n = object();
        n.put("caseNumber", s.caseNumber());
        n.put("itemId", s.itemId());
        n.put("complete", s.complete());
        ArrayNode a = n.putArray("entries");
        for (ChecklistStatus.EntryStatus es : s.entries()) {
            ObjectNode e = checklistEntry(es.entry());
            e.put("satisfied", es.satisfied());
            ArrayNode ids = e.putArray("materialIds");
            es.materialIds().forEach(ids::add);
            a.add(e);
        }
        ArrayNode missing = n.putArray("missingRequired");
        for (ChecklistEntry e : s.missingRequired()) missing.add(e.key());
        return n;
    }

    static ObjectNode evaluation(CaseEvaluation ce) {
        Evaluation e = ce.evaluation();
        ObjectNode n = object();
        n.put("id", e.id());
        n.put("sessionId", e.sessionId());
        n.put("caseNumber", e.caseNumber());
        n.put("helperId", e.helperId());
        n.put("level", e.level().name());
        n.put("levelZh", e.level().labelZh());
        n.put("score", e.level().score());
        n.put("bad", e.isBad());
        ArrayNode tags = n.putArray("tags");
        for (RatingTag t : RatingTag.values()) if (e.tags().contains(t)) tags.add(t.code());
        n.put("comment", e.comment());
        n.put("createdAt", time(e.createdAt()));
        n.put("excluded", e.excluded());
        if (e.secondRating() == null) {
            n.putNull("secondRating");
        } else {
            n.putObject("secondRating").put("level", e.secondRating().level().name())
                    .put("score", e.secondRating().level().score()).put("comment", e.secondRating().comment())
                    .put("createdAt", time(e.secondRating().createdAt()));
        }
        if (ce.followUp() == null) n.putNull("followUp");
        else n.set("followUp", followUp(ce.followUp(), ce.history(), null));
        return n;
    }

    /**
     * A follow-up of a bad rating.
     *
     * @param history its steps, or null to leave them out
     * @param now     the time "overdue" is judged at, or null to leave it out
     */
    static ObjectNode followUp(FollowUp f, List<StepRecord> history, Instant now) {
        ObjectNode n = object();
        n.put("id", f.id());
        n.put("evaluationId", f.evaluationId());
        n.put("caseNumber", f.caseNumber());
        n.put("helperId", f.helperId());
        n.put("state", f.state().name());
        n.put("openedAt", time(f.openedAt()));
        n.put("contactDueAt", time(f.contactDueAt()));
        n.put("rectifyDueAt", time(f.rectifyDueAt()));
        n.put("dueAt", time(f.dueAt()));
        if (now != null) n.put("overdue", f.isOverdue(now));
        n.put("contactedAt", time(f.contactedAt()));
        n.put("verifiedAt", time(f.verifiedAt()));
        n.put("rectifiedAt", time(f.rectifiedAt()));
        n.put("reportedBackAt", time(f.reportedBackAt()));
        n.put("closedAt", time(f.closedAt()));
        n.put("closeReason", f.closeReason() == null ? null : f.closeReason().name());
        Appeal a = f.appeal();
        if (a == null) {
            n.putNull("appeal");
        } else {
            n.putObject("appeal").put("by", a.byId()).put("reason", a.reason()).put("at", time(a.at()))
                    .put("decision", a.decision() == null ? null : a.decision().name())
                    .put("decidedBy", a.decidedById()).put("decidedAt", time(a.decidedAt()))
                    .put("note", a.decisionNote());
        }
        if (history != null) {
            ArrayNode h = n.putArray("history");
            for (StepRecord s : history) {
                h.addObject().put("seq", s.seq()).put("at", time(s.at())).put("actorId", s.actorId())
                        .put("actorRole", s.actorRole().name()).put("step", s.step().name()).put("note", s.note());
            }
        }
        return n;
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String millis(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static void labelled(ObjectNode n, String field, Labelled l) {
        n.put(field, l.zh());
    }
}
