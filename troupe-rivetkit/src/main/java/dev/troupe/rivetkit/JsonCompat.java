package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;

/**
 * RivetKit's JSON "compat" form of values ({@code encodeJsonCompatValue} and {@code
 * reviveJsonCompatValue} in rivetkit 2.3.19's {@code common/encoding.ts}), both ways. Values JSON lacks
 * travel as two-element arrays tagged by a string starting with {@code $}: {@code ["$BigInt","12"]},
 * {@code ["$Uint8Array",base64]}, {@code ["$ArrayBuffer",base64]}, {@code ["$Undefined",0]} and
 * {@code ["$Set",[…]]}; a user's own two-element array whose first element starts with {@code $}
 * gets one more {@code $} ({@code ["$x",1]} travels as {@code ["$$x",1]}). Arrays of another length
 * are never tagged or escaped.
 *
 * <p>Troupe's values are JSON trees: a bigint becomes an integer node, bytes a binary node, a set an
 * array, undefined null. Going out, an integer a JavaScript number cannot hold exactly (beyond
 * ±(2<sup>53</sup>−1)) becomes a {@code $BigInt}, so it arrives exact. Stateless and thread-safe.
 */
final class JsonCompat {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final BigInteger MAX_SAFE = BigInteger.valueOf(MAX_SAFE_INTEGER);
    private static final BigInteger MIN_SAFE = MAX_SAFE.negate();

    private JsonCompat() {
    }

    /**
     * The value a compat-form tree stands for.
     *
     * @throws TroupeException {@code request/invalid_request} for an unknown {@code $} tag or a malformed
     *                         tagged value (bad digits, bad base64)
     */
    static JsonNode revive(JsonNode wire) {
        if (wire.isArray()) {
            if (isTagged(wire)) {
                return reviveTagged(wire.get(0).asText(), wire.get(1));
            }
            ArrayNode out = NODES.arrayNode(wire.size());
            wire.forEach(element -> out.add(revive(element)));
            return out;
        }
        if (wire.isObject()) {
            ObjectNode out = NODES.objectNode();
            wire.properties().forEach(field -> out.set(field.getKey(), revive(field.getValue())));
            return out;
        }
        return wire;
    }

    /** The compat form of a value, as RivetKit's client revives it. */
    static JsonNode encode(JsonNode value) {
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode(value.size());
            value.forEach(element -> out.add(encode(element)));
            if (isTagged(out)) {
                out.set(0, NODES.textNode("$" + out.get(0).asText()));
            }
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = NODES.objectNode();
            value.properties().forEach(field -> out.set(field.getKey(), encode(field.getValue())));
            return out;
        }
        if (value.isBinary()) {
            return tag("$Uint8Array", NODES.textNode(Base64.getEncoder().encodeToString(binary(value))));
        }
        if (value.isIntegralNumber() && !isSafe(value)) {
            return tag("$BigInt", NODES.textNode(value.bigIntegerValue().toString()));
        }
        return value;
    }

    /** The compat form of a non-negative id, always a {@code $BigInt} (RivetKit's schema wants a bigint). */
    static JsonNode bigInt(long id) {
        return tag("$BigInt", NODES.textNode(Long.toString(id)));
    }

    private static boolean isTagged(JsonNode array) {
        return array.size() == 2 && array.get(0).isTextual() && array.get(0).asText().startsWith("$");
    }

    private static boolean isSafe(JsonNode integral) {
        if (integral.canConvertToLong()) {
            long value = integral.longValue();
            return value <= MAX_SAFE_INTEGER && value >= -MAX_SAFE_INTEGER;
        }
        BigInteger value = integral.bigIntegerValue();
        return value.compareTo(MAX_SAFE) <= 0 && value.compareTo(MIN_SAFE) >= 0;
    }

    private static JsonNode reviveTagged(String tag, JsonNode value) {
        return switch (tag) {
            case "$BigInt" -> {
                BigInteger integer = bigInteger(value);
                yield integer.bitLength() < Long.SIZE ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
            }
            case "$Uint8Array", "$ArrayBuffer" -> NODES.binaryNode(base64(tag, value));
            case "$Undefined" -> NODES.nullNode();
            case "$Set" -> {
                if (!value.isArray()) {
                    throw malformed(tag, "an array");
                }
                yield revive(value);
            }
            default -> {
                if (!tag.startsWith("$$")) {
                    throw new TroupeException(ErrorCode.INVALID_REQUEST, "unknown JSON compat tag '" + tag
                            + "'; a two-element array whose first element starts with '$' must be a RivetKit tag"
                            + " ($BigInt, $Uint8Array, $ArrayBuffer, $Undefined, $Set) or escaped with '$$'",
                            Map.of("tag", tag));
                }
                ArrayNode out = NODES.arrayNode(2);
                out.add(tag.substring(1));
                out.add(revive(value));
                yield out;
            }
        };
    }

    private static BigInteger bigInteger(JsonNode value) {
        String digits = value.isTextual() ? value.asText() : "";
        if (!digits.matches("-?\\d{1,400}")) {
            throw malformed("$BigInt", "a string of decimal digits");
        }
        return new BigInteger(digits);
    }

    private static byte[] base64(String tag, JsonNode value) {
        if (!value.isTextual()) {
            throw malformed(tag, "a base64 string");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw malformed(tag, "a base64 string");
        }
    }

    private static byte[] binary(JsonNode value) {
        try {
            return value.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a binary node always has bytes", e);
        }
    }

    private static ArrayNode tag(String tag, JsonNode value) {
        ArrayNode out = NODES.arrayNode(2);
        out.add(tag);
        out.add(value);
        return out;
    }

    private static TroupeException malformed(String tag, String expected) {
        return new TroupeException(ErrorCode.INVALID_REQUEST, "a " + tag + " value must be " + expected,
                Map.of("tag", tag));
    }
}
