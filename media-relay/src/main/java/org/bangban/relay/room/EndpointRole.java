package org.bangban.relay.room;

/**
 * How an endpoint takes part in a room. A participant (applicant, helper) sends and receives; an
 * observer (a supervisor monitoring) receives, and nothing it sends is forwarded unless the
 * routing names it explicitly (whisper, barge-in) — and then only its microphone.
 */
public enum EndpointRole {
    PARTICIPANT,
    OBSERVER
}
