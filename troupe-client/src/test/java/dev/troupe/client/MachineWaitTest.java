package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.statechart.Implementations;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.actor.MachineActor;
import dev.troupe.statechart.actor.MachineOptions;
import dev.troupe.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RemoteConnection#waitForState} and {@link RemoteConnection#waitForEvent} against a real server. */
class MachineWaitTest {
    private static final byte[] SECRET = "machine-wait-secret-machine-wait-secret".getBytes(StandardCharsets.UTF_8);
    private static final String DOOR = "client-door";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final MemoryStore store = new MemoryStore();
    private Troupe troupe;
    private TroupeServer server;
    private TroupeClient client;

    private static ActorDefinition door() {
        Machine machine = Machine.fromJson("""
                {"id": "door", "initial": "closed", "states": {
                   "closed": {"on": {"OPEN": "opened"}},
                   "opened": {"initial": "ajar", "on": {"CLOSE": "#door.closed"},
                              "states": {"ajar": {"on": {"PUSH": "wide"}}, "wide": {}}}}}
                """, Implementations.builder().build());
        JsonNode empty = WireJson.MAPPER.createObjectNode().put("type", "object");
        return MachineActor.define(DOOR, machine, MachineOptions.builder()
                .event(CallerType.CLIENT, "OPEN", empty)
                .event(CallerType.CLIENT, "PUSH", empty)
                .event(CallerType.CLIENT, "CLOSE", empty)
                .build());
    }

    @BeforeEach
    void start() {
        troupe = Troupe.builder().store(store).register(door(), type -> type.allow(CallerType.CLIENT)).build();
        server = TroupeServer.start(troupe, ServerConfig.port(0).jwtSecret(SECRET));
        client = TroupeClient.builder(server.uri()).token(TokenIssuer.hs256(SECRET).client("alice").issue()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        troupe.close();
    }

    private static JsonNode send(RemoteConnection door, String event) throws Exception {
        return door.call(MachineActor.SEND, Map.of("type", event)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void waitForState_completesOnceTheMachineIsInIt_orAtOnceIfItIs() throws Exception {
        RemoteConnection door = client.open(DOOR, Key.of("state"), Map.of());
        CompletableFuture<JsonNode> wide = door.waitForState(WireJson.MAPPER.readTree("{\"opened\":\"wide\"}"), WAIT);
        JsonNode closed = door.waitForState("closed", WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(closed.path("value").asText()).isEqualTo("closed");

        send(door, "OPEN");
        JsonNode opened = door.waitForState("opened", WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        send(door, "PUSH");

        assertThat(opened.path("value").toString()).isEqualTo("{\"opened\":\"ajar\"}");
        assertThat(wide.get(WAIT.toSeconds(), TimeUnit.SECONDS).path("value").toString())
                .isEqualTo("{\"opened\":\"wide\"}");
    }

    @Test
    void waitForEvent_completesOnceTheMachineProcessedOne() throws Exception {
        RemoteConnection door = client.open(DOOR, Key.of("event"), Map.of());
        send(door, "OPEN");
        CompletableFuture<JsonNode> closing = door.waitForEvent("CLOSE", WAIT);
        // The wait may be registered after a CLOSE: open and close until one is processed while it waits.
        await().atMost(WAIT).until(() -> {
            send(door, "CLOSE");
            send(door, "OPEN");
            return closing.isDone();
        });

        assertThat(closing.join().has("value")).isTrue();
    }

    @Test
    void waits_thatPass_failWithMachineWaitTimeout() {
        RemoteConnection door = client.open(DOOR, Key.of("timeout"), Map.of());

        assertThatThrownBy(() -> door.waitForState("opened", Duration.ofMillis(50)).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().qualifiedCode()).isEqualTo("machine/wait_timeout"));
        assertThatThrownBy(() -> door.waitForEvent("PUSH", Duration.ofMillis(50)).join())
                .cause().isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().qualifiedCode()).isEqualTo("machine/wait_timeout"));
    }
}
