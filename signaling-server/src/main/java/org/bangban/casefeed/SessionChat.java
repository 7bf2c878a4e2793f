package org.bangban.casefeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bangban.identity.Principal;
import org.bangban.live.LiveSession;
import org.bangban.live.LiveState;
import org.bangban.live.MessageBus;
import org.bangban.protocol.Codec;
import org.bangban.protocol.ErrorCode;
import org.bangban.protocol.ProtocolException;
import org.bangban.store.RecordStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chat.send}: the applicant or the helper of a live session writes to the other. The message is a CHAT event
 * of the session's case, durable before the sender's {@code ok}; then it is pushed as {@code chat.message} through
 * the message bus (so to any node) to both parties and to the supervisors monitoring the session — known from the
 * case's SUPERVISOR_ACTION events, so a supervisor on any node gets it.
 */
public final class SessionChat {
    private static final Logger log = LoggerFactory.getLogger(SessionChat.class);

    private final LiveState live;
    private final MessageBus bus;
    private final Codec codec;
    private final CaseFeed feed;

    public SessionChat(LiveState live, MessageBus bus, Codec codec, CaseFeed feed) {
        this.live = live;
        this.bus = bus;
        this.codec = codec;
        this.feed = feed;
    }

    public ObjectNode send(Principal from, String sessionId, String text) {
        if (sessionId == null || sessionId.isBlank()) throw new ProtocolException(ErrorCode.INVALID, "'sessionId' is required");
        String checked;
        try {
            checked = ChatText.check(text);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID, e.getMessage());
        }
        LiveSession s = live.session(sessionId).filter(x -> x.involves(from.id()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "you take part in no live session '" + sessionId + "'"));
        CaseFeed.ChatRecorded recorded;
        try {
            recorded = feed.recordChat(s, from.id(), from.role(), checked);
        } catch (RecordStoreException e) {
            log.error("chat message of {} in session {} was not recorded: {}", from.id(), s.id(), e.toString(), e);
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "the message was not sent: the case log cannot be"
                    + " written just now; send it again in a moment");
        }
        ObjectNode push = codec.event("chat.message");
        push.put("sessionId", s.id());
        push.put("from", from.id());
        push.put("role", from.role().name().toLowerCase(java.util.Locale.ROOT));
        push.put("text", checked);
        push.put("at", recorded.event().at().toEpochMilli());
        push.put("seq", recorded.event().seq());
        String json = push.toString();
        Set<String> to = new LinkedHashSet<>();
        to.add(s.applicantId());
        to.add(s.helperId());
        to.addAll(recorded.monitoringSupervisors());
        for (String p : to) bus.deliver(p, json);
        ObjectNode ok = codec.mapper().createObjectNode();
        ok.put("seq", recorded.event().seq());
        ok.put("at", recorded.event().at().toEpochMilli());
        ok.put("caseNumber", recorded.caseNumber());
        return ok;
    }
}
