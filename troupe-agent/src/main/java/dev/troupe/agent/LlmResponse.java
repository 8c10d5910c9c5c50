package dev.troupe.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A model's complete answer: its content blocks, why it stopped and what it cost in tokens. A streamed
 * call returns the same complete answer once the stream ends.
 *
 * @param id         the provider's id of the answer
 * @param model      the model that answered, as the provider names it
 * @param content    the answer's blocks: text and tool calls
 * @param stopReason why the model stopped, in the Messages API's words: {@code end_turn}, {@code
 *                   tool_use}, {@code max_tokens}, {@code stop_sequence}, {@code refusal}, ... (the
 *                   OpenAI-compatible provider maps {@code stop}, {@code tool_calls} and {@code length}
 *                   onto the first three)
 * @param usage      the tokens counted
 */
public record LlmResponse(String id, String model, List<ContentBlock> content,
                          @JsonProperty("stop_reason") String stopReason, Usage usage) {

    /** The stop reason of an answer that calls tools. */
    public static final String TOOL_USE = "tool_use";

    /** Checks and freezes the fields. */
    public LlmResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        content = List.copyOf(content);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(usage, "usage");
    }

    /** The text blocks joined: the answer as the user reads it. */
    @JsonIgnore
    public String text() {
        return content.stream().filter(ContentBlock.Text.class::isInstance)
                .map(block -> ((ContentBlock.Text) block).text()).collect(Collectors.joining());
    }

    /** The tool calls the model asks for, in order. */
    @JsonIgnore
    public List<ContentBlock.ToolUse> toolUses() {
        return content.stream().filter(ContentBlock.ToolUse.class::isInstance).map(ContentBlock.ToolUse.class::cast)
                .toList();
    }

    /** This answer as the assistant message that continues the conversation. */
    public LlmMessage asMessage() {
        return new LlmMessage(LlmMessage.Role.ASSISTANT, content);
    }

    /**
     * Tokens counted for one call.
     *
     * @param inputTokens  the prompt's tokens
     * @param outputTokens the answer's tokens
     */
    public record Usage(@JsonProperty("input_tokens") long inputTokens,
                        @JsonProperty("output_tokens") long outputTokens) {
    }
}
