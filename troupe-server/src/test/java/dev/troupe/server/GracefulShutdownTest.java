package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.RelayActor;
import dev.troupe.testing.WireFixtures;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    @Test
    void close_withSocketsStreamsAndKeptAliveConnectionsOpen_stopsWithoutWarnings() throws Exception {
        TestServer t = TestServer.start();
        try (SseClient sse = SseClient.open(t, "/v1/actors/test-board/events?key=tab")) {
            assertThat(t.get("/healthz").status()).isEqualTo(200);
            WsClient ws = t.ws("/v1/actors/test-board/connect?key=tab");
            ws.send("{\"type\":\"auth\"}");
            ws.next("welcome");
            assertThat(sse.next().comments().getFirst()).startsWith("welcome");

            List<ILoggingEvent> logged = logsOfThisThread(t.server::close);

            assertThat(logged).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
            assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("GoingAway"));
        } finally {
            t.close();
        }
    }

    /** What {@code action} logs on this thread (other test classes log on theirs in parallel). */
    private static List<ILoggingEvent> logsOfThisThread(Runnable action) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        String thread = Thread.currentThread().getName();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            action.run();
        } finally {
            root.detachAppender(appender);
        }
        return appender.list.stream().filter(event -> event.getThreadName().equals(thread)).toList();
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
