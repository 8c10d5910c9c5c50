package dev.troupe.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.agent.AnthropicWire;
import dev.troupe.agent.FakeLlmServer;
import dev.troupe.agent.FakeLlmServer.Reply;
import dev.troupe.demo.DemoMain;
import dev.troupe.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash during a streamed answer: the demo server (a process of its own, answering with Claude's
 * wire format from a fake on 127.0.0.1) is killed with SIGKILL while the answer streams, after its
 * first pieces reached a subscriber. On restart no half answer is stored: the answer's turn is asked
 * again and stores the complete message, once. The key is in no log line.
 */
class ChatCrashTest {
    private static final Pattern SERVING = Pattern.compile("Troupe demo serving at (http://\\S+)/");
    private static final String CONVERSATION = "?key=ada&key=c1";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String key = "sk-ant-crash-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void killedWhileAnswerStreams_storesNoHalfAnswer_andAnswersAgainOnRestart() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeLlmServer llm = new FakeLlmServer()) {
            llm.reply(Reply.sse(AnthropicWire.textStream("msg_cut", List.of("Half ", "an ", "answer"))).holdingChunk(4, never));
            Process first = start(llm, 1);
            URI base = url(first, 1);
            CompletableFuture<Boolean> delta = firstDelta(base);
            assertThat(post(base, "send", "[null, \"Tell me about actors\"]").path("id").asText()).isEqualTo("m1");
            assertThat(delta.get(60, TimeUnit.SECONDS)).as("a piece of the answer reached a subscriber").isTrue();
            first.toHandle().destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            never.countDown();

            llm.otherwise(request -> Reply.sse(AnthropicWire.textStream("msg_whole", ChatFixture.PIECES)));
            Process second = start(llm, 2);
            try {
                URI again = url(second, 2);
                await().atMost(Duration.ofSeconds(60)).until(() -> view(again).path("messages").size() == 2);
                JsonNode messages = view(again).path("messages");
                assertThat(messages.get(1).path("id").asText()).isEqualTo("m2");
                assertThat(messages.get(1).path("parent").asText()).isEqualTo("m1");
                assertThat(messages.get(1).path("content").asText()).isEqualTo(ChatFixture.ANSWER);
                assertThat(messages.get(1).path("status").asText()).isEqualTo(Message.COMPLETE);
                assertThat(llm.received()).hasSize(2);
                assertThat(llm.received().get(1).body()).isEqualTo(llm.received().get(0).body());
                assertThat(List.of(String.valueOf(llm.received().get(1).header("x-api-key")),
                        String.valueOf(llm.received().get(1).header("authorization")))).containsAnyOf(key, "Bearer " + key);
            } finally {
                second.toHandle().destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (int i = 1; i <= 2; i++) {
            assertThat(Files.readString(dir.resolve("server-" + i + ".log"))).doesNotContain(key);
        }
    }

    private Process start(FakeLlmServer llm, int run) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(),
                "--port", "0", "--store", dir.resolve("data").toString(), "--web", dir.resolve("no-web").toString(),
                "--wasm", dir.resolve("no-wasm").toString(), "--chat-model", AnthropicWire.MODEL)
                .redirectError(dir.resolve("server-" + run + ".log").toFile());
        builder.environment().put("ANTHROPIC_API_KEY", key);
        builder.environment().put("ANTHROPIC_BASE_URL", llm.baseUrl());
        return builder.start();
    }

    /** Subscribes to the conversation's events over SSE; completes once a piece of an answer arrives. */
    private CompletableFuture<Boolean> firstDelta(URI base) throws Exception {
        CompletableFuture<Boolean> seen = new CompletableFuture<>();
        CountDownLatch open = new CountDownLatch(1);
        http.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/actors/chat-conversation/events" + CONVERSATION
                        + "&event=agent.delta")).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    open.countDown();
                    try (Stream<String> lines = response.body()) {
                        seen.complete(lines.anyMatch(line -> line.equals("event: agent.delta")));
                    }
                });
        assertThat(open.await(30, TimeUnit.SECONDS)).as("the event stream opened").isTrue();
        return seen;
    }

    private JsonNode post(URI base, String action, String args) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(
                        "/v1/actors/chat-conversation/actions/" + action + CONVERSATION))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":" + args + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).path("output");
    }

    private JsonNode view(URI base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(
                "/v1/actors/chat-conversation/view" + CONVERSATION)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body()).path("view");
    }

    private URI url(Process server, int run) throws Exception {
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = SERVING.matcher(line);
                    if (matcher.find()) {
                        url.complete(URI.create(matcher.group(1)));
                    }
                }
                url.completeExceptionally(new IllegalStateException("the server ended: "
                        + Files.readString(dir.resolve("server-" + run + ".log"))));
            } catch (java.io.IOException e) {
                url.completeExceptionally(e);
            }
        });
        return url.get(90, TimeUnit.SECONDS);
    }
}
