package dev.troupe.statechart.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Machine actors in-process: events per caller type, refusals that change nothing, the system events
 * with their payloads, durable delays across sleep and restart, and each caller's private view.
 */
class MachineActorTest {
    private static final Caller ANN = Caller.client("ann");
    private static final Caller BOB = Caller.client("bob");
    private static final Caller BILLING = Caller.service("billing");

    private final MemoryStore store = new MemoryStore();
    private final List<Troupe> runtimes = new ArrayList<>();
    private Troupe troupe;

    @BeforeEach
    void start() {
        troupe = runtime(ProbeMachine.definition());
    }

    @AfterEach
    void stop() {
        runtimes.forEach(Troupe::close);
    }

    private Troupe runtime(ActorDefinition definition) {
        return runtime(definition, Duration.ofMinutes(5));
    }

    private Troupe runtime(ActorDefinition definition, Duration sleepAfter) {
        Troupe runtime = Troupe.builder().store(store)
                .register(definition, type -> type.allow(CallerType.CLIENT))
                .schedulePollInterval(Duration.ofMillis(50))
                .idleCheckInterval(Duration.ofMillis(20))
                .sleepAfter(sleepAfter)
                .build();
        runtimes.add(runtime);
        return runtime;
    }

    private static Address address(String key) {
        return new Address(ProbeMachine.TYPE, Key.of(key));
    }

    private JsonNode send(String key, Caller caller, String event) throws Exception {
        HostedAction send = troupe.host().type(ProbeMachine.TYPE).action(MachineActor.SEND);
        try {
            Object view = troupe.host().call(address(key), send, send.decodeArgs(json("[" + event + "]")), caller,
                    CreateMode.GET_OR_CREATE, Input.none(), null).get(30, TimeUnit.SECONDS);
            return Json.mapper().valueToTree(view);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private JsonNode view(String key, Caller caller) throws Exception {
        return Json.mapper().valueToTree(troupe.host().view(address(key), caller, CreateMode.GET, Input.none())
                .get(30, TimeUnit.SECONDS));
    }

    private String stored(String key) {
        return store.find(ProbeMachine.TYPE, Key.of(key)).orElseThrow().state();
    }

    private List<String> logged(String key) throws Exception {
        List<String> types = new ArrayList<>();
        view(key, ANN).path("public").path("log").forEach(event -> types.add(event.path("type").asText()));
        return types;
    }

    private JsonNode loggedEvent(String key, String type) throws Exception {
        for (JsonNode event : view(key, ANN).path("public").path("log")) {
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in the log of " + key);
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private void refused(String key, Caller caller, String event, ErrorCode code) throws Exception {
        send(key, ANN, "{\"type\":\"NOTE\",\"text\":\"before\"}");
        String before = stored(key);
        assertThatThrownBy(() -> send(key, caller, event)).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().qualifiedCode()).isEqualTo(code.qualified()));
        assertThat(stored(key)).isEqualTo(before);
    }

    @Test
    void send_answersTheCallersView_withTheServerAttachedCaller() throws Exception {
        JsonNode view = send("send", ANN, "{\"type\":\"NOTE\",\"text\":\"hi\",\"caller\":{\"type\":\"service\",\"id\":\"forged\"}}");

        assertThat(view.path("private").path("draft").asText()).isEqualTo("hi");
        assertThat(view.path("value").asText()).isEqualTo("idle");
        assertThat(view.path("private").has("forged")).isFalse();
        assertThat(json(stored("send")).at("/snapshot/context/private").fieldNames()).toIterable().containsExactly("ann");
    }

    @Test
    void privateContext_reachesOnlyItsOwnCaller() throws Exception {
        send("private", ANN, "{\"type\":\"NOTE\",\"text\":\"ann's draft\"}");
        send("private", BOB, "{\"type\":\"NOTE\",\"text\":\"bob's draft\"}");

        assertThat(view("private", ANN).path("private").toString()).isEqualTo("{\"draft\":\"ann's draft\"}");
        assertThat(view("private", BOB).path("private").toString()).isEqualTo("{\"draft\":\"bob's draft\"}");
        assertThat(view("private", BOB).toString()).doesNotContain("ann's draft");
        assertThat(view("private", Caller.client("carol")).path("private").toString()).isEqualTo("{}");
    }

    @Test
    void unknownEvent_isRefused_andChangesNothing() throws Exception {
        refused("unknown", ANN, "{\"type\":\"EXPLODE\"}", ErrorCode.MACHINE_UNKNOWN_EVENT);
    }

    @Test
    void eventFailingItsSchema_isRefused_andChangesNothing() throws Exception {
        refused("schema", ANN, "{\"type\":\"NOTE\",\"text\":5}", ErrorCode.MACHINE_INVALID_EVENT);
        refused("schema", BILLING, "{\"type\":\"AUDIT\"}", ErrorCode.MACHINE_INVALID_EVENT);
    }

    @Test
    void clientSendingAServiceOnlyEvent_isForbidden_whileTheServiceMaySendIt() throws Exception {
        refused("service-only", ANN, "{\"type\":\"AUDIT\",\"by\":\"ann\"}", ErrorCode.MACHINE_EVENT_FORBIDDEN);

        send("service-only", BILLING, "{\"type\":\"AUDIT\",\"by\":\"billing\"}");
        assertThat(loggedEvent("service-only", "AUDIT").path("caller").toString())
                .isEqualTo("{\"type\":\"service\",\"id\":\"billing\"}");
    }

    @Test
    void systemEventsAndDelayEvents_cannotBeSentByClients() throws Exception {
        refused("reserved", ANN, "{\"type\":\"RESUME\"}", ErrorCode.MACHINE_UNKNOWN_EVENT);
        refused("reserved", ANN, "{\"type\":\"xstate.after.300.probe.waiting\"}", ErrorCode.MACHINE_UNKNOWN_EVENT);
    }

    @Test
    void eventlessLoop_isMachineLoop_andTheStateIsUnchanged() throws Exception {
        refused("loop", ANN, "{\"type\":\"LOOP\"}", ErrorCode.MACHINE_LOOP);
        assertThat(view("loop", ANN).path("value").asText()).isEqualTo("idle");
    }

    @Test
    void initialize_carriesTheCreatorAndTheInput() throws Exception {
        troupe.host().create(address("init"), Input.of(json("{\"title\":\"groceries\"}")), BOB, Duration.ofSeconds(30));

        JsonNode initialize = loggedEvent("init", MachineActor.INITIALIZE);
        assertThat(initialize.path("caller").toString()).isEqualTo("{\"type\":\"client\",\"id\":\"bob\"}");
        assertThat(initialize.path("input").toString()).isEqualTo("{\"title\":\"groceries\"}");
        assertThat(logged("init")).containsExactly(MachineActor.INITIALIZE);
    }

    @Test
    void connectAndDisconnect_carryTheCallerAndTheConnection() throws Exception {
        HostConnection connection = troupe.host().connect(address("connect"), ANN, Map.of(), new Quiet(),
                CreateMode.GET_OR_CREATE, Input.none()).get(30, TimeUnit.SECONDS);
        JsonNode connect = loggedEvent("connect", MachineActor.CONNECT);
        assertThat(connect.path("caller").toString()).isEqualTo("{\"type\":\"client\",\"id\":\"ann\"}");
        assertThat(connect.path("connectionId").asText()).isEqualTo(connection.id());

        connection.close();

        await().untilAsserted(() -> assertThat(logged("connect")).contains(MachineActor.DISCONNECT));
        JsonNode disconnect = loggedEvent("connect", MachineActor.DISCONNECT);
        assertThat(disconnect.path("connectionId").asText()).isEqualTo(connection.id());
        assertThat(disconnect.path("caller").path("id").asText()).isEqualTo("ann");
    }

    @Test
    void resume_isSentWhenAStoredActorWakes_notWhenItIsCreated() throws Exception {
        send("resume", ANN, "{\"type\":\"NOTE\",\"text\":\"x\"}");
        assertThat(logged("resume")).containsExactly(MachineActor.INITIALIZE);
        troupe.close();
        troupe = runtime(ProbeMachine.definition());

        assertThat(logged("resume")).containsExactly(MachineActor.INITIALIZE, MachineActor.RESUME);
        assertThat(loggedEvent("resume", MachineActor.RESUME).path("caller").path("type").asText()).isEqualTo("system");
    }

    @Test
    void migrate_isSentBeforeResume_whenTheStoredSnapshotIsOlder() throws Exception {
        send("migrate", ANN, "{\"type\":\"NOTE\",\"text\":\"x\"}");
        troupe.close();
        troupe = runtime(MachineActor.define(ProbeMachine.TYPE, ProbeMachine.machine(), ProbeMachine.options()
                .snapshotVersion(3)
                .migration(2, snapshot -> {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) snapshot.at("/context/public")).put("migrated", true);
                    return snapshot;
                })
                .build()));

        assertThat(logged("migrate")).containsExactly(MachineActor.INITIALIZE, MachineActor.MIGRATE, MachineActor.RESUME);
        JsonNode migrate = loggedEvent("migrate", MachineActor.MIGRATE);
        assertThat(migrate.path("fromVersion").asInt()).isEqualTo(1);
        assertThat(migrate.path("toVersion").asInt()).isEqualTo(3);
        assertThat(view("migrate", ANN).at("/public/migrated").asBoolean()).isTrue();
        assertThat(json(stored("migrate")).has(StoredMachine.MIGRATED_FROM)).isFalse();
    }

    @Test
    void after_firesOnceAfterTheActorSlept() throws Exception {
        troupe.close();
        troupe = runtime(ProbeMachine.definition(), Duration.ofMillis(20));
        send("sleep", ANN, "{\"type\":\"START\"}");

        await().untilAsserted(() -> assertThat(view("sleep", ANN).path("value").asText()).isEqualTo("done"));
        assertThat(logged("sleep")).startsWith(MachineActor.INITIALIZE, MachineActor.RESUME);
        assertThat(view("sleep", ANN).at("/public/arrivals").asInt()).isEqualTo(1);
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(json(stored("sleep")).path(StoredMachine.DELAYS).isEmpty()).isTrue();
    }

    @Test
    void after_firesOnceAfterARestart() throws Exception {
        send("restart", ANN, "{\"type\":\"START\"}");
        troupe.close();
        troupe = runtime(ProbeMachine.definition());

        await().untilAsserted(() -> assertThat(json(stored("restart")).at("/snapshot/value").asText()).isEqualTo("done"));
        assertThat(view("restart", ANN).at("/public/arrivals").asInt()).isEqualTo(1);
        assertThat(store.nextDueAt()).isEmpty();
    }

    @Test
    void after_isCancelledWhenTheStateIsLeft_andArmedOncePerEntry() throws Exception {
        send("cancel", ANN, "{\"type\":\"START\"}");
        send("cancel", ANN, "{\"type\":\"STOP\"}");
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(json(stored("cancel")).path(StoredMachine.DELAYS).isEmpty()).isTrue();

        send("cancel", ANN, "{\"type\":\"START\"}");
        send("cancel", ANN, "{\"type\":\"START\"}");
        assertThat(json(stored("cancel")).path(StoredMachine.DELAYS).size()).isEqualTo(1);

        await().untilAsserted(() -> assertThat(view("cancel", ANN).path("value").asText()).isEqualTo("done"));
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(view("cancel", ANN).at("/public/arrivals").asInt()).isEqualTo(1);
    }

    @Test
    void definitionsThatCannotWork_areRefusedWhenBuilt() {
        assertThatThrownBy(() -> MachineOptions.builder().event(CallerType.CLIENT, MachineActor.RESUME, json("{}")))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().qualifiedCode())
                        .isEqualTo(ErrorCode.INVALID_REGISTRATION.qualified()));
        assertThatThrownBy(() -> MachineOptions.builder().event(CallerType.CLIENT, "xstate.after.1.x", json("{}")))
                .isInstanceOf(TroupeException.class);
        assertThatThrownBy(() -> ProbeMachine.options().event(CallerType.CLIENT, "START", json("{}")))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> MachineActor.define("broken", ProbeMachine.machine(), MachineOptions.builder()
                .event(CallerType.CLIENT, "GO", json("{\"$ref\":\"#/$defs/missing\"}")).build()))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.getMessage()).contains("GO"));
    }

    /** A connection that listens to nothing. */
    private static final class Quiet implements ConnectionSink {
        @Override
        public void event(String name, List<Object> args) {
        }

        @Override
        public void closed(ActorError reason) {
        }
    }
}
