package org.bangban.cases;

/**
 * What a {@link CaseEvent} records. The types that change the case itself ({@link #changesCase()}) are written only
 * by {@link Cases} (open, apply, addHelper, transfer) and are what {@link CaseReplay} folds; every other type is
 * free for other features to append with {@link Cases#append}.
 */
public enum CaseEventType {
    /** The case was opened. Payload: see {@link CasePayloads#created}. */
    CREATED(true),
    /** The state moved along its flow. Payload {@code {from, to, note?}}. */
    STATE_CHANGED(true),
    /** A free-text note by staff. */
    NOTE(false),
    /** A helper was added to the case. Payload {@code {helperId, role}}. */
    HELPER_ASSIGNED(true),
    /** An assistance session started (session id, participants, media). */
    SESSION_STARTED(false),
    /** An assistance session ended (durations, media used). */
    SESSION_ENDED(false),
    /** Chat transcript of a session. */
    CHAT(false),
    /** A material 材料 was linked to the case. */
    MATERIAL_ADDED(false),
    /** The case moved from one primary helper to another. Payload {@code {from?, to, note?}}. */
    TRANSFERRED(true),
    /** A supervisor monitored, whispered, barged in or reviewed. */
    SUPERVISOR_ACTION(false),
    /** The result was recorded (or corrected). Payload {@code {result, note?}}. */
    RESULT_RECORDED(true),
    /** 服务终止. Payload {@code {from, reason, note?}}. */
    TERMINATED(true),
    /** A 帮办 case became a 代办 mandate. Payload {@code {from, to, note?}}. */
    CONVERTED(true),
    /** An applicant's rating 好差评 was received. */
    EVALUATION_RECEIVED(false),
    /** A step of a bad rating's follow-up (回访, 核实, 整改, 反馈, 追评, 申诉). */
    FOLLOW_UP(false),
    /** Somebody saw the applicant's unmasked real-name data. Payload {@code {fields}}. */
    REAL_NAME_VIEWED(false);

    private final boolean changesCase;

    CaseEventType(boolean changesCase) {
        this.changesCase = changesCase;
    }

    /** Whether this event changes the case row (state, kind, result, helpers): only {@link Cases} writes these. */
    public boolean changesCase() {
        return changesCase;
    }
}
