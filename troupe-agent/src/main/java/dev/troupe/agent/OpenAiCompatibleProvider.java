package dev.troupe.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI-style chat completions ({@code POST {baseUrl}/chat/completions}), the API that llama.cpp's
 * server, Ollama, vLLM and others serve, with the JDK HTTP client: system prompt, tools (as {@code
 * function} tools), tool calls and their results, streaming (server-sent events up to {@code data:
 * [DONE]}) and usage. The answer is given in this package's Messages API terms: {@code finish_reason}
 * {@code stop}, {@code tool_calls} and {@code length} become {@code end_turn}, {@code tool_use} and
 * {@code max_tokens}. The key is optional (local servers need none) and sent as a bearer token. This
 * provider does not retry: an error answer maps onto the {@code agent} codes at once.
 *
 * {@snippet :
 * LlmProvider local = OpenAiCompatibleProvider.builder("http://127.0.0.1:8080/v1").build();
 * }
 */
public final class OpenAiCompatibleProvider implements LlmProvider {
    private static final String DATA = "data:";

    private final HttpClient http;
    private final URI endpoint;
    private final @Nullable ApiKey key;
    private final Duration timeout;

    private OpenAiCompatibleProvider(Builder builder) {
        this.endpoint = URI.create(builder.baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.key = builder.key;
        this.timeout = builder.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A builder for a server whose API is under {@code baseUrl}, such as {@code http://127.0.0.1:8080/v1}. */
    public static Builder builder(String baseUrl) {
        return new Builder(Objects.requireNonNull(baseUrl, "baseUrl"));
    }

    @Override
    public String name() {
        return "openai-compatible";
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        HttpResponse<String> answer = send(post(body(request, false)), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw failure(answer.statusCode(), answer.body());
        }
        try {
            return response(Json.mapper().readTree(answer.body()));
        } catch (JsonProcessingException e) {
            throw ProviderErrors.of(name(), answer.statusCode(), null, "the answer is not JSON", e);
        }
    }

    @Override
    public LlmResponse stream(LlmRequest request, DeltaListener deltas) {
        HttpResponse<InputStream> answer = send(post(body(request, true)), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
            if (answer.statusCode() / 100 != 2) {
                throw failure(answer.statusCode(), String.join("\n", lines.lines().toList()));
            }
            return accumulate(lines, deltas);
        } catch (UncheckedIOException e) {
            throw ProviderErrors.of(name(), 0, null, e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw ProviderErrors.of(name(), 0, null, e.getMessage(), e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw ProviderErrors.of(name(), 0, null, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderErrors.of(name(), 0, null, "interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    /** Names the endpoint and where the key came from, never the key. */
    @Override
    public String toString() {
        return "OpenAiCompatibleProvider[" + endpoint + ", " + (key == null ? "no key" : key.source()) + "]";
    }

    private HttpRequest post(ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (key != null) {
            request.header("Authorization", "Bearer " + key.reveal());
        }
        return request.build();
    }

    private static ObjectNode body(LlmRequest request, boolean stream) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens());
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (LlmMessage message : request.messages()) {
            addMessage(messages, message);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description()).set("parameters", tool.inputSchema());
            }
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** A user message's tool results become {@code tool} messages; an assistant's tool uses its {@code tool_calls}. */
    private static void addMessage(ArrayNode messages, LlmMessage message) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.mapper().createArrayNode();
        for (ContentBlock block : message.content()) {
            switch (block) {
                case ContentBlock.Text t -> text.append(t.text());
                case ContentBlock.ToolUse use -> {
                    ObjectNode call = calls.addObject().put("id", use.id()).put("type", "function");
                    call.putObject("function").put("name", use.name()).put("arguments", use.input().toString());
                }
                case ContentBlock.ToolResult result -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", result.toolUseId()).put("content", result.content());
            }
        }
        boolean assistant = message.role() == LlmMessage.Role.ASSISTANT;
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        ObjectNode out = messages.addObject().put("role", assistant ? "assistant" : "user");
        if (text.isEmpty()) {
            out.putNull("content");
        } else {
            out.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            out.set("tool_calls", calls);
        }
    }

    private LlmResponse response(JsonNode answer) {
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ContentBlock> content = new ArrayList<>();
        String text = message.path("content").asText("");
        if (!text.isEmpty()) {
            content.add(ContentBlock.text(text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            content.add(toolUse(call.path("id").asText(), call.path("function").path("name").asText(),
                    call.path("function").path("arguments").asText("{}")));
        }
        return new LlmResponse(answer.path("id").asText(""), answer.path("model").asText(""), content,
                stopReason(choice.path("finish_reason").asText(null)), usage(answer.path("usage")));
    }

    private LlmResponse accumulate(BufferedReader lines, DeltaListener deltas) throws IOException {
        StringBuilder text = new StringBuilder();
        TreeMap<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, arguments}
        String id = "";
        String model = "";
        String finish = null;
        LlmResponse.Usage usage = new LlmResponse.Usage(0, 0);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.startsWith(DATA)) {
                continue;
            }
            String data = line.substring(DATA.length()).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            JsonNode chunk = Json.mapper().readTree(data);
            if (chunk.has("error")) {
                throw failure(0, data);
            }
            id = chunk.path("id").asText(id);
            model = chunk.path("model").asText(model);
            if (chunk.path("usage").isObject()) {
                usage = usage(chunk.path("usage"));
            }
            JsonNode choice = chunk.path("choices").path(0);
            finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : finish;
            JsonNode delta = choice.path("delta");
            String piece = delta.path("content").asText("");
            if (!piece.isEmpty()) {
                text.append(piece);
                deltas.onText(0, piece);
            }
            for (JsonNode call : delta.path("tool_calls")) {
                String[] parts = calls.computeIfAbsent(call.path("index").asInt(), index -> new String[] {"", "", ""});
                parts[0] = call.path("id").asText(parts[0]);
                parts[1] = parts[1] + call.path("function").path("name").asText("");
                parts[2] = parts[2] + call.path("function").path("arguments").asText("");
            }
        }
        List<ContentBlock> content = new ArrayList<>();
        if (!text.isEmpty()) {
            content.add(ContentBlock.text(text.toString()));
        }
        for (String[] call : calls.values()) {
            content.add(toolUse(call[0], call[1], call[2].isEmpty() ? "{}" : call[2]));
        }
        return new LlmResponse(id, model, content, stopReason(finish), usage);
    }

    private ContentBlock.ToolUse toolUse(String id, String name, String arguments) {
        try {
            return new ContentBlock.ToolUse(id, name, Json.mapper().readTree(arguments));
        } catch (JsonProcessingException e) {
            throw ProviderErrors.of(name(), 0, null, "the arguments of tool call " + id + " are not JSON", e);
        }
    }

    private static String stopReason(@Nullable String finish) {
        return switch (finish == null ? "stop" : finish) {
            case "stop" -> "end_turn";
            case "tool_calls", "function_call" -> LlmResponse.TOOL_USE;
            case "length" -> "max_tokens";
            default -> finish;
        };
    }

    private static LlmResponse.Usage usage(JsonNode usage) {
        return new LlmResponse.Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
    }

    private TroupeException failure(int status, String body) {
        JsonNode error;
        try {
            error = Json.mapper().readTree(body).path("error");
        } catch (JsonProcessingException e) {
            return ProviderErrors.of(name(), status, null, null, e);
        }
        String type = error.path("type").asText(null);
        String message = error.isTextual() ? error.asText() : error.path("message").asText(null);
        return ProviderErrors.of(name(), status, type, message, null);
    }

    /** Configures an {@link OpenAiCompatibleProvider}. */
    public static final class Builder {
        private final String baseUrl;
        private @Nullable ApiKey key;
        private Duration timeout = Duration.ofMinutes(10);

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** The key, sent as {@code Authorization: Bearer …}; none unless set. */
        public Builder apiKey(ApiKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** How long to wait for the answer to begin (10 minutes unless changed). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The provider. */
        public OpenAiCompatibleProvider build() {
            return new OpenAiCompatibleProvider(this);
        }
    }
}
