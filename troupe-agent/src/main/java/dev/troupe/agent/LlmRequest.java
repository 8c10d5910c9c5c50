package dev.troupe.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to ask a model: the model's name, an optional system prompt, the conversation so far, the tools
 * it may call and a bound on the answer's length. The same request works with every {@link
 * LlmProvider}; a recorded call keeps it in the turn's history entry.
 *
 * {@snippet :
 * LlmRequest request = LlmRequest.builder("claude-sonnet-4-5")
 *         .system("You answer in one sentence.")
 *         .message(LlmMessage.user("What is a virtual actor?"))
 *         .maxTokens(256)
 *         .build();
 * }
 *
 * @param model     the provider's model name
 * @param system    the system prompt, or null
 * @param messages  the conversation, oldest first, starting with a user message
 * @param tools     the tools the model may call, possibly none
 * @param maxTokens the most tokens the answer may have, at least 1
 */
public record LlmRequest(String model, @Nullable String system, List<LlmMessage> messages, List<ToolSpec> tools,
                         @JsonProperty("max_tokens") int maxTokens) {

    /** Checks and freezes the fields. */
    public LlmRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        if (model.isBlank()) {
            throw new IllegalArgumentException("the model name is blank");
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
    }

    /** A builder for a request to {@code model}, with 1,024 tokens at most unless changed. */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** This request with {@code more} messages appended (the model's answer, tool results). */
    public LlmRequest with(LlmMessage... more) {
        List<LlmMessage> all = new ArrayList<>(messages);
        all.addAll(List.of(more));
        return new LlmRequest(model, system, all, tools, maxTokens);
    }

    /** Builds an {@link LlmRequest}. */
    public static final class Builder {
        private final String model;
        private @Nullable String system;
        private final List<LlmMessage> messages = new ArrayList<>();
        private final List<ToolSpec> tools = new ArrayList<>();
        private int maxTokens = 1024;

        private Builder(String model) {
            this.model = model;
        }

        /** The system prompt. */
        public Builder system(String system) {
            this.system = system;
            return this;
        }

        /** Appends a message. */
        public Builder message(LlmMessage message) {
            messages.add(message);
            return this;
        }

        /** Appends messages. */
        public Builder messages(List<LlmMessage> more) {
            messages.addAll(more);
            return this;
        }

        /** Offers a tool. */
        public Builder tool(ToolSpec tool) {
            tools.add(tool);
            return this;
        }

        /** The most tokens the answer may have. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** The request. */
        public LlmRequest build() {
            return new LlmRequest(model, system, messages, tools, maxTokens);
        }
    }
}
