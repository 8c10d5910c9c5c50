package dev.troupe.schema;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.HashSet;
import java.util.Set;

/**
 * Derives JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) from Java types, as Jackson would
 * serialise them: numbers and strings with their formats, enums as their names, collections as arrays,
 * maps as objects, and beans and records as objects with their serialisable properties. Recursive
 * types are cut at the first repeat with the empty schema {@code {}}, as are {@code Object} and
 * interfaces, whose shape is not known.
 *
 * <p>Used by the Java-class actor definitions for their action schemas, which the OpenAPI document
 * publishes and {@link SchemaCheck} uses to explain rejected arguments. The formats {@code int32} and
 * {@code int64} are OpenAPI's; {@link SchemaCheck} asserts them as integer ranges. Stateless and
 * thread-safe; each call returns a new tree that the caller may modify.
 */
public final class JavaSchemas {
    private final ObjectMapper mapper;

    /** Schemas for types as {@code mapper} reads and writes them (its property naming and visibility). */
    public JavaSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The schema of {@code type}. */
    public ObjectNode of(JavaType type) {
        return schema(type, new HashSet<>());
    }

    private ObjectNode schema(JavaType type, Set<JavaType> seen) {
        ObjectNode schema = mapper.createObjectNode();
        Class<?> raw = type.getRawClass();
        if (raw == void.class || raw == Void.class) {
            return schema.put("type", "null");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return schema.put("type", "boolean");
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
                || raw == byte.class || raw == Byte.class) {
            return schema.put("type", "integer").put("format", "int32");
        }
        if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
            return schema.put("type", "integer").put("format", "int64");
        }
        if (raw == float.class || raw == Float.class || raw == double.class || raw == Double.class
                || raw == BigDecimal.class) {
            return schema.put("type", "number");
        }
        if (raw == String.class || raw == char.class || raw == Character.class || CharSequence.class.isAssignableFrom(raw)) {
            return schema.put("type", "string");
        }
        if (Temporal.class.isAssignableFrom(raw) || raw == java.time.Duration.class) {
            return schema.put("type", "string").put("format", raw.getSimpleName());
        }
        if (raw.isEnum()) {
            ArrayNode values = schema.put("type", "string").putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return schema;
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            schema.put("type", "array");
            schema.set("items", schema(type.getContentType(), seen));
            return schema;
        }
        if (type.isMapLikeType()) {
            schema.put("type", "object");
            schema.set("additionalProperties", schema(type.getContentType(), seen));
            return schema;
        }
        if (raw == Object.class || raw.isInterface() || !seen.add(type)) {
            return schema;
        }
        schema.put("type", "object");
        schema.put("title", raw.getSimpleName());
        ObjectNode props = schema.putObject("properties");
        BeanDescription bean = mapper.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.couldSerialize()) {
                props.set(property.getName(), schema(property.getPrimaryType(), seen));
            }
        }
        seen.remove(type);
        return schema;
    }
}
