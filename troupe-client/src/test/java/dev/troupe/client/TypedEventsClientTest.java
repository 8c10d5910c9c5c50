package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Newsroom;
import dev.troupe.testing.NewsroomActor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Declared events through the Java client: a refused subscription reaches {@link RemoteConnection#onError}
 * with its code and drops its listeners, and a subscription to all carries only what the caller may receive.
 */
class TypedEventsClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private Troupe troupe;
    private TroupeServer server;
    private TroupeClient client;

    @BeforeEach
    void start() {
        troupe = Troupe.builder().store(new MemoryStore()).register(NewsroomActor.class, NewsroomActor::options).build();
        server = TroupeServer.start(troupe, ServerConfig.port(0));
        client = TroupeClient.connect(server.uri());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        troupe.close();
    }

    @Test
    void refusedSubscriptions_areErrorsWithTheirCodes_andAllCarriesOnlyTheAllowedEvents() {
        RemoteConnection connection = client.open(Newsroom.class, Key.of("client"));
        List<String> errors = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> audits = new CopyOnWriteArrayList<>();
        connection.onError((TroupeException e) -> errors.add(e.error().qualifiedCode() + " " + e.error().metadata().get("event")));
        connection.subscribe(NewsroomActor.AUDIT, (event, args) -> audits.add(event));
        connection.subscribe("gossip", (event, args) -> received.add(event));
        connection.subscribe("*", (event, args) -> received.add(event));
        await().atMost(WAIT).until(() -> errors.size() == 2);
        connection.subscribe("gossip", (event, args) -> received.add(event));
        await().atMost(WAIT).alias("frames are handled in order: this refusal follows the subscription to all")
                .until(() -> errors.size() == 3);

        Newsroom newsroom = troupe.actor(Newsroom.class, Key.of("client"));
        newsroom.post("ada", "one");
        newsroom.post("ada", "two");

        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(errors).containsExactlyInAnyOrder("event/forbidden audit", "event/not_found gossip", "event/not_found gossip");
        assertThat(received).containsExactly(NewsroomActor.POSTED, NewsroomActor.POSTED);
        assertThat(audits).isEmpty();
        assertThat(connection.state()).isEqualTo(RemoteConnection.State.OPEN);
        assertThat(connection.closeReason()).isNull();
    }
}
