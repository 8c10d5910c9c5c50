package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.testing.WireFixtures;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A token restricted to one actor type is refused every operation on another type, by the runtime,
 * through HTTP, WebSocket, SSE and in-process alike, with the same code and message.
 */
class TokenScopeEverywhereTest {
    private static final String MESSAGE = "the token is restricted to actor type 'test-counter'";
    private static final String BOARD = "/v1/actors/test-board";
    private static final Address TARGET = new Address("test-board", Key.of("scoped"));
    private static final Caller SCOPED = new Caller(CallerType.CLIENT, "alice", Map.of(Caller.SCOPE_TYPE, "test-counter"));
    private static TestServer t;
    private static String token;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        token = t.tokens().client("alice").actor("test-counter").issue();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /**
     * What a refusal looked like: its status (a WebSocket's close code as the status it stands for) and
     * its error, where the transport shows one (a refused handshake shows only its status).
     */
    private record Refusal(int status, @Nullable String code, @Nullable String message) {
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                http("action", () -> t.post(BOARD + "/actions/note?key=scoped", "{\"args\":[\"x\"]}", auth())),
                http("create", () -> t.post(BOARD + "?key=scoped", "{}", auth())),
                http("info", () -> t.get(BOARD + "?key=scoped", auth())),
                http("destroy", () -> t.send("DELETE", BOARD + "?key=scoped", "", auth())),
                http("view", () -> t.get(BOARD + "/view?key=scoped&mode=getOrCreate", auth())),
                http("view wait", () -> t.get(BOARD + "/view?key=scoped&after=x&waitMs=10", auth())),
                http("SSE connect and subscribe", () -> t.get(BOARD + "/events?key=scoped&event=noted", auth())),
                Arguments.of("WebSocket upgrade with a header token", (Function<TestServer, Refusal>) server -> {
                    try {
                        server.http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                                .buildAsync(server.wsUri(BOARD + "/connect?key=scoped"), new WsClient())
                                .get(10, TimeUnit.SECONDS);
                        return new Refusal(101, "", "");
                    } catch (ExecutionException e) {
                        int status = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
                        return new Refusal(status, null, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                Arguments.of("WebSocket auth frame (connect, subscribe, view sync)",
                        (Function<TestServer, Refusal>) server -> {
                            WsClient ws = server.ws(BOARD + "/connect?key=scoped");
                            ws.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                            JsonNode error = ws.next();
                            int close = ws.closeCode() == WireFixtures.closeCode("Forbidden") ? 403 : ws.closeCode();
                            return new Refusal(close, error.get("group").asText() + "/" + error.get("code").asText(),
                                    error.get("message").asText());
                        }),
                inProcess("in-process call", host -> host.call(TARGET, host.type("test-board").action("note"),
                        new Object[] {"x"}, SCOPED, CreateMode.GET_OR_CREATE, Input.none(), null)),
                inProcess("in-process create", host -> host.create(TARGET, Input.none(), SCOPED, Duration.ofSeconds(5))),
                inProcess("in-process info", host -> host.info(TARGET, SCOPED)),
                inProcess("in-process destroy", host -> {
                    host.destroy(TARGET, SCOPED, Duration.ofSeconds(5));
                    return null;
                }),
                inProcess("in-process view", host -> host.view(TARGET, SCOPED, CreateMode.GET_OR_CREATE, Input.none())),
                inProcess("in-process connect and subscribe", host -> host.connect(TARGET, SCOPED, Map.of(),
                        new ConnectionSink() {
                            @Override
                            public void event(String name, List<Object> args) {
                            }

                            @Override
                            public void closed(ActorError reason) {
                            }
                        }, CreateMode.GET_OR_CREATE, Input.none())),
                inProcess("in-process authorize", host -> {
                    host.authorize(TARGET, SCOPED, "#connect");
                    return null;
                }));
    }

    private static String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static Arguments http(String name, java.util.function.Supplier<TestServer.Reply> request) {
        return Arguments.of("HTTP " + name, (Function<TestServer, Refusal>) server -> {
            TestServer.Reply reply = request.get();
            return new Refusal(reply.status(), reply.code(), reply.json().get("message").asText());
        });
    }

    private static Arguments inProcess(String name, Function<ActorHost, Object> operation) {
        return Arguments.of(name, (Function<TestServer, Refusal>) server -> {
            try {
                Object result = operation.apply(server.troupe.host());
                if (result instanceof CompletableFuture<?> future) {
                    future.get(10, TimeUnit.SECONDS);
                }
                return new Refusal(200, "", "");
            } catch (TroupeException e) {
                return refusal(e);
            } catch (ExecutionException e) {
                return refusal((TroupeException) e.getCause());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Refusal refusal(TroupeException e) {
        return new Refusal(e.status(), e.error().qualifiedCode(), e.error().message());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aTokenForAnotherType_isRefused(String operation, Function<TestServer, Refusal> attempt) {
        Refusal refusal = attempt.apply(t);

        assertThat(refusal.status()).isEqualTo(403);
        if (refusal.code() != null) {
            assertThat(refusal).isEqualTo(new Refusal(403, "auth/forbidden", MESSAGE));
        }
    }
}
