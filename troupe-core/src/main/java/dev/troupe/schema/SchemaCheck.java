package dev.troupe.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a JSON value against a JSON Schema and says, in plain words, what does not fit: "expected an
 * integer, got a string", "at /text: missing the required field 'author'". The first problem found is
 * reported; the path is a JSON Pointer into the value.
 *
 * <p>Understands the keywords that describe the shape of data: {@code type} (a name or a list of
 * names), {@code enum}, {@code const}, {@code format} {@code int32} and {@code int64} (as ranges),
 * {@code minimum}, {@code maximum}, {@code minLength}, {@code maxLength}, {@code items},
 * {@code prefixItems}, {@code minItems}, {@code maxItems}, {@code properties}, {@code required} and
 * {@code additionalProperties}. Other keywords ({@code title}, {@code description}, other formats) are
 * annotations here and accept every value; so does the empty schema {@code {}}. As in JSON Schema, a
 * number with a zero fraction is an integer. Stateless and thread-safe.
 */
public final class SchemaCheck {
    private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private SchemaCheck() {
    }

    /** What about {@code value} does not fit {@code schema}, or empty if it fits. */
    public static Optional<String> problem(JsonNode schema, JsonNode value) {
        return Optional.ofNullable(check(schema, value, ""));
    }

    /**
     * A short name of what {@code schema} accepts, for messages: its {@code type} ("integer",
     * "string or null"), else "value".
     */
    public static String describe(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return "value";
        }
        if (!type.isArray()) {
            return type.asText();
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(t.asText()));
        return String.join(" or ", names);
    }

    private static String check(JsonNode schema, JsonNode value, String path) {
        if (!schema.isObject()) {
            return schema.isBoolean() && !schema.asBoolean() ? at(path, "no value is allowed here") : null;
        }
        JsonNode type = schema.get("type");
        if (type != null && !fitsType(type, value)) {
            return at(path, "expected " + withArticle(type) + ", got " + kind(value));
        }
        JsonNode constant = schema.get("const");
        if (constant != null && !constant.equals(value)) {
            return at(path, "expected " + constant + ", got " + value);
        }
        JsonNode choices = schema.get("enum");
        if (choices != null && !contains(choices, value)) {
            return at(path, "expected one of " + choices + ", got " + value);
        }
        return value.isNumber() ? number(schema, value, path)
                : value.isTextual() ? text(schema, value, path)
                : value.isArray() ? array(schema, value, path)
                : value.isObject() ? object(schema, value, path)
                : null;
    }

    private static String number(JsonNode schema, JsonNode value, String path) {
        String format = schema.path("format").asText("");
        if (isInteger(value) && (format.equals("int32") || format.equals("int64"))) {
            BigInteger integer = value.decimalValue().toBigIntegerExact();
            boolean int32 = format.equals("int32");
            if (integer.compareTo(int32 ? INT32_MIN : INT64_MIN) < 0 || integer.compareTo(int32 ? INT32_MAX : INT64_MAX) > 0) {
                return at(path, "expected an integer in the " + format + " range, got " + value);
            }
        }
        JsonNode minimum = schema.get("minimum");
        if (minimum != null && minimum.isNumber() && value.decimalValue().compareTo(minimum.decimalValue()) < 0) {
            return at(path, "expected at least " + minimum + ", got " + value);
        }
        JsonNode maximum = schema.get("maximum");
        if (maximum != null && maximum.isNumber() && value.decimalValue().compareTo(maximum.decimalValue()) > 0) {
            return at(path, "expected at most " + maximum + ", got " + value);
        }
        return null;
    }

    private static String text(JsonNode schema, JsonNode value, String path) {
        int length = value.asText().codePointCount(0, value.asText().length());
        JsonNode min = schema.get("minLength");
        if (min != null && length < min.asInt()) {
            return at(path, "expected at least " + min.asInt() + " characters, got " + length);
        }
        JsonNode max = schema.get("maxLength");
        if (max != null && length > max.asInt()) {
            return at(path, "expected at most " + max.asInt() + " characters, got " + length);
        }
        return null;
    }

    private static String array(JsonNode schema, JsonNode value, String path) {
        JsonNode min = schema.get("minItems");
        if (min != null && value.size() < min.asInt()) {
            return at(path, "expected at least " + min.asInt() + " items, got " + value.size());
        }
        JsonNode max = schema.get("maxItems");
        if (max != null && value.size() > max.asInt()) {
            return at(path, "expected at most " + max.asInt() + " items, got " + value.size());
        }
        JsonNode prefix = schema.path("prefixItems");
        JsonNode items = schema.get("items");
        for (int i = 0; i < value.size(); i++) {
            JsonNode itemSchema = i < prefix.size() ? prefix.get(i) : items;
            String problem = itemSchema == null ? null : check(itemSchema, value.get(i), path + "/" + i);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String object(JsonNode schema, JsonNode value, String path) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                return at(path, "missing the required field '" + required.asText() + "'");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode fieldSchema = properties.get(field.getKey());
            if (fieldSchema == null && additional != null && additional.isBoolean() && !additional.asBoolean()) {
                return at(path, "unknown field '" + field.getKey() + "'");
            }
            JsonNode applied = fieldSchema != null ? fieldSchema : additional;
            String problem = applied == null ? null : check(applied, field.getValue(), path + "/" + escape(field.getKey()));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static boolean fitsType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode name : type) {
                if (fitsType(name, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> value.isNull();
            case "boolean" -> value.isBoolean();
            case "integer" -> isInteger(value);
            case "number" -> value.isNumber();
            case "string" -> value.isTextual();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }

    private static boolean isInteger(JsonNode value) {
        return value.isIntegralNumber()
                || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
    }

    private static boolean contains(JsonNode choices, JsonNode value) {
        for (JsonNode choice : choices) {
            if (choice.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> isInteger(value) ? "an integer" : "a number";
            case STRING -> "a string";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "an unreadable value";
        };
    }

    private static String withArticle(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(withArticle(t)));
            return String.join(" or ", names);
        }
        String name = type.asText();
        if (name.isEmpty() || name.equals("null")) {
            return name.isEmpty() ? "a value" : "null";
        }
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }

    private static String at(String path, String problem) {
        return path.isEmpty() ? problem : "at " + path + ": " + problem;
    }
}
