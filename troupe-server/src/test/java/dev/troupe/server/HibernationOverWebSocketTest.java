package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.host.Address;
import dev.troupe.testing.Sessions;
import dev.troupe.testing.SessionsActor;
import dev.troupe.testkit.TroupeTestKit;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSocket clients connected across their actor's sleep and wake, over the real server on
 * 127.0.0.1 with the kit's clock: the actor hibernates (leaves memory) while the sockets stay open,
 * and the next frame wakes it with every connection and its per-connection state
 * ({@code test-sessions} counts hits per socket).
 */
@Timeout(60)
class HibernationOverWebSocketTest {
    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(SessionsActor.class, type -> type.allow(CallerType.CLIENT).sleepAfter(Duration.ofMinutes(10)))
            .start();
    private final TestServer t = TestServer.start(kit.store(), kit.troupe(), UnaryOperator.identity());

    @AfterEach
    void stop() {
        t.close();
        kit.close();
    }

    private WsClient open(String key, String name) {
        WsClient ws = t.ws("/v1/actors/test-sessions/connect?key=" + key);
        ws.send("{\"type\":\"auth\",\"params\":{\"name\":\"" + name + "\"}}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        return ws;
    }

    private static long hit(WsClient ws, int id) {
        ws.send("{\"type\":\"action\",\"id\":" + id + ",\"name\":\"hit\",\"args\":[]}");
        return ws.next("result").get("output").asLong();
    }

    private boolean asleep() {
        kit.settle();
        return kit.troupe().stats().activeActors() == 0;
    }

    @Test
    void idleTimeout_hibernatesTheActor_andTheNextFrameWakesItWithEachSocketsState() {
        WsClient ada = open("idle", "ada");
        WsClient bob = open("idle", "bob");
        assertThat(hit(ada, 1)).isEqualTo(1);
        assertThat(hit(ada, 2)).isEqualTo(2);
        assertThat(hit(bob, 1)).isEqualTo(1);

        kit.clock().advance(Duration.ofMinutes(11));
        assertThat(asleep()).as("open sockets do not keep the actor awake").isTrue();

        assertThat(hit(ada, 3)).isEqualTo(3);
        assertThat(hit(bob, 2)).isEqualTo(2);
        kit.clock().advance(Duration.ofMinutes(11));
        assertThat(asleep()).isTrue();
        assertThat(hit(bob, 3)).isEqualTo(3);
        ada.close();
        bob.close();
    }

    @Test
    void forcedSleep_keepsTheSockets_andAnInProcessCallWakesTheActorWithThem() {
        WsClient ada = open("forced", "ada");
        hit(ada, 1);
        hit(ada, 2);

        ((dev.troupe.host.PlacedHost) t.troupe.host()).release(new Address("test-sessions", Key.of("forced"))).join();
        assertThat(asleep()).isTrue();

        assertThat(t.troupe.actor(Sessions.class, Key.of("forced")).sessions()).containsExactly("ada:2");
        assertThat(hit(ada, 3)).isEqualTo(3);
        ada.close();
    }

    @Test
    void socketClosedWhileTheActorSleeps_runsOnDisconnectWithItsState() {
        WsClient ada = open("closed", "ada");
        hit(ada, 1);
        ((dev.troupe.host.PlacedHost) t.troupe.host()).release(new Address("test-sessions", Key.of("closed"))).join();
        assertThat(asleep()).isTrue();

        ada.close();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> SessionsActor.ENDED.contains("closed:ada:1"));
    }
}
