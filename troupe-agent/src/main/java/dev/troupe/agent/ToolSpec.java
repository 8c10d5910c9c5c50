package dev.troupe.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool the model may call: its name, what it does (the model reads this to decide) and the JSON
 * Schema of its input, an object schema.
 *
 * @param name        the name, as the model will use it in a {@link ContentBlock.ToolUse}
 * @param description what the tool does and when to use it
 * @param inputSchema the JSON Schema of the input: {@code {"type":"object","properties":{…}}}
 */
public record ToolSpec(String name, String description, @JsonProperty("input_schema") JsonNode inputSchema) {
    /** Checks the fields. */
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        if (!inputSchema.isObject() || !"object".equals(inputSchema.path("type").asText())) {
            throw new IllegalArgumentException("the input schema of tool " + name + " must be an object schema");
        }
    }
}
