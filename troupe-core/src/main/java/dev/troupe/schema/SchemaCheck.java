package dev.troupe.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON Schema compiled once, checking JSON values against it and saying in plain words what does
 * not fit: "expected an integer, got a string", "at /text: missing the required field 'author'". The
 * first problem found is reported; the path is a JSON Pointer into the value.
 *
 * <p>Validation is the networknt json-schema-validator's, for JSON Schema draft 2020-12 (a schema's
 * {@code $schema} may name an earlier draft): every keyword counts, {@code oneOf}, {@code anyOf},
 * {@code allOf}, {@code not}, {@code $ref} to {@code $defs}, {@code pattern} and {@code if} included.
 * Formats are asserted, with OpenAPI's {@code int32} and {@code int64} as integer ranges; unknown
 * formats, {@code title}, {@code description} and other annotations accept every value, as does the
 * empty schema {@code {}}. As in JSON Schema, a number with a zero fraction is an integer. References
 * resolve within the schema; nothing is fetched. See {@code docs/decisions/0009-json-schema-library.md}.
 *
 * <p>Compile a schema once and keep the check: compiling costs far more than checking. Immutable and
 * thread-safe.
 */
public final class SchemaCheck {
    private final Schema schema;

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /**
     * Compiles {@code schema}, which the caller must not change afterwards.
     *
     * @throws IllegalArgumentException if it is not a usable schema (an unknown {@code $schema} dialect,
     *                                  a {@code $ref} that does not resolve, a {@code pattern} that is
     *                                  not a regular expression)
     */
    public static SchemaCheck of(JsonNode schema) {
        return new SchemaCheck(Validators.compile(schema));
    }

    /** What about {@code value} does not fit the schema, or empty if it fits. */
    public Optional<String> problem(JsonNode value) {
        List<Error> errors = schema.validate(value);
        return errors.isEmpty() ? Optional.empty() : Optional.of(ProblemText.of(errors));
    }

    /**
     * A short name of what {@code schema} accepts, for messages: its {@code type} ("integer",
     * "string or null"), the types of its {@code anyOf} or {@code oneOf} alternatives if each has one,
     * else "value".
     */
    public static String describe(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null) {
            return names(type);
        }
        JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
        List<String> names = new ArrayList<>();
        for (JsonNode alternative : alternatives) {
            JsonNode alternativeType = alternative.get("type");
            if (alternativeType == null) {
                return "value";
            }
            names.add(names(alternativeType));
        }
        return names.isEmpty() ? "value" : String.join(" or ", names);
    }

    private static String names(JsonNode type) {
        if (!type.isArray()) {
            return type.asText();
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(t.asText()));
        return String.join(" or ", names);
    }
}
