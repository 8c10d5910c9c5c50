package dev.troupe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.TroupeException;
import dev.troupe.agent.FakeLlmServer.Reply;
import dev.troupe.json.Json;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link AnthropicProvider} through the official SDK against {@link FakeLlmServer} speaking the
 * Messages API's wire format ({@link AnthropicWire}): answers, streams, tool use, errors and retries.
 */
class AnthropicProviderTest {
    private final String key = "sk-ant-test-" + UUID.randomUUID();
    private FakeLlmServer server;
    private AnthropicProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
        provider = provider(0);
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private AnthropicProvider provider(int retries) {
        return AnthropicProvider.builder(ApiKey.of(key, "test")).baseUrl(server.baseUrl()).maxRetries(retries)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static LlmRequest question(String text) {
        return LlmRequest.builder(AnthropicWire.MODEL).system("Answer briefly.").message(LlmMessage.user(text))
                .maxTokens(300).build();
    }

    @Test
    void complete_plainAnswer_hasTextStopReasonAndUsage_andSendsTheWireRequest() {
        server.reply(Reply.json(200, AnthropicWire.textMessage("msg_01", "Hello there.", "end_turn")));

        LlmResponse answer = provider.complete(question("Hi"));

        assertThat(answer.text()).isEqualTo("Hello there.");
        assertThat(answer.id()).isEqualTo("msg_01");
        assertThat(answer.model()).isEqualTo(AnthropicWire.MODEL);
        assertThat(answer.stopReason()).isEqualTo("end_turn");
        assertThat(answer.usage()).isEqualTo(new LlmResponse.Usage(21, 7));
        FakeLlmServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        // The SDK sends the key as x-api-key or (3.16.0) as a bearer token; the version header always.
        assertThat(List.of(String.valueOf(sent.header("x-api-key")), String.valueOf(sent.header("authorization"))))
                .containsAnyOf(key, "Bearer " + key);
        assertThat(sent.header("anthropic-version")).isNotBlank();
        assertThat(sent.body().path("model").asText()).isEqualTo(AnthropicWire.MODEL);
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(300);
        assertThat(sent.body().path("system").asText()).isEqualTo("Answer briefly.");
        assertThat(sent.body().path("messages")).isEqualTo(json(
                "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]"));
        assertThat(sent.body().has("stream")).isFalse();
    }

    @Test
    void stream_deliversTextDeltasInOrder_asTheyArrive_andReturnsTheCompleteMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> pieces = List.of("Virtual ", "actors ", "never ", "die.");
        List<String> events = AnthropicWire.textStream("msg_02", pieces);
        // Hold the stream after the first text delta (events: start, block start, ping, delta, ...).
        server.reply(Reply.sse(events).holdingChunk(4, release));
        List<String> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<LlmResponse> answer = CompletableFuture.supplyAsync(() ->
                provider.stream(question("What?"), (index, text) -> seen.add(index + ":" + text)));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.equals(List.of("0:Virtual ")));
        assertThat(answer).isNotDone();
        release.countDown();
        LlmResponse complete = answer.get(10, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("0:Virtual ", "0:actors ", "0:never ", "0:die.");
        assertThat(complete.text()).isEqualTo("Virtual actors never die.");
        assertThat(complete.stopReason()).isEqualTo("end_turn");
        assertThat(complete.usage()).isEqualTo(new LlmResponse.Usage(25, 15));
        assertThat(server.received().getFirst().body().path("stream").asBoolean()).isTrue();
    }

    @Test
    void toolUse_roundTrip_sendsTheToolSchema_thenTheCallAndItsResultBack() {
        ToolSpec weather = new ToolSpec("get_weather", "The current weather in a city.", json(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
        server.reply(Reply.json(200, AnthropicWire.toolUseMessage("msg_03", "Let me look.", "toolu_01", "get_weather",
                        "{\"city\":\"Paris\"}")),
                Reply.json(200, AnthropicWire.textMessage("msg_04", "It is sunny in Paris.", "end_turn")));
        LlmRequest request = LlmRequest.builder(AnthropicWire.MODEL).message(LlmMessage.user("Weather in Paris?"))
                .tool(weather).build();

        LlmResponse first = provider.complete(request);
        assertThat(first.stopReason()).isEqualTo(LlmResponse.TOOL_USE);
        assertThat(first.toolUses()).containsExactly(new ContentBlock.ToolUse("toolu_01", "get_weather",
                json("{\"city\":\"Paris\"}")));
        LlmMessage result = new LlmMessage(LlmMessage.Role.USER,
                List.of(new ContentBlock.ToolResult("toolu_01", "sunny, 21 C", false)));
        LlmResponse second = provider.complete(request.with(first.asMessage(), result));

        assertThat(second.text()).isEqualTo("It is sunny in Paris.");
        assertThat(server.received().getFirst().body().path("tools")).isEqualTo(json(
                "[{\"name\":\"get_weather\",\"description\":\"The current weather in a city.\",\"input_schema\":"
                        + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]"));
        assertThat(server.received().get(1).body().path("messages")).isEqualTo(json("["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Let me look.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
                + "\"content\":\"sunny, 21 C\",\"is_error\":false}]}]"));
    }

    @Test
    void stream_ofAToolCall_accumulatesTheInputJsonDeltas() {
        server.reply(Reply.sse(AnthropicWire.toolUseStream("msg_05", "Checking.", "toolu_02", "get_weather",
                List.of("{\"ci", "ty\": \"Os", "lo\"}"))));
        List<String> seen = new CopyOnWriteArrayList<>();

        LlmResponse answer = provider.stream(question("Weather in Oslo?"), (index, text) -> seen.add(text));

        assertThat(seen).containsExactly("Checking.");
        assertThat(answer.stopReason()).isEqualTo("tool_use");
        assertThat(answer.content()).containsExactly(ContentBlock.text("Checking."),
                new ContentBlock.ToolUse("toolu_02", "get_weather", json("{\"city\":\"Oslo\"}")));
    }

    @ParameterizedTest
    @CsvSource({
            "429, rate_limit_error, agent/rate_limited, 429",
            "529, overloaded_error, agent/overloaded, 503",
            "400, invalid_request_error, agent/request_rejected, 422",
            "404, not_found_error, agent/request_rejected, 422",
            "401, authentication_error, agent/provider_error, 502",
            "500, api_error, agent/provider_error, 502"})
    void errorAnswer_mapsToAStableCode(int status, String type, String code, int troupeStatus) {
        server.reply(Reply.json(status, AnthropicWire.error(type, "the " + type)));

        assertThatThrownBy(() -> provider.complete(question("Hi")))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.error().qualifiedCode()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(troupeStatus);
                    assertThat(e.error().metadata()).containsEntry("provider", "anthropic")
                            .containsEntry("providerStatus", status).containsEntry("providerType", type);
                    assertThat(e.getMessage()).contains("the " + type).doesNotContain(key);
                });
    }

    @Test
    void errorEvent_inTheStream_mapsToAStableCode() {
        server.reply(Reply.sse(AnthropicWire.failingStream("msg_06", "overloaded_error", "Overloaded")));

        assertThatThrownBy(() -> provider.stream(question("Hi"), (index, text) -> { }))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().qualifiedCode()).isEqualTo("agent/overloaded"));
    }

    @Test
    void overloaded_isRetriedByTheSdk_whenRetriesAreAllowed() {
        try (AnthropicProvider retrying = provider(1)) {
            server.reply(Reply.json(529, AnthropicWire.error("overloaded_error", "Overloaded"))
                            .withHeader("retry-after-ms", "10"),
                    Reply.json(200, AnthropicWire.textMessage("msg_07", "Back.", "end_turn")));

            assertThat(retrying.complete(question("Hi")).text()).isEqualTo("Back.");
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void unreachableServer_isAProviderError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (AnthropicProvider nowhere = AnthropicProvider.builder(ApiKey.of(key, "test"))
                .baseUrl("http://127.0.0.1:" + closedPort).maxRetries(0).build()) {
            assertThatThrownBy(() -> nowhere.complete(question("Hi")))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.error().qualifiedCode()).isEqualTo("agent/provider_error"));
        }
    }

    @Test
    void toString_ofProviderAndKey_neverShowsTheKey() {
        assertThat(provider.toString()).doesNotContain(key).contains(server.baseUrl());
        assertThat(ApiKey.of(key, "test").toString()).doesNotContain(key).isEqualTo("ApiKey[test, redacted]");
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
