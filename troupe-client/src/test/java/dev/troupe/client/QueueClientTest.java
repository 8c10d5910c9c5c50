package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TroupeClient#enqueue} against a real server: durable, in order, and the server's errors as thrown. */
class QueueClientTest {
    private Troupe troupe;
    private TroupeServer server;
    private TroupeClient client;

    @BeforeEach
    void start() {
        troupe = Troupe.builder().store(new MemoryStore()).schedulePollInterval(Duration.ofMillis(50))
                .register(RecorderActor.class, type -> {
                    RecorderActor.options(type);
                    type.allow(CallerType.CLIENT);
                }).build();
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
    void enqueue_deliversEachMessageOnce_inOrder() {
        Recorder recorder = troupe.actor(Recorder.class, Key.of("client-queue"));
        recorder.total();
        for (long n = 1; n <= 10; n++) {
            client.enqueue(Recorder.class, Key.of("client-queue"), RecorderActor.QUEUE, Map.of("from", "client", "n", n));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.total() == 10);
        assertThat(recorder.last("client")).isEqualTo(10);
        assertThat(recorder.outOfOrder()).isZero();
    }

    @Test
    void enqueue_toAnUnknownQueue_orAnAbsentActor_throwsTheServersError() {
        troupe.actor(Recorder.class, Key.of("client-bad")).total();

        assertThatThrownBy(() -> client.enqueue("test-recorder", Key.of("client-bad"), "nope", 1))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().qualifiedCode()).isEqualTo("queue/not_found"));
        assertThatThrownBy(() -> client.enqueue("test-recorder", Key.of("client-absent"), RecorderActor.QUEUE, 1))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().qualifiedCode()).isEqualTo("actor/not_found"));
    }
}
