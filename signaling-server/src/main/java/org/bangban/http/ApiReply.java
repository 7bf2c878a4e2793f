package org.bangban.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What an API action answers: JSON, text (e.g. CSV) or bytes (e.g. a material), with a status and headers. */
public sealed interface ApiReply {
    int status();

    Map<String, String> headers();

    /** A JSON body. */
    record Json(int status, JsonNode body, Map<String, String> headers) implements ApiReply {
        public Json(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    /** A text body in UTF-8 with the given content type (charset added), e.g. CSV. */
    record Text(int status, String contentType, String body, Map<String, String> headers) implements ApiReply { }

    /** A binary body, e.g. a stored material. */
    record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) implements ApiReply { }

    static ApiReply ok(JsonNode body) {
        return new Json(200, body);
    }

    static ApiReply created(JsonNode body) {
        return new Json(201, body);
    }
}
