package dev.troupe.server.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a request that every transport shares: the actor address, the creation mode,
 * connection params and JSON documents. Every failure is a {@link TroupeException} with the precise
 * catalogue code. Internal API; stateless and thread-safe.
 */
public final class Targets {
    /** Strict JSON for requests and frames: duplicate object keys and trailing tokens are errors. */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Targets() {
    }

    /**
     * The address of {@code type} (which must be registered) and the key parts.
     *
     * @throws TroupeException {@code actor/type_not_found} or {@code request/invalid_key}
     */
    public static Address address(ActorHost host, String type, List<String> keyParts) {
        host.type(type);
        return new Address(type, Key.of(keyParts));
    }

    /**
     * The creation mode from a {@code mode} query value: absent or {@code getOrCreate} creates on first
     * use, {@code get} refuses.
     *
     * @throws TroupeException {@code request/invalid_request} for another value
     */
    public static CreateMode mode(@Nullable String value, CreateMode absent) {
        if (value == null) {
            return absent;
        }
        return switch (value) {
            case "get" -> CreateMode.GET;
            case "getOrCreate" -> CreateMode.GET_OR_CREATE;
            default -> throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "mode must be 'get' or 'getOrCreate', got '" + value + "'", Map.of("mode", value));
        };
    }

    /**
     * Parses a JSON document whose strings must be well-formed Unicode (no unpaired surrogate escapes).
     *
     * @throws TroupeException {@code request/invalid_json} naming the problem and position
     */
    public static JsonNode parse(String text) {
        try {
            return wellFormed(READER.readTree(text));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * Parses a JSON document from bytes that must be strictly UTF-8 (see {@link WellFormedText}).
     *
     * @throws TroupeException {@code request/invalid_json}
     */
    public static JsonNode parse(byte[] utf8) {
        try {
            // Plain ASCII is read as bytes, the fast path; anything else is decoded strictly first, so that
            // neither Jackson's lenient UTF-8 decoding nor its UTF-16/32 detection applies.
            return wellFormed(WellFormedText.isPlainAscii(utf8) ? READER.readTree(utf8)
                    : READER.readTree(WellFormedText.decode(utf8)));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INVALID_JSON, "unreadable JSON: " + e.getMessage());
        }
    }

    private static JsonNode wellFormed(@Nullable JsonNode node) {
        return node == null ? Json.mapper().missingNode() : WellFormedText.requireWellFormed(node);
    }

    private static TroupeException malformed(JsonProcessingException e) {
        return new TroupeException(ErrorCode.INVALID_JSON, "malformed JSON: " + e.getOriginalMessage() + location(e));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /**
     * Connection params: a JSON object (absent or null = none), as plain Java values.
     *
     * @throws TroupeException {@code request/invalid_request} if not an object
     */
    public static Map<String, Object> params(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "params must be a JSON object");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            Object value = Json.mapper().convertValue(e.getValue(), Object.class);
            if (value != null) {
                params.put(e.getKey(), value);
            }
        });
        return params;
    }

    /**
     * {@code query} (a raw query string, without {@code ?}) without the parameters whose names {@code hidden} matches,
     * the others kept as sent, in order.
     *
     * @throws TroupeException {@code request/invalid_request} if a parameter name is not percent-encoded
     *                         correctly
     */
    public static String withoutParameters(String query, java.util.function.Predicate<String> hidden) {
        if (query.isEmpty()) {
            return query;
        }
        java.util.StringJoiner kept = new java.util.StringJoiner("&");
        for (String part : query.split("&", -1)) {
            String name = part.split("=", 2)[0];
            try {
                name = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "the query string is malformed: " + e.getMessage());
            }
            if (!hidden.test(name)) {
                kept.add(part);
            }
        }
        return kept.toString();
    }
}
