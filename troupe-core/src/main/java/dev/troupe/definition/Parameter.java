package dev.troupe.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.troupe.schema.SchemaCheck;
import java.util.Objects;

/**
 * A positional parameter of an action or an event.
 *
 * @param name     the parameter's name, shown in documents and error messages
 * @param typeName a short name of the expected type for error messages ("long", "integer", "List")
 * @param schema   the JSON Schema of the value; treat it as immutable
 * @param nullable whether a JSON {@code null} is an acceptable value
 */
public record Parameter(String name, String typeName, JsonNode schema, boolean nullable) {
    /** Checks that nothing is missing. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(schema, "schema");
    }

    /** A parameter described by its schema alone: the type name and nullability follow from it. */
    public static Parameter of(String name, JsonNode schema) {
        return new Parameter(name, SchemaCheck.describe(schema), schema,
                SchemaCheck.problem(schema, NullNode.getInstance()).isEmpty());
    }
}
