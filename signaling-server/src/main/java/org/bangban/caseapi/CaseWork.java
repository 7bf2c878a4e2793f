package org.bangban.caseapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.bangban.cases.Actor;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.Cases;
import org.bangban.evaluation.AppealDecision;
import org.bangban.evaluation.EvaluationException;
import org.bangban.evaluation.Evaluations;
import org.bangban.evaluation.FollowUp;
import org.bangban.evaluation.FollowUpChange;
import org.bangban.evaluation.FollowUpStep;
import org.bangban.evaluation.RatingLevel;
import org.bangban.evaluation.SecondRated;
import org.bangban.evaluation.StepRecord;
import org.bangban.identity.Principal;
import org.bangban.materials.Material;
import org.bangban.materials.MaterialUpload;
import org.bangban.materials.Materials;
import org.bangban.materials.NewMaterial;
import org.bangban.materials.StoredContent;
import org.bangban.store.RecordStore;

/**
 * The case API's writes that span repositories, each in ONE {@link RecordStore#write} transaction: a material and
 * its MATERIAL_ADDED case event; a follow-up step (回访, 核实, 整改, 反馈, 申诉 and its decision, 追评) and its
 * FOLLOW_UP case event. A refusal by any repository is thrown before anything is written, and a failure rolls
 * back both writes: never a material without its event, nor a step without its event.
 */
final class CaseWork {
    private final RecordStore store;
    private final Cases cases;
    private final Materials materials;
    private final Evaluations evaluations;
    private final Clock clock;

    CaseWork(RecordStore store, Cases cases, Materials materials, Evaluations evaluations, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.materials = materials;
        this.evaluations = evaluations;
        this.clock = clock;
    }

    /**
     * Receives the content (size and type checked, outside any transaction), then records the material and its
     * case event together.
     */
    Material addMaterial(MaterialUpload upload, InputStream content, Principal by) {
        StoredContent stored = materials.receive(content);
        return store.write("material '" + upload.fileName() + "' of case " + upload.caseNumber(), c -> {
            Material m = materials.add(c, new NewMaterial(upload, stored));
            ObjectNode p = CaseViews.object();
            p.put("materialId", m.id());
            p.put("fileName", m.fileName());
            p.put("type", m.type().name());
            p.put("sizeBytes", m.sizeBytes());
            p.put("sha256", m.sha256());
            if (m.checklistKey() != null) p.put("checklistKey", m.checklistKey());
            cases.append(c, upload.caseNumber(), Actor.of(by), CaseEventType.MATERIAL_ADDED, p);
            return m;
        });
    }

    /** A staff step of a follow-up (CONTACT, VERIFY, RECTIFY, REPORT_BACK, CLOSE) and its case event. */
    FollowUpChange step(FollowUp f, Principal by, FollowUpStep step, String note) {
        return store.write("the step " + step + " of follow-up " + f.id(), c -> recorded(c, f.caseNumber(), by,
                evaluations.advance(c, f.id(), org.bangban.evaluation.Actor.of(by), step, note, now())));
    }

    /** An appeal 申诉 by staff and its case event. */
    FollowUpChange appeal(FollowUp f, Principal by, String reason) {
        return store.write("an appeal on follow-up " + f.id(), c -> recorded(c, f.caseNumber(), by,
                evaluations.appeal(c, f.id(), org.bangban.evaluation.Actor.of(by), reason, now())));
    }

    /** A supervisor's decision on an appeal and its case event. */
    FollowUpChange decideAppeal(FollowUp f, Principal by, AppealDecision decision, String note) {
        return store.write("the decision on the appeal of follow-up " + f.id(), c -> recorded(c, f.caseNumber(), by,
                evaluations.decideAppeal(c, f.id(), org.bangban.evaluation.Actor.of(by), decision, note, now())));
    }

    /** The applicant's 追评 and its case event. */
    SecondRated secondRating(String evaluationId, String caseNumber, Principal by, RatingLevel level, String comment) {
        return store.write("the follow-up rating of evaluation " + evaluationId, c -> {
            SecondRated r = evaluations.addSecondRating(c, evaluationId, org.bangban.evaluation.Actor.of(by), level,
                    comment, now());
            ObjectNode p = payload(r.change());
            p.put("level", level.name());
            p.put("score", level.score());
            cases.append(c, caseNumber, Actor.of(by), CaseEventType.FOLLOW_UP, p);
            return r;
        });
    }

    private FollowUpChange recorded(Connection c, String caseNumber, Principal by, FollowUpChange change)
            throws SQLException {
        cases.append(c, caseNumber, Actor.of(by), CaseEventType.FOLLOW_UP, payload(change));
        return change;
    }

    /** The FOLLOW_UP event's payload: which follow-up, which step, where it is now. */
    private static ObjectNode payload(FollowUpChange change) {
        StepRecord s = change.step();
        ObjectNode p = CaseViews.object();
        p.put("followUpId", s.followUpId());
        p.put("evaluationId", change.followUp().evaluationId());
        p.put("step", s.step().name());
        p.put("stepSeq", s.seq());
        p.put("state", change.followUp().state().name());
        if (s.note() != null) p.put("note", s.note());
        return p;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /** Thrown for a follow-up nobody may learn exists. */
    static EvaluationException noFollowUp(String id) {
        return new EvaluationException(EvaluationException.NOT_FOUND, "there is no follow-up " + id);
    }
}
