package org.bangban.caseapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bangban.http.ApiCall;
import org.bangban.http.ApiError;

/** Reading enum values from query parameters and JSON fields, refusing unknown ones with the known ones listed. */
final class Params {
    private Params() {
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("'" + field + "' is '" + value + "'; use one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static <E extends Enum<E>> E queryEnum(ApiCall call, Class<E> type, String name) {
        Optional<String> v = call.query(name);
        return v.isEmpty() ? null : enumOf(type, name, v.get());
    }

    static <E extends Enum<E>> E requiredEnum(JsonNode body, Class<E> type, String field) {
        return enumOf(type, field, ApiCall.text(body, field));
    }

    static <E extends Enum<E>> E optionalEnum(JsonNode body, Class<E> type, String field) {
        Optional<String> v = ApiCall.optionalText(body, field);
        return v.isEmpty() ? null : enumOf(type, field, v.get());
    }
}
