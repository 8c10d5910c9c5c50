package dev.troupe.agent;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.AssistantMessageParam;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.models.messages.UserMessageParam;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Anthropic Messages API through the official Java SDK ({@code com.anthropic:anthropic-java}):
 * system prompts, tool use, streaming (the SDK's event stream, accumulated into the complete message),
 * stop reasons and usage. Retries are the SDK's: connection failures, 408, 409, 429 and 5xx answers are
 * retried with backoff (honouring {@code retry-after}), {@link Builder#maxRetries} times, 2 unless
 * changed. What is left after them maps onto the {@code agent} codes (see {@link LlmProvider}).
 *
 * <p>Content blocks other than text and tool use in an answer (thinking, server tools) are not kept.
 *
 * {@snippet :
 * try (AnthropicProvider claude = AnthropicProvider.builder(ApiKey.fromEnvironment("ANTHROPIC_API_KEY")).build()) {
 *     LlmResponse answer = claude.complete(request);
 * }
 * }
 */
public final class AnthropicProvider implements LlmProvider {
    /** The API's address, used unless {@link Builder#baseUrl} says otherwise. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

    private final AnthropicClient client;
    private final String baseUrl;
    private final String keySource;

    private AnthropicProvider(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.keySource = builder.key.source();
        this.client = AnthropicOkHttpClient.builder()
                .apiKey(builder.key.reveal())
                .baseUrl(builder.baseUrl)
                .maxRetries(builder.maxRetries)
                .timeout(builder.timeout)
                .build();
    }

    /** A builder for a provider that authenticates with {@code key}. */
    public static Builder builder(ApiKey key) {
        return new Builder(Objects.requireNonNull(key, "key"));
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        MessageCreateParams params = params(request);
        return call(() -> response(client.messages().create(params)));
    }

    @Override
    public LlmResponse stream(LlmRequest request, DeltaListener deltas) {
        MessageCreateParams params = params(request);
        return call(() -> {
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> events = client.messages().createStreaming(params)) {
                events.stream().forEach(event -> {
                    accumulator.accumulate(event);
                    event.contentBlockDelta().ifPresent(delta -> delta.delta().text()
                            .ifPresent(text -> deltas.onText((int) delta.index(), text.text())));
                });
            }
            return response(accumulator.message());
        });
    }

    @Override
    public void close() {
        client.close();
    }

    /** Names the address and where the key came from, never the key. */
    @Override
    public String toString() {
        return "AnthropicProvider[" + baseUrl + ", " + keySource + "]";
    }

    private LlmResponse call(Supplier<LlmResponse> exchange) {
        try {
            return exchange.get();
        } catch (AnthropicServiceException e) {
            JsonNode error = e.body().convert(JsonNode.class);
            JsonNode detail = error == null ? null : error.path("error");
            String type = detail == null ? null : detail.path("type").asText(null);
            String message = detail == null ? null : detail.path("message").asText(null);
            throw ProviderErrors.of(name(), e.statusCode(), type, message, e);
        } catch (AnthropicException e) {
            throw ProviderErrors.of(name(), 0, null, e.getMessage(), e);
        }
    }

    private static MessageCreateParams params(LlmRequest request) {
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(request.model())
                .maxTokens(request.maxTokens());
        if (request.system() != null) {
            params.system(request.system());
        }
        for (LlmMessage message : request.messages()) {
            List<ContentBlockParam> blocks = message.content().stream().map(AnthropicProvider::param).toList();
            switch (message.role()) {
                case USER -> params.addMessage(UserMessageParam.builder().contentOfContentBlockParams(blocks).build());
                case ASSISTANT -> params.addMessage(AssistantMessageParam.builder().contentOfContentBlockParams(blocks).build());
            }
        }
        for (ToolSpec tool : request.tools()) {
            params.addTool(Tool.builder()
                    .name(tool.name())
                    .description(tool.description())
                    .inputSchema(ObjectMappers.jsonMapper().convertValue(tool.inputSchema(), Tool.InputSchema.class))
                    .build());
        }
        return params.build();
    }

    private static ContentBlockParam param(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text text -> ContentBlockParam.ofText(TextBlockParam.builder().text(text.text()).build());
            case ContentBlock.ToolUse use -> ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                    .id(use.id())
                    .name(use.name())
                    .input(ObjectMappers.jsonMapper().convertValue(use.input(), ToolUseBlockParam.Input.class))
                    .build());
            case ContentBlock.ToolResult result -> ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                    .toolUseId(result.toolUseId())
                    .content(result.content())
                    .isError(result.isError())
                    .build());
        };
    }

    private static LlmResponse response(Message message) {
        List<ContentBlock> content = new ArrayList<>();
        for (com.anthropic.models.messages.ContentBlock block : message.content()) {
            block.text().ifPresent(text -> content.add(ContentBlock.text(text.text())));
            block.toolUse().ifPresent(use -> content.add(new ContentBlock.ToolUse(use.id(), use.name(),
                    json(use._input()))));
        }
        return new LlmResponse(message.id(), message.model().asString(), content,
                message.stopReason().map(StopReason::asString).orElse("end_turn"),
                new LlmResponse.Usage(message.usage().inputTokens(), message.usage().outputTokens()));
    }

    private static JsonNode json(JsonValue value) {
        return ObjectMappers.jsonMapper().valueToTree(value);
    }

    /** Configures an {@link AnthropicProvider}. */
    public static final class Builder {
        private final ApiKey key;
        private String baseUrl = DEFAULT_BASE_URL;
        private int maxRetries = 2;
        private Duration timeout = Duration.ofMinutes(10);

        private Builder(ApiKey key) {
            this.key = key;
        }

        /** Another address for the API (a proxy, a gateway, a test server). */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** How many times the SDK retries a failed request (2 unless changed; 0 for none). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** How long one request may take, the whole stream included (10 minutes unless changed). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The provider; close it to release its connections. */
        public AnthropicProvider build() {
            return new AnthropicProvider(this);
        }
    }
}
