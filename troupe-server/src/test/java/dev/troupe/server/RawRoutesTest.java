package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.AccessRule;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.TextWebSocket;
import dev.troupe.testing.Webhook;
import dev.troupe.testing.WebhookActor;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Actors' raw handlers on a real server: {@code /v1/actors/{type}/raw/…} and {@code /v1/ids/{id}/raw/…}
 * over HTTP (any method) and as a raw WebSocket, the {@code #raw} access rule, and bad input.
 */
class RawRoutesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HOOK = "/v1/actors/test-webhook/raw";
    private static TestServer t;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store)
                .register(WebhookActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.RAW, AccessRule.CREATE))
                .register(RecorderActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.CREATE))
                .build();
        t = TestServer.start(store, troupe, config -> config.maxBodyBytes(1024));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static Webhook webhook(String key) {
        return t.troupe.actor(Webhook.class, Key.of(key));
    }

    @Test
    void post_reachesTheHandler_withPathQueryHeadersAndBody_andTheChangeIsDurable() {
        TestServer.Reply reply = t.post(HOOK + "/hook?key=post&x=1&mode=getOrCreate&y=2", "ping",
                "Content-Type", "text/plain");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).isEqualTo("hits=1");
        assertThat(reply.headers().firstValue("x-hits")).hasValue("1");
        assertThat(reply.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(webhook("post").entries()).containsExactly("POST /hook?x=1&y=2 ping");
        assertThat(t.store.find("test-webhook", Key.of("post")).orElseThrow().state()).contains("POST /hook?x=1&y=2 ping");
    }

    @Test
    void get_andOtherMethods_reachTheHandler_byKeyAndById() {
        assertThat(t.get(HOOK + "/hook?key=methods").status()).isEqualTo(201);
        assertThat(t.send("PUT", HOOK + "/hook?key=methods", "put").status()).isEqualTo(201);
        assertThat(t.send("DELETE", HOOK + "/hook?key=methods", null).status()).isEqualTo(201);
        String id = t.get("/v1/actors/test-webhook?key=methods", "Authorization",
                "Bearer " + t.tokens().service("backend").issue()).json().get("id").asText();
        assertThat(t.send("PATCH", "/v1/ids/" + id + "/raw/hook?q=k", "patch").body()).isEqualTo("hits=4");

        assertThat(webhook("methods").entries()).containsExactly("GET /hook ", "PUT /hook put", "DELETE /hook ",
                "PATCH /hook?q=k patch");
    }

    @Test
    void bytes_comeBackAsSent() {
        TestServer.Reply reply = t.post(HOOK + "/bytes?key=bytes", "\u00e9t\u00e9");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(reply.body()).isEqualTo("\u00e9t\u00e9");
    }

    @Test
    void throwingHandler_leavesTheStateUnchanged_andAnswersAClearError() {
        t.post(HOOK + "/hook?key=throws", "one");

        TestServer.Reply broken = t.post(HOOK + "/fail?key=throws", "");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.code()).isEqualTo("actor/internal_error");
        TestServer.Reply refused = t.post(HOOK + "/refuse?key=throws", "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("user/refused");

        assertThat(webhook("throws").entries()).containsExactly("POST /hook one");
    }

    @Test
    void unhandled_is404RawNotHandled() {
        TestServer.Reply otherPath = t.get(HOOK + "/nowhere?key=unhandled");
        assertThat(otherPath.status()).isEqualTo(404);
        assertThat(otherPath.code()).isEqualTo("raw/not_handled");
        t.post("/v1/actors/test-recorder?key=plain", "");
        String service = "Bearer " + t.tokens().service("backend").issue();
        TestServer.Reply noHandler = t.get("/v1/actors/test-recorder/raw?key=plain", "Authorization", service);
        assertThat(noHandler.status()).isEqualTo(404);
        assertThat(noHandler.code()).isEqualTo("raw/not_handled");
    }

    @Test
    void rawHandlers_refusedWithoutAccess_overHttpAndWebSocket() throws Exception {
        t.post("/v1/actors/test-recorder?key=closed", "");

        TestServer.Reply http = t.post("/v1/actors/test-recorder/raw/x?key=closed", "secret");
        assertThat(http.status()).isEqualTo(403);
        assertThat(http.code()).isEqualTo("auth/forbidden");
        assertThat(handshakeStatus("/v1/actors/test-recorder/raw/x?key=closed")).isEqualTo(403);
    }

    @Test
    void oversizedBody_isRefused413() {
        TestServer.Reply reply = t.post(HOOK + "/hook?key=big", "x".repeat(2048));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.code()).isEqualTo("request/too_large");
        assertThat(t.store.find("test-webhook", Key.of("big"))).isEmpty();
    }

    @Test
    void badInput_getsPrecise4xx() throws Exception {
        assertThat(t.post("/v1/actors/no-such-type/raw/hook?key=a", "").code()).isEqualTo("actor/type_not_found");
        assertThat(t.get(HOOK + "/hook?key=absent&mode=get").code()).isEqualTo("actor/not_found");
        assertThat(t.get(HOOK + "/hook?key=a&mode=bogus").status()).isEqualTo(400);
        assertThat(t.get("/v1/ids/not-an-id/raw/hook").code()).isEqualTo("request/invalid_id");
        assertThat(t.get(HOOK + "/hook?key=a", "Authorization", "Bearer nonsense").code()).isEqualTo("auth/unauthorized");
        assertThat(handshakeStatus(HOOK + "/refuse?key=ws-refused")).isEqualTo(400);
        assertThat(t.get("/v1/actors/test-webhook/rawhook?key=a").code()).isEqualTo("request/not_found");
        assertThat(t.get(HOOK + "/%FF?key=a").code()).isEqualTo("request/invalid_request");
        assertThat(t.get(HOOK + "/hook?key=").code()).isEqualTo("request/invalid_key");
        assertThat(t.store.find("test-webhook", Key.of("a"))).isEmpty();
    }

    @Test
    void webSocket_echoesWithState_eachMessageAsATurn_andTheActorHearsTheClose() throws Exception {
        TextWebSocket socket = open(HOOK + "/chat?key=ws");
        assertThat(socket.next()).isEqualTo("welcome");
        socket.send("hello");
        assertThat(socket.next()).isEqualTo("hello#2");
        socket.send("boom");
        socket.send("again");
        assertThat(socket.next()).isEqualTo("again#3");

        socket.close();
        await("the close hook").atMost(WAIT).until(() -> webhook("ws").entries().size() == 4);
        assertThat(webhook("ws").entries()).containsExactly("open /chat", "ws:hello", "ws:again", "closed:channel/closed");
    }

    @Test
    void webSocket_closedByTheActor_closesWith1000_afterItsMessages() throws Exception {
        TextWebSocket socket = open(HOOK + "/chat?key=ws-bye");
        assertThat(socket.next()).isEqualTo("welcome");
        socket.send("bye");

        assertThat(socket.closeCode()).isEqualTo(1000);
    }

    private static TextWebSocket open(String pathAndQuery) throws Exception {
        return TextWebSocket.open(t.wsUri(pathAndQuery));
    }

    private static int handshakeStatus(String pathAndQuery) throws Exception {
        try {
            open(pathAndQuery).socket().abort();
            return 101;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
