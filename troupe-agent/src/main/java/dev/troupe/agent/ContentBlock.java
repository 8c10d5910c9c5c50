package dev.troupe.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One block of a message's content, as the Messages API models it: text, a tool call the model makes
 * ({@code tool_use}) or the answer to one ({@code tool_result}). Serialised with a {@code type} field
 * ({@code text}, {@code tool_use}, {@code tool_result}), which is how a recorded call keeps it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
        @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
        @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result")})
public sealed interface ContentBlock {

    /** Text. */
    static Text text(String text) {
        return new Text(text);
    }

    /**
     * Text written by the user or the model.
     *
     * @param text the text
     */
    record Text(String text) implements ContentBlock {
        /** Checks the field. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The model asks for a tool to be called.
     *
     * @param id    the call's id, which the answer's {@link ToolResult#toolUseId()} names
     * @param name  the tool's name
     * @param input the arguments, a JSON object matching the tool's input schema
     */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
        /** Checks the fields. */
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }
    }

    /**
     * The answer to a tool call, sent back to the model in a user message.
     *
     * @param toolUseId the id of the {@link ToolUse} it answers
     * @param content   the tool's output as text (JSON for structured results)
     * @param isError   whether the tool failed; the content then says how
     */
    record ToolResult(@JsonProperty("tool_use_id") String toolUseId, String content,
                      @JsonProperty("is_error") boolean isError) implements ContentBlock {
        /** Checks the fields. */
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(content, "content");
        }
    }
}
