package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.UserException;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.wasm.Manifest;
import dev.troupe.wasm.Wat;
import dev.troupe.wasm.WasmDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo's WebAssembly actors: troupe-wasm's WAT examples compiled from source (as the launcher does)
 * and served beside the Java ones; the WebAssembly counter answers like the Java counter, action for
 * action, interpreted and compiled to JVM bytecode.
 */
class DemoWasmTest {
    private static final Path EXAMPLES = Path.of("..", "troupe-wasm", "src", "main", "wat");
    private static final Caller CLIENT = Caller.client("tester");

    @TempDir
    static Path modules;

    @BeforeAll
    static void compileTheExamples() throws Exception {
        for (String name : List.of("counter", "word-count")) {
            Files.write(modules.resolve(name + ".wasm"), Wat.compile(EXAMPLES.resolve(name + ".wat"), Path.of("target", "wabt")));
            Files.copy(EXAMPLES.resolve(name + ".json"), modules.resolve(name + ".json"));
        }
    }

    @Test
    void wasmCounter_answersLikeTheJavaCounter_interpretedAndCompiled() throws Exception {
        for (boolean compiled : new boolean[] {false, true}) {
            WasmDefinition counter = WasmDefinition.builder(Manifest.parse(Files.readAllBytes(modules.resolve("counter.json"))))
                    .module(Files.readAllBytes(modules.resolve("counter.wasm"))).compiled(compiled).build();
            try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class)
                    .register(counter, type -> type.allow(CallerType.CLIENT)).build()) {
                Counter java = troupe.actor(Counter.class, Key.of("same"));
                for (long amount : new long[] {5, -3, 40, Long.MAX_VALUE, 0, -42, Long.MIN_VALUE}) {
                    assertThat(outcome(() -> number(call(troupe, "increment", "[" + amount + "]"))))
                            .as("increment(%d), compiled %s", amount, compiled)
                            .isEqualTo(outcome(() -> java.increment(amount)));
                    assertThat(number(call(troupe, "count", "[]"))).isEqualTo(java.count());
                }
            }
        }
    }

    @Test
    void demo_servesTheWasmCounterBesideTheJavaOne_overHttp() throws Exception {
        DemoMain main = new DemoMain();
        new CommandLine(main).parseArgs("--port", "0", "--store", modules.resolve("data").toString(),
                "--web", modules.resolve("no-web").toString(), "--wasm", modules.toString());
        try (DemoMain.RunningDemo demo = main.start(); HttpClient http = HttpClient.newHttpClient()) {
            assertThat(demo.troupe().host().types()).extracting(type -> type.name())
                    .contains("counter", "wasm-counter", "wasm-word-count");
            URI increment = demo.server().uri().resolve("/v1/actors/wasm-counter/actions/increment?key=demo&key=visits");
            for (int expected : new int[] {3, 6}) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(increment)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[3]}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(Json.mapper().readTree(answer.body()).path("output").asLong()).as(answer.body()).isEqualTo(expected);
            }
        }
    }

    @Test
    void withoutTheModules_theDemoServesTheJavaActorsOnly() {
        assertThat(DemoWasm.definitions(modules.resolve("absent"))).isEmpty();
    }

    /** The result, or the qualified code of the user error that was thrown instead. */
    private static Object outcome(java.util.concurrent.Callable<Object> action) throws Exception {
        try {
            return action.call();
        } catch (UserException e) {
            return e.error().qualifiedCode();
        }
    }

    private static Object call(Troupe troupe, String action, String args) throws Exception {
        HostedAction hosted = troupe.host().type("wasm-counter").action(action);
        try {
            return troupe.host().call(new Address("wasm-counter", Key.of("same")), hosted,
                    hosted.decodeArgs(Json.mapper().readTree(args)), CLIENT, CreateMode.GET_OR_CREATE, Input.none(), null)
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static long number(Object result) {
        return Json.mapper().<JsonNode>valueToTree(result).asLong();
    }
}
