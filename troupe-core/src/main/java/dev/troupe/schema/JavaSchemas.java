package dev.troupe.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Derives JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) from Java types, as Jackson would
 * serialise them: numbers and strings with their formats, enums as their names, collections as arrays,
 * maps as objects, and beans and records as objects with their serialisable properties. Date and
 * time types are strings with the standard format of what Jackson writes for them ({@code date-time}
 * for {@code Instant}, {@code OffsetDateTime} and {@code ZonedDateTime}, {@code date} for
 * {@code LocalDate}, {@code time} for {@code OffsetTime}) and no format where none fits. Recursive
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

    /**
     * The schema of {@code type} as a value to read, such as an argument: the properties of an object
     * are optional, since the mapper reads an object that lacks some.
     */
    public ObjectNode of(JavaType type) {
        return schema(type, new HashSet<>(), false);
    }

    /**
     * The schema of {@code type} as a value the mapper writes, such as a result: as {@link #of}, and
     * every property the mapper always writes ({@code null} included, the default inclusion) is
     * required, so that generated clients see the fields a reader can rely on.
     */
    public ObjectNode ofOutput(JavaType type) {
        return schema(type, new HashSet<>(), true);
    }

    private ObjectNode schema(JavaType type, Set<JavaType> seen, boolean output) {
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
        if (Temporal.class.isAssignableFrom(raw) || raw == Duration.class) {
            schema.put("type", "string");
            String format = dateTimeFormat(raw);
            return format == null ? schema : schema.put("format", format);
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
            schema.set("items", schema(type.getContentType(), seen, output));
            return schema;
        }
        if (type.isMapLikeType()) {
            schema.put("type", "object");
            schema.set("additionalProperties", schema(type.getContentType(), seen, output));
            return schema;
        }
        if (raw == Object.class || raw.isInterface() || !seen.add(type)) {
            return schema;
        }
        schema.put("type", "object");
        schema.put("title", raw.getSimpleName());
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = mapper.createArrayNode();
        BeanDescription bean = mapper.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.couldSerialize()) {
                props.set(property.getName(), schema(property.getPrimaryType(), seen, output));
                if (output && alwaysWritten(raw, property)) {
                    required.add(property.getName());
                }
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        seen.remove(type);
        return schema;
    }

    private boolean alwaysWritten(Class<?> owner, BeanPropertyDefinition property) {
        JsonInclude.Include inclusion = mapper.getSerializationConfig()
                .getDefaultInclusion(owner, property.getRawPrimaryType())
                .withOverrides(property.findInclusion()).getValueInclusion();
        return inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS;
    }

    /** The JSON Schema format of what Jackson writes for a date or time type, or null if none fits. */
    private static @Nullable String dateTimeFormat(Class<?> raw) {
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            return "date-time";
        }
        if (raw == LocalDate.class) {
            return "date";
        }
        return raw == OffsetTime.class ? "time" : null;
    }
}
