package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.host.HostConnection;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.testing.RelayActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection reads its own writes: its read-only calls never overtake its unanswered writes. */
class ConnectionOrderTest {
    private static final Address RELAY = new Address("test-relay", Key.of("ordered"));

    @Test
    void readOnlyCallOfAConnection_waitsForThatConnectionsEarlierWrite() throws Exception {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            ActorHost runtime = troupe.host();
            Caller caller = Caller.service("ordered-client");
            HostConnection connection = runtime.connect(RELAY, caller, Map.of(), new ConnectionSink() {
                @Override
                public void event(String name, List<Object> args) {
                }

                @Override
                public void closed(ActorError reason) {
                }
            }, CreateMode.GET_OR_CREATE, Input.none()).get(5, TimeUnit.SECONDS);

            CompletableFuture<Object> write = runtime.call(RELAY, runtime.type("test-relay").action("waitForGate"),
                    new Object[0], caller, CreateMode.GET, Input.none(), connection);
            CompletableFuture<Object> read = runtime.call(RELAY, runtime.type("test-relay").action("hops"),
                    new Object[0], caller, CreateMode.GET, Input.none(), connection);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());

            RelayActor.gate("ordered").countDown();
            assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo("opened");
            assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(1);

            assertThat(runtime.call(RELAY, runtime.type("test-relay").action("hops"), new Object[0], caller,
                    CreateMode.GET, Input.none(), connection).get(5, TimeUnit.SECONDS)).isEqualTo(1);
            connection.close();
        }
    }
}
