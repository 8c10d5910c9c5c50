package dev.troupe.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.troupe.schema.SchemaCheck;
import java.util.Objects;
import java.util.Optional;

/**
 * A positional parameter of an action or an event: its name, a short type name for messages, its JSON
 * Schema and whether it takes a JSON {@code null}. The schema is compiled once, when the parameter is
 * made, so that checking an argument ({@link #problem}) on every call costs no compilation; a schema
 * that cannot be compiled is refused here, when the definition is built, not at the first call.
 *
 * <p>Immutable and thread-safe. Equal when name, type name, schema and nullability are equal.
 */
public final class Parameter {
    private final String name;
    private final String typeName;
    private final JsonNode schema;
    private final boolean nullable;
    private final SchemaCheck check;

    /**
     * A parameter with a type name and nullability of its own; the Java-class definitions use it to
     * name the Java type ("long", "List") and to allow null for boxed types.
     *
     * @param name     the parameter's name, shown in documents and error messages
     * @param typeName a short name of the expected type for error messages ("long", "integer", "List")
     * @param schema   the JSON Schema of the value; treat it as immutable
     * @param nullable whether a JSON {@code null} is an acceptable value
     * @throws IllegalArgumentException if {@code schema} is not a usable JSON Schema ({@link SchemaCheck#of})
     */
    public Parameter(String name, String typeName, JsonNode schema, boolean nullable) {
        this(name, typeName, schema, nullable, SchemaCheck.of(Objects.requireNonNull(schema, "schema")));
    }

    private Parameter(String name, String typeName, JsonNode schema, boolean nullable, SchemaCheck check) {
        this.name = Objects.requireNonNull(name, "name");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.schema = schema;
        this.nullable = nullable;
        this.check = check;
    }

    /**
     * A parameter described by its schema alone: the type name and nullability follow from it.
     *
     * @throws IllegalArgumentException if {@code schema} is not a usable JSON Schema ({@link SchemaCheck#of})
     */
    public static Parameter of(String name, JsonNode schema) {
        SchemaCheck check = SchemaCheck.of(Objects.requireNonNull(schema, "schema"));
        return new Parameter(name, SchemaCheck.describe(schema), schema, check.problem(NullNode.getInstance()).isEmpty(), check);
    }

    /** The parameter's name, shown in documents and error messages. */
    public String name() {
        return name;
    }

    /** A short name of the expected type for error messages ("long", "integer", "List"). */
    public String typeName() {
        return typeName;
    }

    /** The JSON Schema of the value. */
    public JsonNode schema() {
        return schema;
    }

    /** Whether a JSON {@code null} is an acceptable value. */
    public boolean nullable() {
        return nullable;
    }

    /**
     * What about {@code value} does not fit the schema, in plain words ("expected an integer, got a
     * string"), or empty if it fits. Uses the schema compiled when the parameter was made.
     */
    public Optional<String> problem(JsonNode value) {
        return check.problem(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameter that && name.equals(that.name) && typeName.equals(that.typeName)
                && schema.equals(that.schema) && nullable == that.nullable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, typeName, schema, nullable);
    }

    @Override
    public String toString() {
        return "Parameter[name=" + name + ", typeName=" + typeName + ", schema=" + schema + ", nullable=" + nullable + "]";
    }
}
