package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.testing.WireFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tokens of {@code fixtures/wire/tokens.json} (minted by {@link TokenIssuer}; the TypeScript
 * client's {@code mintToken} makes the same ones) are accepted as the callers they name.
 */
class TokenFixtureTest {
    private static final JsonNode FIXTURE = WireFixtures.read("tokens.json");
    private static TestServer t;

    @BeforeAll
    static void start() {
        byte[] secret = FIXTURE.get("secret").asText().getBytes(StandardCharsets.UTF_8);
        t = TestServer.start(config -> config.jwtSecret(secret));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String bearer(String name) {
        for (JsonNode token : FIXTURE.get("tokens")) {
            if (token.get("name").asText().equals(name)) {
                return "Bearer " + token.get("token").asText();
            }
        }
        throw new IllegalArgumentException("no token named " + name + " in tokens.json");
    }

    @Test
    void restrictedClientToken_reachesItsActorOnly() {
        String token = bearer("client restricted to one actor");

        assertThat(t.post("/v1/actors/test-board/actions/post?key=fixture&key=room", "{\"args\":[\"hi\"]}",
                "Authorization", token).status()).isEqualTo(200);
        assertThat(t.post("/v1/actors/test-board/actions/post?key=fixture&key=other", "{\"args\":[\"hi\"]}",
                "Authorization", token).status()).isEqualTo(403);
        TestServer.Reply lifecycle = t.post("/v1/actors/test-lifecycle/actions/note?key=fixture",
                "{\"args\":[\"hi\"]}", "Authorization", token);
        assertThat(lifecycle.json().get("message").asText()).isEqualTo("the token is restricted to actor type 'test-board'");
    }

    @Test
    void serviceToken_isTheService() {
        TestServer.Reply reply = t.post("/v1/actors/test-lifecycle/actions/note?key=fixture-service",
                "{\"args\":[\"hi\"]}", "Authorization", bearer("service"));

        assertThat(reply.status()).isEqualTo(200);
    }
}
