package org.bangban.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every message a client sends over the WebSocket (protocol v1, docs/protocol.md). Each carries a client-chosen
 * {@code id} that the server echoes in its reply ({@code ok} or {@code error}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.AuthGuest.class, name = "auth.guest"),
        @JsonSubTypes.Type(value = ClientMessage.AuthToken.class, name = "auth.token"),
        @JsonSubTypes.Type(value = ClientMessage.AuthPortal.class, name = "auth.portal"),
        @JsonSubTypes.Type(value = ClientMessage.AuthLogin.class, name = "auth.login"),
        @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ClientMessage.ItemsList.class, name = "items.list"),
        @JsonSubTypes.Type(value = ClientMessage.RequestCreate.class, name = "request.create"),
        @JsonSubTypes.Type(value = ClientMessage.RequestCancel.class, name = "request.cancel"),
        @JsonSubTypes.Type(value = ClientMessage.CallbackCreate.class, name = "callback.create"),
        @JsonSubTypes.Type(value = ClientMessage.PresenceSet.class, name = "presence.set"),
        @JsonSubTypes.Type(value = ClientMessage.OfferAccept.class, name = "offer.accept"),
        @JsonSubTypes.Type(value = ClientMessage.OfferDecline.class, name = "offer.decline"),
        @JsonSubTypes.Type(value = ClientMessage.WrapUpEnd.class, name = "wrapup.end"),
        @JsonSubTypes.Type(value = ClientMessage.SessionEnd.class, name = "session.end"),
        @JsonSubTypes.Type(value = ClientMessage.SessionTransfer.class, name = "session.transfer"),
        @JsonSubTypes.Type(value = ClientMessage.MediaOffer.class, name = "media.offer"),
        @JsonSubTypes.Type(value = ClientMessage.MediaAnswer.class, name = "media.answer"),
        @JsonSubTypes.Type(value = ClientMessage.MediaRestart.class, name = "media.restart"),
        @JsonSubTypes.Type(value = ClientMessage.MonitorStart.class, name = "monitor.start"),
        @JsonSubTypes.Type(value = ClientMessage.MonitorModeSet.class, name = "monitor.mode"),
        @JsonSubTypes.Type(value = ClientMessage.MonitorStop.class, name = "monitor.stop"),
        @JsonSubTypes.Type(value = ClientMessage.ChatSend.class, name = "chat.send"),
        @JsonSubTypes.Type(value = ClientMessage.PointerSend.class, name = "pointer.send"),
        @JsonSubTypes.Type(value = ClientMessage.WallboardSubscribe.class, name = "wallboard.subscribe"),
        @JsonSubTypes.Type(value = ClientMessage.WallboardUnsubscribe.class, name = "wallboard.unsubscribe"),
})
public sealed interface ClientMessage {
    String id();

    /** An applicant without a portal token: the server issues a guest identity and a session token. */
    record AuthGuest(String id) implements ClientMessage { }

    /** Resume with a session token the server issued before (guest or staff), e.g. after a reconnect. */
    record AuthToken(String id, String token) implements ClientMessage { }

    /** An applicant signed in on the portal: the portal's signed JWT. */
    record AuthPortal(String id, String portalToken) implements ClientMessage { }

    /** A helper or supervisor logs in with username and password. */
    record AuthLogin(String id, String username, String password) implements ClientMessage { }

    /** Heartbeat; the reply carries the server time. */
    record Ping(String id) implements ClientMessage { }

    /** The service items 事项 an applicant may ask about. */
    record ItemsList(String id) implements ClientMessage { }

    /**
     * An applicant asks for help.
     *
     * @param item          service item id
     * @param kind          "assist" (帮办) or "delegate" (代办)
     * @param language      e.g. "zh" (default) or "en"
     * @param green         green-channel reason: "elderly", "disability", "key_project"; null for normal
     * @param preferredHelper a helper id the applicant would like; optional
     * @param description   short description, at most 500 characters
     */
    record RequestCreate(String id, String item, String kind, String language, String green,
                         String preferredHelper, String description) implements ClientMessage { }

    /** The applicant stops waiting. */
    record RequestCancel(String id, String requestId) implements ClientMessage { }

    /** A callback request 预约 after the applicant was offered one (or by choice). */
    record CallbackCreate(String id, String item, String kind, String language, String contact,
                          String preferredTime, String note, String reason) implements ClientMessage { }

    /** A helper sets its state: "available", "away" or "offline". */
    record PresenceSet(String id, String status) implements ClientMessage { }

    record OfferAccept(String id, String requestId) implements ClientMessage { }

    record OfferDecline(String id, String requestId, String reason) implements ClientMessage { }

    /** A helper ends its wrap-up early. */
    record WrapUpEnd(String id) implements ClientMessage { }

    record SessionEnd(String id, String sessionId) implements ClientMessage { }

    /** A helper hands a live session to another helper ({@code toHelper}) or a skill group ({@code toGroup}). */
    record SessionTransfer(String id, String sessionId, String toHelper, String toGroup, String note)
            implements ClientMessage { }

    /**
     * The browser's offer for what it publishes in a session (its publish connection). {@code sources} says
     * what each sending m-line carries: mid → "microphone", "camera" or "screen". The reply carries the relay's
     * answer.
     */
    record MediaOffer(String id, String sessionId, String sdp, java.util.Map<String, String> sources)
            implements ClientMessage { }

    /** The browser's answer to the relay's offer for what it receives (a {@code media.offer} push). */
    record MediaAnswer(String id, String sessionId, String sdp) implements ClientMessage { }

    /** The browser's receiving connection failed: the relay makes a fresh offer with new ICE credentials. */
    record MediaRestart(String id, String sessionId) implements ClientMessage { }

    /** A supervisor starts silently monitoring a live session. */
    record MonitorStart(String id, String sessionId) implements ClientMessage { }

    /** A supervisor switches between "silent", "whisper" (to the helper) and "barge" (to both). */
    record MonitorModeSet(String id, String sessionId, String mode) implements ClientMessage { }

    /** A supervisor stops monitoring. */
    record MonitorStop(String id, String sessionId) implements ClientMessage { }

    /** The applicant or the helper of a live session writes in its chat (at most 2000 characters). */
    record ChatSend(String id, String sessionId, String text) implements ClientMessage { }

    /**
     * A remote-pointer mark 远程标注 on the applicant's shared screen, for the other party of a live session.
     *
     * @param op       point, stroke or clear
     * @param strokeId the stroke a stroke mark continues
     * @param color    #rrggbb, optional
     * @param points   [[x, y], …] as fractions (0..1) of the shared surface
     */
    record PointerSend(String id, String sessionId, String op, String strokeId, String color,
                       com.fasterxml.jackson.databind.JsonNode points) implements ClientMessage { }

    /** A supervisor's dashboard asks for the wallboard: a {@code wallboard} push now and on every change. */
    record WallboardSubscribe(String id) implements ClientMessage { }

    /** The dashboard no longer wants {@code wallboard} pushes. */
    record WallboardUnsubscribe(String id) implements ClientMessage { }
}
