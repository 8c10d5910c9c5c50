package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.CanonicalJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON as the client speaks it: the mapper for arguments and results (ISO-8601 dates, as the server),
 * the canonical form and checksum of views (see {@code docs/protocol.md}), and wire errors. Stateless.
 */
final class WireJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private WireJson() {
    }

    /** The lower-case hex SHA-256 of the tree's canonical JSON (the gateway's own definition). */
    static String checksum(JsonNode tree) {
        return CanonicalJson.checksum(tree);
    }

    /**
     * The exception for an error frame, whose status is not on the wire: the catalogue status of its
     * code, 400 for other {@code user} and {@code request} errors, else 500.
     */
    static TroupeException frameError(JsonNode frame) {
        String group = frame.path("group").asText();
        String code = frame.path("code").asText();
        int status = group.equals("user") || group.equals("request") ? 400 : 500;
        for (ErrorCode known : ErrorCode.values()) {
            if (known.group().equals(group) && known.code().equals(code)) {
                status = known.status();
            }
        }
        return error(frame, status);
    }

    /** The JSON of an answer's body; null if it is empty or not JSON (the status then tells what happened). */
    static @Nullable JsonNode parse(String text) {
        try {
            return text.isEmpty() ? null : MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The exception for a wire error body {@code {"group","code","message","metadata"}}; a body that is
     * not one becomes {@code actor/internal_error} naming the status.
     */
    static TroupeException error(@Nullable JsonNode body, int status) {
        if (body != null && body.hasNonNull("group") && body.hasNonNull("code")) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            JsonNode meta = body.get("metadata");
            if (meta != null && meta.isObject()) {
                meta.properties().forEach(e -> {
                    Object value = MAPPER.convertValue(e.getValue(), Object.class);
                    if (value != null) {
                        metadata.put(e.getKey(), value);
                    }
                });
            }
            ActorError error = new ActorError(body.get("group").asText(), body.get("code").asText(),
                    body.path("message").asText(""), metadata);
            return new TroupeException(error, status);
        }
        return new TroupeException(new ActorError(ErrorCode.INTERNAL_ERROR.group(), ErrorCode.INTERNAL_ERROR.code(),
                "the server answered " + status + " without an error body", Map.of("status", status)), status);
    }
}
