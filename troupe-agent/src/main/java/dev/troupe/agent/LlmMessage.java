package dev.troupe.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation with a model: who wrote it and its content blocks. The system prompt
 * is not a message; it is {@link LlmRequest#system()}.
 *
 * @param role    who wrote it
 * @param content its blocks, at least one
 */
public record LlmMessage(Role role, List<ContentBlock> content) {

    /** Who wrote a message. */
    public enum Role {
        /** The user, or the tool results the agent sends back. */
        @JsonProperty("user") USER,
        /** The model. */
        @JsonProperty("assistant") ASSISTANT
    }

    /** Checks and freezes the fields. */
    public LlmMessage {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        if (content.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one content block");
        }
    }

    /** A user message of one text block. */
    public static LlmMessage user(String text) {
        return new LlmMessage(Role.USER, List.of(ContentBlock.text(text)));
    }

    /** An assistant message of one text block (an earlier answer of the model). */
    public static LlmMessage assistant(String text) {
        return new LlmMessage(Role.ASSISTANT, List.of(ContentBlock.text(text)));
    }
}
