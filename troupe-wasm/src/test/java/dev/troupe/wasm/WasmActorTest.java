package dev.troupe.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.ContentHash;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.definition.EventDefinition;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.CounterActor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly actors on a real runtime: the counter example, the sandbox's refusals and limits,
 * capability narrowing. (The counter's parity with the Java demo counter is tested in troupe-demo.)
 */
class WasmActorTest {
    /** The contract of the word-count child, so a parent can spawn it. */
    interface WordCount {
        long tag(String text);
    }

    private static final Caller CLIENT = Caller.client("tester");
    private final List<Troupe> runtimes = new ArrayList<>();

    @AfterEach
    void close() {
        runtimes.forEach(Troupe::close);
    }

    private Troupe runtime(WasmDefinition... definitions) {
        Troupe.Builder builder = Troupe.builder().store(new MemoryStore()).register(CounterActor.class);
        for (WasmDefinition definition : definitions) {
            builder.register(definition, type -> type.allow(CallerType.CLIENT));
        }
        Troupe troupe = builder.build();
        runtimes.add(troupe);
        return troupe;
    }

    private static WasmDefinition sandbox(WasmLimits limits, String... capabilities) throws Exception {
        String manifest = """
                {"name": "sandbox", "capabilities": %s, "actions": [
                  {"name": "set", "parameters": [{"name": "x", "schema": {"type": "integer"}}], "result": {"type": "integer"}},
                  {"name": "get", "result": {"type": "integer"}},
                  {"name": "spin"}, {"name": "hog"}, {"name": "clock"}, {"name": "malformed"}, {"name": "trap"},
                  {"name": "spawnNarrow"}, {"name": "spawnWide"}]}
                """.formatted(Json.mapper().writeValueAsString(List.of(capabilities)));
        return WasmDefinition.builder(Manifest.parse(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .module(Examples.module("sandbox")).limits(limits).child("wasm-word-count", WordCount.class).build();
    }

    private static WasmDefinition wordCount() throws Exception {
        return WasmDefinition.builder(Examples.manifest("word-count")).module(Examples.module("word-count"))
                .contract(WordCount.class).build();
    }

    private static Object call(Troupe troupe, String type, String key, String action, String args) throws Exception {
        HostedAction hosted = troupe.host().type(type).action(action);
        try {
            return troupe.host().call(new Address(type, Key.of(key)), hosted, hosted.decodeArgs(Json.mapper().readTree(args)),
                    CLIENT, CreateMode.GET_OR_CREATE, Input.none(), null).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static long number(Object result) {
        return Json.mapper().<JsonNode>valueToTree(result).asLong();
    }

    @Test
    void hostFunctionNotGranted_failsTheTurn_stateUnchanged() throws Exception {
        Troupe troupe = runtime(sandbox(WasmLimits.DEFAULT, "state"));
        call(troupe, "sandbox", "a", "set", "[7]");
        assertThatThrownBy(() -> call(troupe, "sandbox", "a", "clock", "[]"))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().is(ErrorCode.WASM_CAPABILITY_DENIED)).as(e.getMessage()).isTrue());
        assertThat(number(call(troupe, "sandbox", "a", "get", "[]"))).isEqualTo(7);
    }

    @Test
    void eachLimitAndFault_failsOnlyThatTurn_withItsCode_andTheActorKeepsServing() throws Exception {
        Troupe troupe = runtime(sandbox(new WasmLimits(100_000, 4, 1 << 20), "state"));
        call(troupe, "sandbox", "b", "set", "[11]");
        assertFails(troupe, "spin", ErrorCode.WASM_FUEL_EXHAUSTED);
        assertFails(troupe, "hog", ErrorCode.WASM_MEMORY_LIMIT);
        assertFails(troupe, "malformed", ErrorCode.WASM_INVALID_MODULE);
        assertFails(troupe, "trap", ErrorCode.WASM_TRAP);
        assertThat(number(call(troupe, "sandbox", "b", "get", "[]"))).isEqualTo(11);
        assertThat(number(call(troupe, "sandbox", "b", "set", "[12]"))).isEqualTo(12);
        assertThat(number(call(troupe, "sandbox", "other", "set", "[1]"))).isEqualTo(1);
    }

    private static void assertFails(Troupe troupe, String action, ErrorCode code) {
        assertThatThrownBy(() -> call(troupe, "sandbox", "b", action, "[]")).as(action)
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().is(code)).as(e.getMessage()).isTrue());
    }

    @Test
    void moduleTooLarge_isRefused() {
        assertThatThrownBy(() -> WasmDefinition.builder(Examples.manifest("counter")).module(Examples.module("counter"))
                .limits(new WasmLimits(1000, 1, 16)).build())
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().is(ErrorCode.WASM_MODULE_TOO_LARGE)).isTrue());
    }

    /** The counter with its manifest's {@code events} replaced by {@code events}, validating them. */
    private Troupe counterDeclaring(String events) throws Exception {
        String manifest = Files.readString(Path.of("src", "main", "wat", "counter.json"))
                .replaceFirst("\"events\": \\[.*\\],\n", "\"events\": " + Matcher.quoteReplacement(events) + ",\n");
        Troupe troupe = Troupe.builder().store(new MemoryStore()).validateEvents(true)
                .register(WasmDefinition.builder(Manifest.parse(manifest.getBytes(StandardCharsets.UTF_8)))
                        .module(Examples.module("counter")).build(), type -> type.allow(CallerType.CLIENT))
                .build();
        runtimes.add(troupe);
        return troupe;
    }

    @Test
    void manifestEvents_areTheTypesEvents_checkedOnBroadcast_andOnSubscribe() throws Exception {
        Troupe declared = counterDeclaring("[{\"name\": \"newCount\", \"parameters\": [{\"name\": \"count\", \"schema\": {\"type\": \"integer\"}}]}]");
        Troupe misTyped = counterDeclaring("[{\"name\": \"newCount\", \"parameters\": [{\"name\": \"count\", \"schema\": {\"type\": \"string\"}}]}]");
        Troupe other = counterDeclaring("[{\"name\": \"total\"}]");

        assertThat(declared.host().type("wasm-counter").events()).extracting(EventDefinition::name).containsExactly("newCount");
        assertThat(number(call(declared, "wasm-counter", "c", "increment", "[2]"))).isEqualTo(2);
        assertThatThrownBy(() -> call(misTyped, "wasm-counter", "c", "increment", "[1]"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.EVENT_INVALID_PAYLOAD)).isTrue());
        assertThatThrownBy(() -> call(other, "wasm-counter", "c", "increment", "[1]"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.EVENT_UNDECLARED)).isTrue());
        assertThat(number(call(other, "wasm-counter", "c", "count", "[]"))).as("the failed turns changed nothing").isZero();
        assertThatThrownBy(() -> declared.host().type("wasm-counter").checkSubscription(CLIENT, "total"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.EVENT_NOT_FOUND)).isTrue());
    }

    @Test
    void moduleFromTheContentStore_runsByHash() throws Exception {
        byte[] module = Examples.module("counter");
        ContentHash hash = ContentHash.of(module);
        Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(WasmDefinition.builder(Examples.manifest("counter")).content(hash).build(),
                        type -> type.allow(CallerType.CLIENT))
                .build();
        runtimes.add(troupe);
        assertThat(troupe.contents().put(module).hash()).isEqualTo(hash);
        assertThat(number(call(troupe, "wasm-counter", "c", "increment", "[3]"))).isEqualTo(3);
    }

    @Test
    void child_mayGetASubsetOfItsParentsCapabilities_neverMore() throws Exception {
        Troupe troupe = runtime(sandbox(WasmLimits.DEFAULT, "state", "spawn"), wordCount());
        assertThatThrownBy(() -> call(troupe, "sandbox", "p", "spawnWide", "[]"))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().is(ErrorCode.WASM_CAPABILITY_DENIED)).as(e.getMessage()).isTrue());
        call(troupe, "sandbox", "p", "spawnNarrow", "[]");
        String parentId = troupe.host().info(new Address("sandbox", Key.of("p")), Caller.system("test")).orElseThrow().id();
        WordCount child = troupe.actor(WordCount.class, Key.of(parentId, "kid"));
        assertThat(child.tag("the quick  brown fox")).isEqualTo(4);
        assertThat(child.tag("jumps")).isEqualTo(1);
    }
}
