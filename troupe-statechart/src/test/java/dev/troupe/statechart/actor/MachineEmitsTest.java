package dev.troupe.statechart.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.AccessRule;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.definition.EventDefinition;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.statechart.Implementations;
import dev.troupe.statechart.Machine;
import dev.troupe.store.MemoryStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A machine's declared emits ({@link MachineOptions.Builder#emits}) are the events of its type: they
 * are published with their schemas, an emit failing its schema or one not declared fails the turn and
 * changes nothing, and each reaches only the connections whose callers may receive it.
 */
class MachineEmitsTest {
    private static final String TYPE = "herald";
    private static final Caller ANN = Caller.client("ann");

    private final MemoryStore store = new MemoryStore();
    private Troupe troupe;

    /** An announced text, as the machine emits it. */
    record Announced(String type, String text) {
    }

    @BeforeEach
    void start() {
        Implementations implementations = Implementations.builder()
                .emit("announce", (context, event) -> emitted("ANNOUNCED").put("text", event.path("text").asText()))
                .emit("garble", (context, event) -> emitted("ANNOUNCED").put("text", 42))
                .emit("whisper", (context, event) -> emitted("SECRET"))
                .emit("leak", (context, event) -> emitted("GOSSIP"))
                .build();
        Machine machine = Machine.fromJson("""
                {"id": "herald", "initial": "open", "context": {"public": {}, "private": {}},
                 "states": {"open": {"on": {
                   "SAY": {"actions": ["announce", "whisper"]}, "GARBLE": {"actions": "garble"}, "LEAK": {"actions": "leak"}}}}}
                """, implementations);
        MachineOptions options = MachineOptions.builder()
                .event(CallerType.CLIENT, "SAY", Json.mapper().createObjectNode().put("type", "object"))
                .event(CallerType.CLIENT, "GARBLE", Json.mapper().createObjectNode())
                .event(CallerType.CLIENT, "LEAK", Json.mapper().createObjectNode())
                .emits("ANNOUNCED", Announced.class)
                .emits("SECRET", Json.mapper().createObjectNode().put("type", "object"))
                .build();
        troupe = Troupe.builder().store(store).validateEvents(true)
                .register(MachineActor.define(TYPE, machine, options), type -> type.allow(CallerType.CLIENT,
                        AccessRule.CREATE, AccessRule.CONNECT, MachineActor.SEND, AccessRule.event("ANNOUNCED")))
                .build();
    }

    @AfterEach
    void stop() {
        troupe.close();
    }

    private static ObjectNode emitted(String type) {
        return Json.mapper().createObjectNode().put("type", type);
    }

    private static Address address(String key) {
        return new Address(TYPE, Key.of(key));
    }

    private void send(String key, String event) throws Exception {
        HostedAction send = troupe.host().type(TYPE).action(MachineActor.SEND);
        try {
            troupe.host().call(address(key), send, send.decodeArgs(Json.mapper().readTree("[" + event + "]")), ANN,
                    CreateMode.GET_OR_CREATE, Input.none(), null).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private HostConnection connect(String key, ConnectionSink sink) throws Exception {
        return troupe.host().connect(address(key), ANN, Map.of(), sink, CreateMode.GET_OR_CREATE, Input.none())
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void declaredEmits_areTheTypesEvents_eachWithTheSchemaOfTheEmittedEvent() {
        List<EventDefinition> events = troupe.host().type(TYPE).events();

        assertThat(events).extracting(EventDefinition::name).containsExactly("ANNOUNCED", "SECRET");
        assertThat(events.getFirst().parameters().getFirst().schema().path("properties").path("text").path("type").asText())
                .isEqualTo("string");
    }

    @Test
    void aClientConnection_receivesTheEmitsItMayReceive_andNotTheOthers() throws Exception {
        Received received = new Received();
        HostConnection connection = connect("listen", received);
        connection.subscribe("*");

        send("listen", "{\"type\":\"SAY\",\"text\":\"hello\"}");
        send("listen", "{\"type\":\"SAY\",\"text\":\"again\"}");

        await().untilAsserted(() -> assertThat(received.events).hasSize(2));
        assertThat(received.events).allSatisfy(event -> assertThat(event).startsWith("ANNOUNCED "));
        assertThat(received.events.getFirst()).isEqualTo("ANNOUNCED [{\"type\":\"ANNOUNCED\",\"text\":\"hello\"}]");
        assertThatThrownBy(() -> connection.subscribe("SECRET")).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().qualifiedCode()).isEqualTo(ErrorCode.EVENT_FORBIDDEN.qualified()));
        assertThatThrownBy(() -> connection.subscribe("GOSSIP")).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().qualifiedCode()).isEqualTo(ErrorCode.EVENT_NOT_FOUND.qualified()));
        connection.close();
    }

    @Test
    void anEmitFailingItsSchema_orNotDeclared_failsTheTurn_andChangesNothing() throws Exception {
        send("refused", "{\"type\":\"SAY\",\"text\":\"first\"}");
        String before = store.find(TYPE, Key.of("refused")).orElseThrow().state();

        assertThatThrownBy(() -> send("refused", "{\"type\":\"GARBLE\"}")).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().qualifiedCode()).isEqualTo(ErrorCode.EVENT_INVALID_PAYLOAD.qualified()));
        assertThatThrownBy(() -> send("refused", "{\"type\":\"LEAK\"}")).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().qualifiedCode()).isEqualTo(ErrorCode.EVENT_UNDECLARED.qualified()));
        assertThat(store.find(TYPE, Key.of("refused")).orElseThrow().state()).isEqualTo(before);
    }

    @Test
    void anEmitDeclaredTwice_isRefusedWhenBuilt() {
        assertThatThrownBy(() -> MachineOptions.builder().emits("ANNOUNCED", Announced.class).emits("ANNOUNCED", Announced.class))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().qualifiedCode())
                        .isEqualTo(ErrorCode.INVALID_REGISTRATION.qualified()));
    }

    /** Records each event as its name and JSON arguments. */
    private static final class Received implements ConnectionSink {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void event(String name, List<Object> args) {
            events.add(name + " " + Json.mapper().valueToTree(args));
        }

        @Override
        public void closed(ActorError reason) {
        }
    }
}
