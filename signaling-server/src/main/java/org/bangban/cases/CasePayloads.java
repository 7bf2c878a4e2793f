package org.bangban.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bangban.queue.GreenReason;
import org.bangban.queue.PriorityClass;

/**
 * The JSON payloads of the event types that change a case: written by {@link CaseWorkflow} and {@link Cases},
 * read back by {@link CaseReplay}. One place for the field names, so writer and reader cannot drift apart.
 * Enum values are stored by name.
 */
public final class CasePayloads {
    public static final String KIND = "kind";
    public static final String STATE = "state";
    public static final String PRIORITY = "priority";
    public static final String GREEN_REASON = "greenReason";
    public static final String CHANNEL = "channel";
    public static final String ITEM_ID = "itemId";
    public static final String DEPARTMENT = "department";
    public static final String APPLICANT_ID = "applicantId";
    public static final String REQUEST_ID = "requestId";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String NOTE = "note";
    public static final String RESULT = "result";
    public static final String REASON = "reason";
    public static final String HELPER_ID = "helperId";
    public static final String ROLE = "role";
    public static final String FIELDS = "fields";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CasePayloads() {
    }

    /** An empty payload to fill in. */
    public static ObjectNode object() {
        return JSON.objectNode();
    }

    /** {@link CaseEventType#CREATED}: what the case was opened as (no real-name data, ever). */
    public static ObjectNode created(CaseStatus status, Channel channel, GreenReason greenReason, String itemId,
                                     String department, String applicantId, String requestId) {
        ObjectNode p = object();
        p.put(KIND, status.kind().name());
        p.put(STATE, status.state().name());
        p.put(PRIORITY, status.priority().name());
        putIfPresent(p, GREEN_REASON, greenReason == null ? null : greenReason.name());
        p.put(CHANNEL, channel.name());
        p.put(ITEM_ID, itemId);
        putIfPresent(p, DEPARTMENT, department);
        p.put(APPLICANT_ID, applicantId);
        putIfPresent(p, REQUEST_ID, requestId);
        return p;
    }

    /** {@link CaseEventType#STATE_CHANGED} and {@link CaseEventType#CONVERTED}. */
    public static ObjectNode stateChanged(CaseState from, CaseState to, String note) {
        ObjectNode p = object();
        p.put(FROM, from.name());
        p.put(TO, to.name());
        putIfPresent(p, NOTE, note);
        return p;
    }

    /** {@link CaseEventType#RESULT_RECORDED}. */
    public static ObjectNode resultRecorded(CaseResult result, String note) {
        ObjectNode p = object();
        p.put(RESULT, result.name());
        putIfPresent(p, NOTE, note);
        return p;
    }

    /** {@link CaseEventType#TERMINATED}. */
    public static ObjectNode terminated(CaseState from, TerminationReason reason, String note) {
        ObjectNode p = object();
        p.put(FROM, from.name());
        p.put(REASON, reason.name());
        putIfPresent(p, NOTE, note);
        return p;
    }

    /** {@link CaseEventType#HELPER_ASSIGNED}. */
    public static ObjectNode helperAssigned(String helperId, HelperRole role) {
        ObjectNode p = object();
        p.put(HELPER_ID, helperId);
        p.put(ROLE, role.name());
        return p;
    }

    /** {@link CaseEventType#TRANSFERRED}: from the previous primary helper (null if none) to the new one. */
    public static ObjectNode transferred(String fromHelperId, String toHelperId, String note) {
        ObjectNode p = object();
        putIfPresent(p, FROM, fromHelperId);
        p.put(TO, toHelperId);
        putIfPresent(p, NOTE, note);
        return p;
    }

    /** The text of a field, or null when absent or JSON null. */
    public static String text(JsonNode payload, String field) {
        JsonNode v = payload == null ? null : payload.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An enum field; null when absent. */
    public static <E extends Enum<E>> E enumValue(JsonNode payload, String field, Class<E> type) {
        String v = text(payload, field);
        return v == null ? null : Enum.valueOf(type, v);
    }

    /** The priority of a CREATED payload (NORMAL when absent). */
    static PriorityClass priority(JsonNode created) {
        PriorityClass p = enumValue(created, PRIORITY, PriorityClass.class);
        return p == null ? PriorityClass.NORMAL : p;
    }

    private static void putIfPresent(ObjectNode p, String field, String value) {
        if (value != null) p.put(field, value);
    }
}
