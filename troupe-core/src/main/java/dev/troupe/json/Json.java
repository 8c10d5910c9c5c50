package dev.troupe.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapper shared by the runtime (state, arguments, schedules) and the transports, which must
 * read and write values as the runtime does. Configured once for strict input (unknown properties and
 * trailing tokens fail) and ISO-8601 dates.
 */
public final class Json {
    /*
     * Jackson recycles its parse and generate buffers (about 16 KB) per thread by default. Turns,
     * gateway requests and replies run on short-lived virtual threads, which defeat that: each
     * allocated fresh buffers, the largest single cost of serialising an HTTP answer in the http
     * benchmark's profile. A shared pool recycles them whatever the thread.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Arguments from remote callers: no coercion between JSON kinds ("5" is not a number, 1.5 not a long). */
    private static final JsonMapper ARGUMENTS = strictScalars(MAPPER.rebuild()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build());

    private static JsonMapper strictScalars(JsonMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private Json() {
    }

    /** The shared mapper; thread-safe, do not reconfigure. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The mapper for decoding action arguments: strict about JSON kinds. Do not reconfigure. */
    public static JsonMapper argumentMapper() {
        return ARGUMENTS;
    }
}
