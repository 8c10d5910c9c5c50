package dev.troupe.actorkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.troupe.Key;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import dev.troupe.testing.Counter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter over real HTTP and WebSocket, as actor-kit 0.47's client speaks it: snapshot fetches
 * with input and waits, durable event posts, the full snapshot on every connect and then diffs only
 * when this caller's snapshot changed, plain actors through a mapping, and Actor Kit tokens.
 */
class ActorKitAdapterTest {
    private static AkServer server;

    @BeforeAll
    static void start() {
        server = new AkServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newList() {
        return "list-" + UUID.randomUUID();
    }

    private static String path(String id) {
        return "/api/" + TodoMachine.TYPE + "/" + id;
    }

    @Test
    void snapshotFetch_createsTheActor_andAnswersTheCallersSnapshotWithItsChecksum() throws Exception {
        String id = newList();
        JsonNode answer = server.snapshot(id, AkServer.client("ann", id));
        JsonNode snapshot = answer.get("snapshot");
        assertThat(snapshot.get("public").get("ownerId").asText()).isEqualTo("ann");
        assertThat(snapshot.get("private")).isEqualTo(Json.mapper().createObjectNode());
        assertThat(snapshot.get("value").asText()).isEqualTo("empty");
        assertThat(answer.get("checksum").asText()).isEqualTo(CanonicalJson.checksum(snapshot));
    }

    @Test
    void eventPost_isAcknowledgedOnceApplied_andItsEffectIsInTheNextFetch() throws Exception {
        String id = newList();
        String ann = AkServer.client("ann", id);
        server.snapshot(id, ann);
        HttpResponse<String> posted = server.post(path(id), ann, "{\"type\":\"ADD_TODO\",\"text\":\"milk\"}");
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(posted.body())).isEqualTo(Json.mapper().readTree("{\"success\":true}"));
        JsonNode snapshot = server.snapshot(id, ann).get("snapshot");
        assertThat(snapshot.at("/public/todos").toString()).isEqualTo("[\"milk\"]");
        assertThat(snapshot.get("value").asText()).isEqualTo("active");
    }

    @Test
    void nonOwnersEvent_changesNothing() throws Exception {
        String id = newList();
        String ann = AkServer.client("ann", id);
        server.snapshot(id, ann);
        assertThat(server.post(path(id), AkServer.client("bob", id), "{\"type\":\"ADD_TODO\",\"text\":\"x\"}").statusCode())
                .isEqualTo(200);
        assertThat(server.snapshot(id, ann).at("/snapshot/public/todos")).isEmpty();
    }

    @Test
    void webSocket_sendsTheFullSnapshotOnConnect_thenDiffsOnlyWhenThisCallersSnapshotChanged() throws Exception {
        String id = newList();
        String ann = AkServer.client("ann", id);
        server.snapshot(id, ann);
        AkServer.Socket bob = server.connect(id, AkServer.client("bob", id));
        JsonNode first = bob.next();
        assertThat(first.get("operations")).extracting(op -> op.get("op").asText() + " " + op.get("path").asText())
                .containsExactlyInAnyOrder("add /private", "add /public", "add /value");
        assertThat(first.get("checksum").asText()).isEqualTo(CanonicalJson.checksum(
                server.snapshot(id, AkServer.client("bob", id)).get("snapshot")));

        server.post(path(id), ann, "{\"type\":\"SET_DRAFT\",\"text\":\"ann's secret\"}");
        server.post(path(id), ann, "{\"type\":\"ADD_TODO\",\"text\":\"milk\"}");
        JsonNode diff = bob.next();
        assertThat(diff.toString()).doesNotContain("ann's secret");
        assertThat(diff.get("operations")).extracting(op -> op.get("op").asText() + " " + op.get("path").asText())
                .containsExactlyInAnyOrder("add /public/todos/0", "replace /value");
        bob.close();
    }

    @Test
    void webSocketEvents_areRawEventFrames_andInvalidOnesAreDropped() throws Exception {
        String id = newList();
        String ann = AkServer.client("ann", id);
        AkServer.Socket socket = server.connect(id, ann);
        socket.next();
        socket.send("not json");
        socket.send("{\"type\":\"NOPE\"}");
        socket.send("{\"type\":\"ADD_TODO\",\"text\":\"bread\"}");
        JsonNode diff = socket.next();
        assertThat(diff.get("operations").toString()).contains("bread");
        socket.close();
    }

    @Test
    void waitForState_answersOnceMet_and408WhenNot_orTheSnapshotWithErrorOnWaitTimeoutFalse() throws Exception {
        String id = newList();
        String ann = AkServer.client("ann", id);
        server.snapshot(id, ann);
        HttpResponse<String> timedOut = server.get(path(id) + "?waitForState=%22active%22&timeout=50", ann);
        assertThat(timedOut.statusCode()).isEqualTo(408);
        assertThat(Json.mapper().readTree(timedOut.body()).get("code").asText()).isEqualTo("wait_timeout");
        HttpResponse<String> current = server.get(path(id) + "?waitForState=%22active%22&timeout=50&errorOnWaitTimeout=false", ann);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(current.body()).at("/snapshot/value").asText()).isEqualTo("empty");
        server.post(path(id), ann, "{\"type\":\"ADD_TODO\",\"text\":\"milk\"}");
        HttpResponse<String> met = server.get(path(id) + "?waitForState=%22active%22", ann);
        assertThat(Json.mapper().readTree(met.body()).at("/snapshot/value").asText()).isEqualTo("active");
    }

    @Test
    void plainActor_throughItsMapping() throws Exception {
        String token = AkServer.TOKENS.client("ann").actor("test-counter", Key.of("c1")).expiresIn(Duration.ofMinutes(5)).issue();
        assertThat(server.post("/api/test-counter/c1", token, "{\"type\":\"INCREMENT\",\"by\":3}").statusCode()).isEqualTo(200);
        assertThat(server.troupe.actor(Counter.class, Key.of("c1")).count()).isEqualTo(3);
        HttpResponse<String> snapshot = server.get("/api/test-counter/c1", token);
        assertThat(Json.mapper().readTree(snapshot.body()).at("/snapshot/value").asText()).isEqualTo("active");
    }

    @Test
    void tokenIssuer_mintsActorKitsFormat() throws Exception {
        String token = AkServer.TOKENS.client("ann").actor("todo-list", Key.of("groceries"))
                .expiresIn(Duration.ofMinutes(5)).issue();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isEqualTo("groceries");
        assertThat(jwt.getJWTClaimsSet().getAudience()).isEqualTo(List.of("todo-list"));
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("client-ann");
        assertThat(jwt.getJWTClaimsSet().getClaim("ctype")).isNull();
        assertThatThrownBy(() -> AkServer.TOKENS.client("ann").actor("todo-list").expiresIn(Duration.ofMinutes(5)).issue())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AkServer.TOKENS.client("ann").actor("todo-list", Key.of("g")).issue())
                .isInstanceOf(IllegalStateException.class);
    }
}
