package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.troupe.Key;
import dev.troupe.testing.WireFixtures;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bearer tokens and access rules over HTTP, WebSocket and SSE. */
class AuthTest {
    private static final String GUARDED = "/v1/actors/test-lifecycle/actions/note?key=guarded";
    private static final String NOTE = "{\"args\":[\"hi\"]}";
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static TestServer.Reply guarded(String... headers) {
        return t.post(GUARDED, NOTE, headers);
    }

    @Test
    void noToken_isTheAnonymousClient_deniedByDefault() {
        TestServer.Reply reply = t.post("/v1/actors/test-lifecycle/actions/note?key=untouched", NOTE);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("auth/forbidden");
        assertThat(reply.json().get("message").asText()).contains("client caller 'anonymous'");
        assertThat(t.get("/v1/actors/test-lifecycle?key=untouched", "Authorization",
                bearer(t.tokens().service("ops").issue())).status()).isEqualTo(404);
    }

    @Test
    void serviceToken_isAllowed() {
        TestServer.Reply reply = guarded("Authorization", bearer(t.tokens().service("billing").issue()));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void clientToken_isDeniedWhereClientsAreNotAllowed() {
        TestServer.Reply reply = guarded("Authorization", bearer(t.tokens().client("alice").issue()));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("message").asText()).contains("client caller 'alice'");
    }

    @Test
    void expiredToken_is401() {
        String token = t.tokens().service("late").expiresAt(Instant.now().minusSeconds(60)).issue();

        TestServer.Reply reply = guarded("Authorization", bearer(token));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("auth/unauthorized");
        assertThat(reply.json().get("message").asText()).startsWith("the token expired at");
    }

    @Test
    void tamperedToken_is401() {
        String token = t.tokens().client("alice").issue();
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"alice\",\"ctype\":\"service\"}".getBytes(StandardCharsets.UTF_8));

        TestServer.Reply reply = guarded("Authorization", bearer(parts[0] + "." + forged + "." + parts[2]));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("message").asText()).isEqualTo("the token signature is invalid");
    }

    @Test
    void tokenOfAnotherSecret_is401() {
        String token = TokenIssuer.hs256("another-secret-another-secret-another!".getBytes(StandardCharsets.UTF_8))
                .service("intruder").issue();

        assertThat(guarded("Authorization", bearer(token)).code()).isEqualTo("auth/unauthorized");
    }

    @Test
    void unsignedToken_is401() {
        String token = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().subject("x")
                .claim("ctype", "service").build()).serialize();

        TestServer.Reply reply = guarded("Authorization", bearer(token));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void systemCallerType_isNeverAcceptedFromTheWire() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject("root").claim("ctype", "system").build());
        jwt.sign(new MACSigner(TestServer.SECRET));

        TestServer.Reply reply = guarded("Authorization", bearer(jwt.serialize()));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("message").asText()).isEqualTo("ctype 'system' is never accepted from the wire");
    }

    @Test
    void missingCallerType_andMissingSubject_are401() throws Exception {
        SignedJWT noType = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject("x").build());
        noType.sign(new MACSigner(TestServer.SECRET));
        SignedJWT noSubject = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().claim("ctype", "client").build());
        noSubject.sign(new MACSigner(TestServer.SECRET));

        assertThat(guarded("Authorization", bearer(noType.serialize())).status()).isEqualTo(401);
        assertThat(guarded("Authorization", bearer(noSubject.serialize())).json().get("message").asText())
                .isEqualTo("the token has no subject (sub)");
    }

    @Test
    void otherSchemeOrGarbage_is401() {
        assertThat(guarded("Authorization", "Basic dXNlcjpwYXNz").code()).isEqualTo("auth/unauthorized");
        assertThat(guarded("Authorization", "Bearer not-a-jwt").code()).isEqualTo("auth/unauthorized");
        assertThat(guarded("Authorization", "Bearer ").code()).isEqualTo("auth/unauthorized");
    }

    @Test
    void tokenRestrictedToAnotherType_is403() {
        String token = t.tokens().service("scoped").actor("test-counter").issue();

        TestServer.Reply reply = guarded("Authorization", bearer(token));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("message").asText()).isEqualTo("the token is restricted to actor type 'test-counter'");
    }

    @Test
    void tokenRestrictedToAnotherKey_is403_andToItsKey_isAllowed() {
        String token = t.tokens().service("scoped").actor("test-lifecycle", Key.of("other")).issue();
        String own = t.tokens().service("scoped").actor("test-lifecycle", Key.of("guarded")).issue();

        assertThat(guarded("Authorization", bearer(token)).status()).isEqualTo(403);
        assertThat(guarded("Authorization", bearer(own)).status()).isEqualTo(200);
    }

    @Test
    void callerIdentity_reachesTheActor() {
        String alice = bearer(t.tokens().client("alice").issue());
        String bob = bearer(t.tokens().client("bob").issue());
        t.post("/v1/actors/test-board/actions/note?key=who", "{\"args\":[\"alice's\"]}", "Authorization", alice);
        t.post("/v1/actors/test-board/actions/note?key=who", "{\"args\":[\"bob's\"]}", "Authorization", bob);

        JsonNode aliceView = t.get("/v1/actors/test-board/view?key=who", "Authorization", alice).json();

        assertThat(aliceView.at("/view/mine").toString()).isEqualTo("[\"alice's\"]");
    }

    @Test
    void webSocket_badTokenInAuthFrame_closes4001() {
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=ws-auth");

        ws.send("{\"type\":\"auth\",\"token\":\"garbage\"}");

        JsonNode error = ws.next();
        assertThat(error.get("code").asText()).isEqualTo("unauthorized");
        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("Unauthorized"));
    }

    @Test
    void webSocket_expiredTokenInAuthFrame_closes4001() {
        String token = t.tokens().client("late").expiresAt(Instant.now().minusSeconds(5)).issue();
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=ws-auth");

        ws.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");

        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("Unauthorized"));
    }

    @Test
    void webSocket_tokenForAnotherActor_closes4003() {
        String token = t.tokens().client("alice").actor("test-board", Key.of("elsewhere")).issue();
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=ws-auth");

        ws.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");

        assertThat(ws.next().get("code").asText()).isEqualTo("forbidden");
        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("Forbidden"));
    }

    @Test
    void webSocket_anonymousToADeniedType_closes4003() {
        WsClient ws = t.ws("/v1/actors/test-lifecycle/connect?key=ws-denied");

        ws.send("{\"type\":\"auth\"}");

        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("Forbidden"));
    }

    @Test
    void webSocket_serviceTokenInHeader_connectsAtOnce() {
        WsClient ws = t.ws("/v1/actors/test-lifecycle/connect?key=ws-service",
                "Authorization", bearer(t.tokens().service("ops").issue()));

        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        ws.send("{\"type\":\"auth\"}");
        JsonNode error = ws.next();
        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        ws.close();
    }

    @Test
    void webSocket_badTokenInHeader_isRefusedAtTheHandshakeWith401() {
        assertThatThrownBy(() -> t.http.newWebSocketBuilder().header("Authorization", "Bearer garbage")
                .buildAsync(t.wsUri("/v1/actors/test-board/connect?key=x"), new WsClient()).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
    }

    @Test
    void sse_acceptsAShortLivedQueryToken_only() {
        String shortLived = t.tokens().service("browser").expiresIn(Duration.ofMinutes(1)).issue();
        String longLived = t.tokens().service("browser").expiresIn(Duration.ofHours(1)).issue();
        String forever = t.tokens().service("browser").issue();

        TestServer.Reply refusedLong = t.get("/v1/actors/test-lifecycle/events?key=sse&token=" + longLived);
        TestServer.Reply refusedForever = t.get("/v1/actors/test-lifecycle/events?key=sse&token=" + forever);
        TestServer.Reply both = t.get("/v1/actors/test-lifecycle/events?key=sse&token=" + shortLived,
                "Authorization", bearer(shortLived));

        assertThat(refusedLong.status()).isEqualTo(401);
        assertThat(refusedLong.json().get("message").asText()).contains("must expire within 300 s");
        assertThat(refusedForever.status()).isEqualTo(401);
        assertThat(both.status()).isEqualTo(400);
        SseClient sse = SseClient.open(t, "/v1/actors/test-lifecycle/events?key=sse&token=" + shortLived);
        assertThat(sse.status()).isEqualTo(200);
        sse.close();
    }

    @Test
    void sse_anonymousToADeniedType_is403() {
        assertThat(t.get("/v1/actors/test-lifecycle/events?key=sse-denied").status()).isEqualTo(403);
    }
}
