package org.bangban.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads client messages and writes server messages of protocol v1. Pure: no I/O. */
public final class Codec {
    private final ObjectMapper mapper;

    public Codec(ObjectMapper mapper) {
        this.mapper = mapper.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The outcome of reading one text frame: a message, or an error that still knows the client's id. */
    public sealed interface Read permits Read.Message, Read.Failure { 
        record Message(ClientMessage message) implements Read { }
        record Failure(String id, ErrorCode code, String message) implements Read { }
    }

    public Read read(String text) {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new Read.Failure(null, ErrorCode.MALFORMED, "not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            return new Read.Failure(null, ErrorCode.MALFORMED, "a message must be a JSON object");
        }
        JsonNode idNode = tree.get("id");
        String id = idNode != null && idNode.isValueNode() ? idNode.asText() : null;
        if (id == null || id.isEmpty() || id.length() > 64) {
            return new Read.Failure(null, ErrorCode.INVALID, "every message needs an 'id': a string of 1 to 64 characters");
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            return new Read.Failure(id, ErrorCode.UNKNOWN_TYPE, "every message needs a 'type' string");
        }
        try {
            return new Read.Message(mapper.treeToValue(tree, ClientMessage.class));
        } catch (InvalidTypeIdException e) {
            return new Read.Failure(id, ErrorCode.UNKNOWN_TYPE, "unknown message type '" + type.asText() + "'");
        } catch (JsonProcessingException e) {
            return new Read.Failure(id, ErrorCode.INVALID, "a field has the wrong shape: " + e.getOriginalMessage());
        }
    }

    /** A new server message of the given type. */
    public ObjectNode event(String type) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", type);
        return n;
    }

    /** The reply to the client's message {@code id}. */
    public ObjectNode ok(String id) {
        ObjectNode n = event("ok");
        n.put("id", id);
        return n;
    }

    public String error(String id, ErrorCode code, String message) {
        ObjectNode n = event("error");
        if (id != null) n.put("id", id);
        n.put("code", code.wire());
        n.put("message", message);
        return n.toString();
    }

    public String write(ObjectNode node) {
        return node.toString();
    }
}
