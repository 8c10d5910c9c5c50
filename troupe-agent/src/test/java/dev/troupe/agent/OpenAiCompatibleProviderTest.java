package dev.troupe.agent;

import static dev.troupe.agent.AnthropicProviderTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.TroupeException;
import dev.troupe.agent.FakeLlmServer.Reply;
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
 * {@link OpenAiCompatibleProvider} against {@link FakeLlmServer} speaking chat completions the way
 * llama.cpp's server and Ollama do ({@link OpenAiWire}): answers, streams, tool calls and errors.
 */
class OpenAiCompatibleProviderTest {
    private final String key = "sk-local-" + UUID.randomUUID();
    private FakeLlmServer server;
    private OpenAiCompatibleProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
        provider = OpenAiCompatibleProvider.builder(server.baseUrl() + "/v1/").apiKey(ApiKey.of(key, "test"))
                .timeout(Duration.ofSeconds(20)).build();
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private static LlmRequest question(String text) {
        return LlmRequest.builder(OpenAiWire.MODEL).system("Answer briefly.").message(LlmMessage.user(text))
                .maxTokens(128).build();
    }

    @Test
    void complete_plainAnswer_mapsTextStopReasonAndUsage_andSendsChatCompletions() {
        server.reply(Reply.json(200, OpenAiWire.completion("chatcmpl-1", "Hello.")));

        LlmResponse answer = provider.complete(question("Hi"));

        assertThat(answer.text()).isEqualTo("Hello.");
        assertThat(answer.stopReason()).isEqualTo("end_turn");
        assertThat(answer.usage()).isEqualTo(new LlmResponse.Usage(17, 6));
        assertThat(answer.model()).isEqualTo(OpenAiWire.MODEL);
        FakeLlmServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + key);
        assertThat(sent.body()).isEqualTo(json("{\"model\":\"" + OpenAiWire.MODEL + "\",\"max_tokens\":128,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Answer briefly.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}"));
    }

    @Test
    void stream_deliversDeltasInOrder_asTheyArrive_andReturnsTheCompleteAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // Chunks: role, "Local ", ... : hold after the first text.
        server.reply(Reply.sse(OpenAiWire.textStream("chatcmpl-2", List.of("Local ", "models ", "stream."))).holdingChunk(2, release));
        List<String> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<LlmResponse> answer = CompletableFuture.supplyAsync(() ->
                provider.stream(question("Stream?"), (index, text) -> seen.add(text)));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.equals(List.of("Local ")));
        assertThat(answer).isNotDone();
        release.countDown();
        LlmResponse complete = answer.get(10, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("Local ", "models ", "stream.");
        assertThat(complete.text()).isEqualTo("Local models stream.");
        assertThat(complete.stopReason()).isEqualTo("end_turn");
        assertThat(complete.usage()).isEqualTo(new LlmResponse.Usage(17, 9));
        assertThat(server.received().getFirst().body().path("stream").asBoolean()).isTrue();
        assertThat(server.received().getFirst().body().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void toolCall_roundTrip_sendsFunctionTools_thenTheCallAndAToolMessage() {
        server.reply(Reply.json(200, OpenAiWire.toolCall("chatcmpl-3", "call_1", "add", "{\"a\":2,\"b\":3}")),
                Reply.json(200, OpenAiWire.completion("chatcmpl-4", "5.")));
        LlmRequest request = LlmRequest.builder(OpenAiWire.MODEL).message(LlmMessage.user("2 + 3?"))
                .tool(AssistantActor.ADD).build();

        LlmResponse first = provider.complete(request);
        assertThat(first.stopReason()).isEqualTo(LlmResponse.TOOL_USE);
        assertThat(first.toolUses()).containsExactly(new ContentBlock.ToolUse("call_1", "add", json("{\"a\":2,\"b\":3}")));
        LlmResponse second = provider.complete(request.with(first.asMessage(), new LlmMessage(LlmMessage.Role.USER,
                List.of(new ContentBlock.ToolResult("call_1", "5", false)))));

        assertThat(second.text()).isEqualTo("5.");
        assertThat(server.received().getFirst().body().path("tools")).isEqualTo(json("[{\"type\":\"function\","
                + "\"function\":{\"name\":\"add\",\"description\":\"Adds two integers.\",\"parameters\":"
                + AssistantActor.ADD.inputSchema() + "}}]"));
        assertThat(server.received().get(1).body().path("messages")).isEqualTo(json("["
                + "{\"role\":\"user\",\"content\":\"2 + 3?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"add\",\"arguments\":\"{\\\"a\\\":2,\\\"b\\\":3}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"5\"}]"));
    }

    @Test
    void stream_ofAToolCall_accumulatesTheArguments() {
        server.reply(Reply.sse(OpenAiWire.toolCallStream("chatcmpl-5", "call_2", "add", List.of("{\"a\":", "4,\"b\"", ":5}"))));

        LlmResponse answer = provider.stream(question("4 + 5?"), (index, text) -> { });

        assertThat(answer.stopReason()).isEqualTo("tool_use");
        assertThat(answer.content()).containsExactly(new ContentBlock.ToolUse("call_2", "add", json("{\"a\":4,\"b\":5}")));
    }

    @ParameterizedTest
    @CsvSource({
            "429, rate_limit_error, agent/rate_limited",
            "503, unavailable_error, agent/overloaded",
            "400, invalid_request_error, agent/request_rejected",
            "404, not_found_error, agent/request_rejected",
            "401, authentication_error, agent/provider_error",
            "500, server_error, agent/provider_error"})
    void errorAnswer_mapsToAStableCode(int status, String type, String code) {
        server.reply(Reply.json(status, OpenAiWire.error(type, "the " + type)), Reply.json(status, OpenAiWire.error(type, "the " + type)));

        assertThatThrownBy(() -> provider.complete(question("Hi"))).isInstanceOfSatisfying(TroupeException.class, e -> {
            assertThat(e.error().qualifiedCode()).isEqualTo(code);
            assertThat(e.error().metadata()).containsEntry("provider", "openai-compatible").containsEntry("providerStatus", status);
            assertThat(e.getMessage()).contains("the " + type).doesNotContain(key);
        });
        assertThatThrownBy(() -> provider.stream(question("Hi"), (index, text) -> { }))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().qualifiedCode()).isEqualTo(code));
    }

    @Test
    void answerThatIsNotJson_isAProviderError() {
        server.reply(new Reply(200, "text/html", java.util.Map.of(), List.of("<html>proxy login</html>"), 0, new CountDownLatch(0)));

        assertThatThrownBy(() -> provider.complete(question("Hi"))).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().qualifiedCode()).isEqualTo("agent/provider_error"));
    }

    @Test
    void unreachableServer_isAProviderError_andToStringHidesTheKey() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (OpenAiCompatibleProvider nowhere = OpenAiCompatibleProvider.builder("http://127.0.0.1:" + closedPort + "/v1")
                .apiKey(ApiKey.of(key, "test")).build()) {
            assertThatThrownBy(() -> nowhere.complete(question("Hi"))).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.error().qualifiedCode()).isEqualTo("agent/provider_error"));
            assertThat(nowhere.toString()).doesNotContain(key).contains("127.0.0.1:" + closedPort);
        }
    }
}
