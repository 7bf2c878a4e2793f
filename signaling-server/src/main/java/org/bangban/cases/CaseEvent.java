package org.bangban.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a case's log (table {@code case_event}): the {@code seq}-th thing that happened to case
 * {@code caseNumber} (1, 2, … without gaps), when, by whom, what. Events are append-only: never updated or
 * deleted. The payload's fields depend on the type (see {@link CaseEventType} and {@link CasePayloads}); the
 * accessor returns a copy, so an event cannot be changed through it.
 */
public record CaseEvent(String caseNumber, long seq, Instant at, String actorId, ActorRole actorRole,
                        CaseEventType type, ObjectNode payload) {
    public CaseEvent {
        Objects.requireNonNull(caseNumber, "case number");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorId, "actor id");
        Objects.requireNonNull(actorRole, "actor role");
        Objects.requireNonNull(type, "type");
        if (seq < 1) throw new IllegalArgumentException("event seq starts at 1, was " + seq);
        payload = payload == null ? CasePayloads.object() : payload.deepCopy();
    }

    /** A copy of the payload. */
    @Override
    public ObjectNode payload() {
        return payload.deepCopy();
    }

    public Actor actor() {
        return new Actor(actorId, actorRole);
    }
}
