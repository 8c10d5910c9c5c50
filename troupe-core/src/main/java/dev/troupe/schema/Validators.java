package dev.troupe.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;

/**
 * Where schemas are compiled: one registry of networknt's json-schema-validator for the process, with
 * JSON Schema draft 2020-12 as the dialect of schemas that name none ({@code $schema} may name an
 * earlier draft), formats asserted rather than only annotated, OpenAPI's {@code int32} and
 * {@code int64} formats added, instance paths as JSON Pointers, and no fetching of remote schemas: a
 * {@code $ref} resolves within the schema itself. Thread-safe.
 */
final class Validators {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012())
                    .format(IntegerFormat.INT32)
                    .format(IntegerFormat.INT64)
                    .build(),
            registry -> registry
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_POINTER)
                            .build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));

    private Validators() {
    }

    /**
     * Compiles {@code schema}, resolving its references now rather than at the first value.
     *
     * @throws IllegalArgumentException if it is not a schema that can be used: an unknown dialect, a
     *                                  reference that does not resolve, a pattern that does not compile
     */
    static Schema compile(JsonNode schema) {
        try {
            Schema compiled = REGISTRY.getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (SchemaException e) {
            throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage() + ": " + schema, e);
        }
    }
}
