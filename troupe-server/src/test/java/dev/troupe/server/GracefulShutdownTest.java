package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.RelayActor;
import dev.troupe.testing.WireFixtures;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link TroupeServer#close()}: in-flight calls finish, sockets close with 1001, new work is refused. */
class GracefulShutdownTest {

    @Test
    void close_finishesInFlightCalls_thenClosesSocketsWith1001() throws Exception {
        String relay = "slow-" + UUID.randomUUID();
        MemoryStore store = new MemoryStore();
        Troupe troupe = TestServer.builder(store)
                .register(RelayActor.class, type -> type.allow(CallerType.CLIENT)).build();
        TestServer t = TestServer.start(store, troupe, config -> config);
        try {
            WsClient ws = t.ws("/v1/actors/test-board/connect?key=stays");
            ws.send("{\"type\":\"auth\"}");
            ws.next("welcome");
            CompletableFuture<HttpResponse<String>> inFlight = t.http.sendAsync(HttpRequest.newBuilder(
                            t.uri("/v1/actors/test-relay/actions/waitForGate?key=" + relay))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> t.troupe.stats().activeActors() >= 2);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(t.server::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> refusing(t) || closing.isDone());

            assertThat(closing).isNotDone();
            assertThat(ws.isClosed()).isFalse();
            RelayActor.gate(relay).countDown();

            HttpResponse<String> answered = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).isEqualTo("{\"output\":\"opened\"}");
            assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("GoingAway"));
            closing.get(10, TimeUnit.SECONDS);
        } finally {
            RelayActor.gate(relay).countDown();
            t.close();
        }
    }

    /** Whether the server refuses new work: 503 on a kept-alive connection, or no new connection. */
    private static boolean refusing(TestServer t) {
        try {
            return t.get("/healthz").status() == 503;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
