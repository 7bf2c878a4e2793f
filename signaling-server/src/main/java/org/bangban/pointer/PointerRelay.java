package org.bangban.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.bangban.identity.Principal;
import org.bangban.live.LiveSession;
import org.bangban.live.LiveState;
import org.bangban.live.MessageBus;
import org.bangban.protocol.Codec;
import org.bangban.protocol.ErrorCode;
import org.bangban.protocol.ProtocolException;

/**
 * {@code pointer.send}: the remote pointer 远程标注. The helper (or the applicant) of a live session sends a mark;
 * it goes to the other party as a {@code pointer} push through the message bus (so to any node). Marks are not
 * recorded: they are gestures, like the video itself; the per-connection rate limit bounds them.
 */
public final class PointerRelay {
    private final LiveState live;
    private final MessageBus bus;
    private final Codec codec;

    public PointerRelay(LiveState live, MessageBus bus, Codec codec) {
        this.live = live;
        this.bus = bus;
        this.codec = codec;
    }

    public ObjectNode send(Principal from, String sessionId, String op, String strokeId, String color, JsonNode points) {
        if (sessionId == null || sessionId.isBlank()) throw new ProtocolException(ErrorCode.INVALID, "'sessionId' is required");
        PointerMark mark;
        try {
            mark = PointerMark.parse(op, strokeId, color, points);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID, e.getMessage());
        }
        LiveSession s = live.session(sessionId).filter(x -> x.involves(from.id()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "you take part in no live session '" + sessionId + "'"));
        ObjectNode push = codec.event("pointer");
        push.put("sessionId", s.id());
        push.put("from", from.role().name().toLowerCase(Locale.ROOT));
        push.put("op", mark.op());
        if (mark.strokeId() != null) push.put("strokeId", mark.strokeId());
        if (mark.color() != null) push.put("color", mark.color());
        ArrayNode pts = push.putArray("points");
        for (double[] p : mark.points()) pts.addArray().add(p[0]).add(p[1]);
        bus.deliver(from.id().equals(s.applicantId()) ? s.helperId() : s.applicantId(), push.toString());
        return null;
    }
}
