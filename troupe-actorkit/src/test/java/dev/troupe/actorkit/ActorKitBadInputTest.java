package dev.troupe.actorkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.troupe.Key;
import dev.troupe.json.Json;
import dev.troupe.server.TokenIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad Actor Kit requests, each with its exact status and error code: tokens of the wrong kind,
 * malformed bodies and parameters, unknown and refused events. Afterwards the list is unchanged and the
 * server healthy.
 */
class ActorKitBadInputTest {
    private static final String ID = "corpus";
    private static final String PATH = "/api/" + TodoMachine.TYPE + "/" + ID;
    private static final String OWNER = AkServer.client("owner", ID);
    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("owner", OWNER),
            Map.entry("none", ""),
            Map.entry("v1", TokenIssuer.hs256(AkServer.SECRET).client("owner").expiresIn(Duration.ofMinutes(5)).issue()),
            Map.entry("system", signed("system-root", ID, TodoMachine.TYPE, AkServer.SECRET)),
            Map.entry("bare-client", signed("client", ID, TodoMachine.TYPE, AkServer.SECRET)),
            Map.entry("other-actor", AkServer.client("owner", "elsewhere")),
            Map.entry("other-type", signed("client-owner", ID, "other-type", AkServer.SECRET)),
            Map.entry("other-secret", signed("client-owner", ID, TodoMachine.TYPE,
                    "another-secret-another-secret-another!".getBytes(StandardCharsets.UTF_8))),
            Map.entry("expired", AkServer.TOKENS.client("owner").actor(TodoMachine.TYPE, Key.of(ID))
                    .expiresAt(Instant.now().minusSeconds(60)).issue()),
            Map.entry("not-a-jwt", "not.a.jwt"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AkServer server;
    private static String baseline;

    @BeforeAll
    static void start() throws Exception {
        server = new AkServer();
        server.post(PATH, OWNER, "{\"type\":\"ADD_TODO\",\"text\":\"milk\"}");
        baseline = server.snapshot(ID, OWNER).get("checksum").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String signed(String subject, String jti, String audience, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                    .jwtID(jti).audience(audience).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no token            | GET  | none         | ''                                 | 401 | auth/unauthorized
            v1 token            | GET  | v1           | ''                                 | 401 | auth/unauthorized
            system caller       | POST | system       | {"type":"CLEAR"}                   | 401 | auth/unauthorized
            sub without an id   | GET  | bare-client  | ''                                 | 401 | auth/unauthorized
            jti of another id   | GET  | other-actor  | ''                                 | 401 | auth/unauthorized
            aud of another type | GET  | other-type   | ''                                 | 401 | auth/unauthorized
            other secret        | POST | other-secret | {"type":"ADD_TODO","text":"x"}     | 401 | auth/unauthorized
            expired             | POST | expired      | {"type":"ADD_TODO","text":"x"}     | 401 | auth/unauthorized
            not a JWT           | GET  | not-a-jwt    | ''                                 | 401 | auth/unauthorized
            body not JSON       | POST | owner        | {"type":                           | 400 | request/invalid_json
            body an array       | POST | owner        | [1]                                | 400 | request/invalid_request
            event without type  | POST | owner        | {"text":"x"}                       | 400 | request/invalid_request
            unknown event       | POST | owner        | {"type":"NOPE"}                    | 400 | machine/unknown_event
            system event        | POST | owner        | {"type":"INITIALIZE"}              | 400 | machine/unknown_event
            payload off schema  | POST | owner        | {"type":"ADD_TODO","text":""}      | 400 | machine/invalid_event
            service-only event  | POST | owner        | {"type":"CLEAR"}                   | 403 | machine/event_forbidden
            """)
    void badRequests(String name, String method, String token, String body, int status, String code) throws Exception {
        HttpResponse<String> response = method.equals("GET") ? server.get(PATH, TOKENS.get(token))
                : server.post(PATH, TOKENS.get(token), body);
        assertRefused(response, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            waitForState not JSON           | ?waitForState=active                      | 400 | request/invalid_json
            waitForState no state value     | ?waitForState=5                           | 400 | request/invalid_request
            waitForEvent without type       | ?waitForEvent=%7B%7D                      | 400 | request/invalid_request
            both waits                      | ?waitForState=%22a%22&waitForEvent=%7B%22type%22%3A%22X%22%7D | 400 | request/invalid_request
            timeout not a number            | ?waitForState=%22active%22&timeout=soon   | 400 | request/invalid_request
            timeout over the maximum        | ?waitForState=%22active%22&timeout=999999 | 400 | request/invalid_request
            errorOnWaitTimeout not boolean  | ?waitForState=%22a%22&errorOnWaitTimeout=1 | 400 | request/invalid_request
            input not an object             | ?input=%5B%5D                             | 400 | request/invalid_request
            """)
    void badParameters(String name, String query, int status, String code) throws Exception {
        HttpResponse<String> response = server.get(PATH + query, OWNER);
        assertRefused(response, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type         | /api/nope/x             | 404 | actor/type_not_found
            a plain type unmapped | /api/test-ledger/x     | 501 | actor/not_supported
            four segments        | /api/ak-todos/corpus/x  | 404 | request/not_found
            """)
    void badPaths(String name, String path, int status, String code) throws Exception {
        HttpResponse<String> response = server.get(path, OWNER);
        assertRefused(response, status, code);
    }

    @Test
    void webSocketToken_thatLivesTooLongForAUrl_isRefusedBeforeTheUpgrade() throws Exception {
        String longLived = AkServer.TOKENS.client("owner").actor(TodoMachine.TYPE, Key.of(ID)).expiresIn(Duration.ofDays(30)).issue();
        URI uri = URI.create(server.server.uri().resolve(PATH).toString().replaceFirst("^http", "ws")
                + "?accessToken=" + URLEncoder.encode(longLived, StandardCharsets.UTF_8));
        Throwable failure = null;
        try {
            HTTP.newWebSocketBuilder().buildAsync(uri, new AkServer.Socket()).join();
        } catch (CompletionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(401);
        assertUnchangedAndHealthy();
    }

    @Test
    void webSocketFromAPageOfAnotherOrigin_isRefusedBeforeTheUpgrade_butOneOfTheServersOwnOriginOpens() throws Exception {
        URI uri = URI.create(server.server.uri().resolve(PATH).toString().replaceFirst("^http", "ws")
                + "?accessToken=" + URLEncoder.encode(OWNER, StandardCharsets.UTF_8));
        Throwable failure = null;
        try {
            HTTP.newWebSocketBuilder().header("Origin", "https://evil.example").buildAsync(uri, new AkServer.Socket()).join();
        } catch (CompletionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> refusal = ((WebSocketHandshakeException) failure).getResponse();
        assertThat(refusal.statusCode()).isEqualTo(403);
        assertThat(refusal.body().toString()).contains("origin_not_allowed");
        String own = "http://127.0.0.1:" + server.server.uri().getPort();
        HTTP.newWebSocketBuilder().header("Origin", own).buildAsync(uri, new AkServer.Socket()).join()
                .sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        assertUnchangedAndHealthy();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = Json.mapper().readTree(response.body());
        assertThat(error.get("group").asText() + "/" + error.get("code").asText()).isEqualTo(code);
        assertUnchangedAndHealthy();
    }

    private static void assertUnchangedAndHealthy() throws Exception {
        assertThat(server.snapshot(ID, OWNER).get("checksum").asText()).isEqualTo(baseline);
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(server.server.uri().resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
