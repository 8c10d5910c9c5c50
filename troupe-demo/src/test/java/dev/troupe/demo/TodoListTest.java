package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.sqlite.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The todo-list machine actor over HTTP and WebSocket: the owner (its creator) changes the list, other
 * clients watch it, a service archives, and no caller's private draft reaches another.
 */
class TodoListTest {
    private static final byte[] SECRET = "todo-test-secret-todo-test-secret!!".getBytes(StandardCharsets.UTF_8);
    private static final String LIST = "/v1/actors/todo-list";

    @TempDir
    Path dir;
    private Troupe troupe;
    private TroupeServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final TokenIssuer tokens = TokenIssuer.hs256(SECRET);
    private String owner;
    private String watcher;
    private String service;

    @BeforeEach
    void start() {
        troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(dir))).build();
        server = TroupeServer.start(troupe, ServerConfig.port(0).jwtSecret(SECRET));
        owner = tokens.client("olivia").issue();
        watcher = tokens.client("walt").issue();
        service = tokens.service("archiver").issue();
    }

    @AfterEach
    void stop() {
        server.close();
        troupe.close();
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply request(String method, String path, String body, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Json.mapper().readTree(response.body().isEmpty() ? "null" : response.body()));
    }

    private Reply send(String key, String token, String event) throws Exception {
        return request("POST", LIST + "/actions/send?key=" + key, "{\"args\":[" + event + "]}", token);
    }

    private JsonNode view(String key, String token) throws Exception {
        return request("GET", LIST + "/view?key=" + key, null, token).json().get("view");
    }

    @Test
    void ownerChangesTheList_othersWatch_andAServiceArchives() throws Exception {
        assertThat(request("POST", LIST + "?key=groceries", "{}", owner).status()).isEqualTo(201);
        send("groceries", owner, "{\"type\":\"ADD_TODO\",\"text\":\"milk\"}");
        send("groceries", owner, "{\"type\":\"ADD_TODO\",\"text\":\"eggs\"}");
        Reply intruded = send("groceries", watcher, "{\"type\":\"ADD_TODO\",\"text\":\"candy\"}");
        send("groceries", watcher, "{\"type\":\"DELETE_TODO\",\"id\":1}");
        send("groceries", owner, "{\"type\":\"TOGGLE_TODO\",\"id\":1}");
        Reply clientArchive = send("groceries", watcher, "{\"type\":\"ARCHIVE_DONE\"}");

        assertThat(intruded.status()).isEqualTo(200);
        JsonNode watched = view("groceries", watcher);
        assertThat(watched.at("/public/ownerId").asText()).isEqualTo("olivia");
        assertThat(watched.at("/public/todos").toString()).isEqualTo(
                "[{\"id\":1,\"text\":\"milk\",\"done\":true},{\"id\":2,\"text\":\"eggs\",\"done\":false}]");
        assertThat(watched.get("value").asText()).isEqualTo("active");
        assertThat(clientArchive.status()).isEqualTo(403);
        assertThat(clientArchive.json().get("code").asText()).isEqualTo("event_forbidden");

        Reply archived = send("groceries", service, "{\"type\":\"ARCHIVE_DONE\"}");
        assertThat(archived.status()).isEqualTo(200);
        assertThat(view("groceries", owner).at("/public/todos").toString())
                .isEqualTo("[{\"id\":2,\"text\":\"eggs\",\"done\":false}]");
        assertThat(view("groceries", owner).at("/public/archived").asInt()).isEqualTo(1);
    }

    @Test
    void drafts_arePrivateToEachCaller() throws Exception {
        request("POST", LIST + "?key=drafts", "{}", owner);
        send("drafts", owner, "{\"type\":\"SET_DRAFT\",\"text\":\"olivia's plan\"}");
        send("drafts", watcher, "{\"type\":\"SET_DRAFT\",\"text\":\"walt's plan\"}");

        JsonNode ownerView = view("drafts", owner);
        JsonNode watcherView = view("drafts", watcher);
        assertThat(ownerView.get("private").toString()).isEqualTo("{\"draft\":\"olivia's plan\"}");
        assertThat(watcherView.get("private").toString()).isEqualTo("{\"draft\":\"walt's plan\"}");
        assertThat(ownerView.toString()).doesNotContain("walt's plan");
        assertThat(watcherView.toString()).doesNotContain("olivia's plan");
    }

    @Test
    void overWebSocket_theOwnerAdds_theWatcherIsIgnored_andTheServiceOnlyEventIsRefused() throws Exception {
        request("POST", LIST + "?key=socket", "{}", owner);
        Socket ownerSocket = Socket.open(server, owner, "socket");
        Socket watcherSocket = Socket.open(server, watcher, "socket");

        JsonNode added = ownerSocket.call("{\"type\":\"ADD_TODO\",\"text\":\"bread\"}");
        JsonNode ignored = watcherSocket.call("{\"type\":\"ADD_TODO\",\"text\":\"cake\"}");
        JsonNode refused = watcherSocket.call("{\"type\":\"ARCHIVE_DONE\"}");
        JsonNode draft = watcherSocket.call("{\"type\":\"SET_DRAFT\",\"text\":\"walt's secret\"}");

        assertThat(added.at("/output/public/todos/0/text").asText()).isEqualTo("bread");
        assertThat(ignored.at("/output/public/todos").size()).isEqualTo(1);
        assertThat(refused.get("type").asText()).isEqualTo("error");
        assertThat(refused.get("code").asText()).isEqualTo("event_forbidden");
        assertThat(draft.at("/output/private/draft").asText()).isEqualTo("walt's secret");
        assertThat(ownerSocket.call("{\"type\":\"TOGGLE_TODO\",\"id\":1}").toString()).doesNotContain("walt's secret");
        ownerSocket.close();
        watcherSocket.close();
    }

    @Test
    void waitForState_answersWhenTheFirstTodoArrives() throws Exception {
        request("POST", LIST + "?key=waiting", "{}", owner);
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return request("GET", LIST + "/view?key=waiting&waitForState=active&waitMs=20000", null, watcher);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        send("waiting", owner, "{\"type\":\"ADD_TODO\",\"text\":\"tea\"}");

        Reply answered = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().at("/view/value").asText()).isEqualTo("active");
    }

    /** A WebSocket of one caller, sending events and reading each answer in turn. */
    private static final class Socket extends JsonFrames {
        private WebSocket socket;
        private int nextId = 1;

        static Socket open(TroupeServer server, String token, String key) throws Exception {
            Socket client = new Socket();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + LIST + "/connect?key=" + key), client)
                    .get(10, TimeUnit.SECONDS);
            client.socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true);
            assertThat(client.next().get("type").asText()).isEqualTo("welcome");
            return client;
        }

        JsonNode call(String event) throws Exception {
            int id = nextId++;
            socket.sendText("{\"type\":\"action\",\"id\":" + id + ",\"name\":\"send\",\"args\":[" + event + "]}", true);
            JsonNode frame = next();
            while (frame.path("id").asInt() != id) {
                frame = next();
            }
            return frame;
        }

        private JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(30, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 30 s").isNotNull();
            return frame;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
