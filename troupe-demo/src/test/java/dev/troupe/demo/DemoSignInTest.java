package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo-only sign-in: a token per browser identity, accepted by the demo server, stable across sign-ins. */
class DemoSignInTest {
    private Troupe troupe;
    private TroupeServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        troupe = DemoActors.register(Troupe.builder().store(new MemoryStore())).build();
        server = TroupeServer.start(troupe, ServerConfig.port(0).jwtSecret(DemoSignIn.SECRET).mount(new DemoSignIn()));
    }

    @AfterEach
    void stop() {
        server.close();
        troupe.close();
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply post(String path, String body, @Nullable String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Json.mapper().readTree(response.body()));
    }

    private JsonNode signIn(String body) throws Exception {
        Reply reply = post("/demo-sign-in", body, null);
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
        return reply.json();
    }

    private Reply send(String token, String event) throws Exception {
        return post("/v1/actors/todo-list/actions/send?key=signed-in", "{\"args\":[" + event + "]}", token);
    }

    @Test
    void signIn_issuesAShortLivedTokenForAFreshOrTheSameId() throws Exception {
        JsonNode fresh = signIn("{}");
        JsonNode again = signIn("{\"id\":\"" + fresh.get("id").asText() + "\"}");

        assertThat(fresh.get("id").asText()).matches("guest-[0-9a-f]{12}");
        assertThat(again.get("id").asText()).isEqualTo(fresh.get("id").asText());
        assertThat(fresh.get("expiresInSeconds").asLong()).isEqualTo(DemoSignIn.TOKEN_TTL.toSeconds());
        assertThat(fresh.get("token").asText()).isNotEqualTo(signIn("{}").get("token").asText());
    }

    @Test
    void signedInCallers_areTheOwnerAndAWatcherOfATodoList() throws Exception {
        String owner = signIn("{\"id\":\"guest-owner\"}").get("token").asText();
        String watcher = signIn("{\"id\":\"guest-watcher\"}").get("token").asText();

        Reply added = send(owner, "{\"type\":\"ADD_TODO\",\"text\":\"milk\"}");
        Reply refused = send(watcher, "{\"type\":\"ADD_TODO\",\"text\":\"beer\"}");
        Reply ownerAgain = send(signIn("{\"id\":\"guest-owner\"}").get("token").asText(),
                "{\"type\":\"ADD_TODO\",\"text\":\"eggs\"}");

        assertThat(added.json().at("/output/public/ownerId").asText()).isEqualTo("guest-owner");
        assertThat(refused.json().at("/output/public/todos").size()).as(refused.json().toString()).isEqualTo(1);
        assertThat(ownerAgain.json().at("/output/public/todos").size()).isEqualTo(2);
    }

    @Test
    void signIn_refusesAnIdOutsideTheDemoShape() throws Exception {
        Reply reply = post("/demo-sign-in", "{\"id\":\"admin\"}", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("group").asText() + "/" + reply.json().get("code").asText())
                .isEqualTo("request/invalid_request");
    }
}
