package dev.troupe.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Troupe;
import dev.troupe.demo.JsonFrames;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.sqlite.SqliteStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The chat over the real server on 127.0.0.1 and SQLite: the seed's commands as protocol v1 action
 * frames on a WebSocket (list the available and the running children, start, stop, send, get the
 * messages), the streamed answer and the rollup as events, bad commands answered with their codes,
 * the history by {@code GET} of the view, and the provider's key nowhere in what is stored or served.
 */
@Isolated("sets the chat's shared settings")
class ChatServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path data;
    private ChatFixture fixture;
    private Troupe troupe;
    private TroupeServer server;

    @BeforeEach
    void start() throws Exception {
        fixture = new ChatFixture();
        troupe = ChatFixture.register(Troupe.builder().store(SqliteStore.open(data))).build();
        server = TroupeServer.start(troupe, ServerConfig.port(0).host("127.0.0.1"));
    }

    @AfterEach
    void stop() {
        server.close();
        troupe.close();
        fixture.close();
    }

    @Test
    void theSeedsCommands_overAWebSocket_streamTheAnswer_andRollItUp() throws Exception {
        Socket socket = connect("?key=ada&key=c1");
        socket.send("{\"type\":\"subscribe\",\"id\":1,\"event\":\"*\"}");
        assertThat(socket.result(1)).isEqualTo(Json.mapper().nullNode());

        socket.action(2, "availableChildren", "[]");
        assertThat(socket.result(2)).extracting(child -> child.path("name").asText())
                .containsExactly("summariser", "extractor", "failing", "slow");
        socket.action(3, "startChild", "[\"extractor\"]");
        assertThat(socket.result(3)).isEqualTo(json("[\"extractor\"]"));
        socket.action(4, "runningChildren", "[]");
        assertThat(socket.result(4)).isEqualTo(json("[\"extractor\"]"));

        socket.action(5, "send", "[null, \"Read https://troupe.dev please\"]");
        assertThat(socket.result(5).path("id").asText()).isEqualTo("m1");
        assertThat(socket.event("generating", args -> true)).isEqualTo(json("[\"m2\",\"m1\"]"));
        List<String> streamed = new ArrayList<>();
        for (int i = 0; i < ChatFixture.PIECES.size(); i++) {
            streamed.add(socket.event("agent.delta", args -> true).get(1).asText());
        }
        assertThat(streamed).isEqualTo(ChatFixture.PIECES);
        assertThat(socket.event("message", args -> args.get(0).path("id").asText().equals("m2")).get(0).path("content").asText())
                .isEqualTo(ChatFixture.ANSWER);
        JsonNode rollup = socket.event("rollup", args -> args.get(0).path("messageId").asText().equals("m1")
                && args.get(0).path("complete").asBoolean()).get(0);
        assertThat(rollup.path("answers").path("extractor").path("result").path("links")).isEqualTo(json("[\"https://troupe.dev\"]"));

        socket.action(6, "messages", "[]");
        assertThat(socket.result(6)).extracting(message -> message.path("id").asText()).containsExactly("m1", "m2");
        socket.action(7, "stopChild", "[\"extractor\"]");
        assertThat(socket.result(7)).isEqualTo(json("[]"));

        HttpResponse<String> view = http.send(HttpRequest.newBuilder(server.uri().resolve(
                "/v1/actors/chat-conversation/view?key=ada&key=c1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(view.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(view.body()).path("view");
        assertThat(body.path("messages")).extracting(message -> message.path("content").asText())
                .containsExactly("Read https://troupe.dev please", ChatFixture.ANSWER);
        assertThat(body.path("rollups").get(0).path("messageId").asText()).isEqualTo("m1");
        assertThat(body.path("assistant").path("provider").asText()).isEqualTo("anthropic");
        assertThat(view.body()).doesNotContain(fixture.key);
        troupe.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(fixture.key);
            }
        }
    }

    @Test
    void badCommands_areAnsweredWithTheirCodes_andClientsCannotCallTheInternalActions() throws Exception {
        Socket socket = connect("?key=bob&key=c1");
        socket.action(1, "send", "[null, \"   \"]");
        assertThat(socket.error(1)).isEqualTo("user/invalid_message");
        socket.action(2, "startChild", "[\"nobody\"]");
        assertThat(socket.error(2)).isEqualTo("user/child_not_found");
        socket.action(3, "regenerate", "[\"m7\"]");
        assertThat(socket.error(3)).isEqualTo("user/message_not_found");
        socket.action(4, "rollupAnswer", "[\"m1\", \"extractor\", {\"status\":\"ok\",\"result\":1,\"error\":null}]");
        assertThat(socket.error(4)).isEqualTo("auth/forbidden");
        socket.action(5, "closeRollup", "[\"m1\"]");
        assertThat(socket.error(5)).isEqualTo("auth/forbidden");
        socket.action(6, "answer", "[\"m1\"]");
        assertThat(socket.error(6)).isEqualTo("auth/forbidden");
        socket.action(7, "send", "[\"m1\"]");
        assertThat(socket.error(7)).isEqualTo("request/invalid_args");
    }

    private Socket connect(String query) throws Exception {
        Socket socket = new Socket();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/v1/actors/chat-conversation/connect" + query);
        socket.socket = http.newWebSocketBuilder().buildAsync(uri, socket).get(10, TimeUnit.SECONDS);
        socket.send("{\"type\":\"subscribe\",\"id\":0,\"event\":\"message\"}");
        assertThat(socket.next(frame -> frame.path("type").asText().equals("welcome"))).isNotNull();
        return socket;
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    /** A WebSocket client that keeps every frame and finds them by kind. */
    private static final class Socket extends JsonFrames {
        private final List<JsonNode> seen = new ArrayList<>();
        WebSocket socket;

        void send(String frame) {
            socket.sendText(frame, true).join();
        }

        void action(int id, String name, String args) {
            send("{\"type\":\"action\",\"id\":" + id + ",\"name\":\"" + name + "\",\"args\":" + args + "}");
        }

        JsonNode result(int id) throws InterruptedException {
            JsonNode frame = next(f -> f.path("id").asInt(-1) == id && Stream.of("result", "error").anyMatch(f.path("type").asText()::equals));
            assertThat(frame.path("type").asText()).as(frame.toString()).isEqualTo("result");
            return frame.path("output");
        }

        String error(int id) throws InterruptedException {
            JsonNode frame = next(f -> f.path("id").asInt(-1) == id && Stream.of("result", "error").anyMatch(f.path("type").asText()::equals));
            assertThat(frame.path("type").asText()).as(frame.toString()).isEqualTo("error");
            return frame.path("group").asText() + "/" + frame.path("code").asText();
        }

        JsonNode event(String name, Predicate<JsonNode> args) throws InterruptedException {
            return next(f -> f.path("type").asText().equals("event") && f.path("name").asText().equals(name)
                    && args.test(f.path("args"))).path("args");
        }

        /** The first frame, seen or still to come, that matches; it is used up. */
        JsonNode next(Predicate<JsonNode> matches) throws InterruptedException {
            for (JsonNode frame : seen) {
                if (matches.test(frame)) {
                    seen.remove(frame);
                    return frame;
                }
            }
            while (true) {
                JsonNode frame = frames.poll(20, TimeUnit.SECONDS);
                if (frame == null) {
                    throw new AssertionError("no such frame; seen " + seen);
                }
                if (matches.test(frame)) {
                    return frame;
                }
                seen.add(frame);
            }
        }
    }
}
