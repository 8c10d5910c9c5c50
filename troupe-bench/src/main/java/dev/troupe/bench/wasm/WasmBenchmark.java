package dev.troupe.bench.wasm;

import dev.troupe.ActorContract;
import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.TypeOptions;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Interleaved;
import dev.troupe.bench.harness.Profiling;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import dev.troupe.demo.Counter;
import dev.troupe.demo.CounterActor;
import dev.troupe.sqlite.SqliteStore;
import dev.troupe.store.Store;
import dev.troupe.store.MemoryStore;
import dev.troupe.wasm.Manifest;
import dev.troupe.wasm.WasmDefinition;
import dev.troupe.wasm.WasmLimits;
import dev.troupe.wasm.Wat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code wasm}: in-process turns per second of the WebAssembly counter ({@code troupe-wasm}'s
 * {@code counter.wat}, compiled from source with {@link Wat} as the tests do) next to the demo's Java
 * counter, action for action the same actor, in interleaved windows of one run. A runtime per store
 * (a {@link MemoryStore}, and a {@link SqliteStore} with its durable defaults, each turn's commit on
 * disk before its answer) and per way of running the module: Chicory's interpreter (the path of modules
 * loaded from the content store, fuel counted) and Chicory's compiler to JVM bytecode
 * ({@code WasmDefinition.Builder.compiled(true)}, for modules known at build time, fuel not counted);
 * each runtime also serves the Java counter, the baseline of its rows. With 1 and with
 * {@value #MANY_CALLERS} closed-loop callers, caller {@code i} calling {@code increment(1)} on counter
 * {@code i} of its kind, both kinds through the same host call, so the difference is the actor's turn.
 */
public final class WasmBenchmark implements Benchmark {
    private static final int MANY_CALLERS = 64;
    private static final List<Integer> CALLERS = List.of(1, MANY_CALLERS);
    private static final int ROUNDS = 3;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final String EXAMPLES = "troupe-wasm/src/main/wat";
    /** Issue 19's targets: the WASM counter's rate as a share of the Java counter's, in memory and durable. */
    private static final Target MEMORY_TARGET = Target.atLeast(0.3);
    private static final Target DURABLE_TARGET = Target.atLeast(0.8);
    private static final Consumer<TypeOptions> CLIENTS = type -> type.allow(CallerType.CLIENT);

    @Override
    public String name() {
        return "wasm";
    }

    @Override
    public String title() {
        return "WebAssembly counter turns/s, interpreted and compiled by Chicory, next to the Java counter";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Path root = context.repositoryRoot(EXAMPLES);
        Path examples = root.resolve(EXAMPLES);
        byte[] module = Wat.compile(examples.resolve("counter.wat"), root.resolve("troupe-wasm/target/wabt"));
        Manifest manifest = Manifest.parse(Files.readAllBytes(examples.resolve("counter.json")));
        Findings findings = new Findings();
        try (var profile = Profiling.start(context)) {
            for (boolean durable : List.of(false, true)) {
                measure(findings, context, durable, WasmDefinition.builder(manifest).module(module).build(),
                        "interpreted");
                measure(findings, context, durable,
                        WasmDefinition.builder(manifest).module(module).compiled(true).build(),
                        "compiled (Chicory compiler)");
            }
        }
        return findings.note(String.format(Locale.ROOT, "Medians of %d interleaved %d s windows per side after %d s "
                + "of warm-up, on a runtime per store and mode serving both counters (in memory; SQLite with "
                + "synchronous=FULL); each caller increments a counter "
                + "of its own. Chicory's interpreter counts fuel (%,d instructions a turn by default); compiled modules "
                + "are not metered.", ROUNDS, WINDOW.toSeconds(), WARM_UP.toSeconds(), WasmLimits.DEFAULT.fuel()));
    }

    private static void measure(Findings findings, BenchContext context, boolean durable, WasmDefinition wasm,
            String way) throws InterruptedException, IOException {
        Store store = durable ? SqliteStore.open(context.freshDirectory("wasm")) : new MemoryStore();
        String mode = way + (durable ? ", durable on SQLite" : ", in memory");
        try (Troupe troupe = Troupe.builder().store(store).register(CounterActor.class, CLIENTS)
                .register(wasm, CLIENTS).build()) {
            Increments javaCounter = new Increments(troupe, Counter.class.getAnnotation(ActorContract.class).value());
            Increments wasmCounter = new Increments(troupe, wasm.typeName());
            for (int callers : CALLERS) {
                String who = callers == 1 ? "1 caller" : callers + " callers on as many counters";
                Interleaved.Rates rates = Interleaved.run("wasm " + mode + ", " + who, new String[] {"wasm", "java"},
                        window -> wasmCounter.rate(callers, window), window -> javaCounter.rate(callers, window),
                        ROUNDS, WARM_UP, WINDOW);
                Summary wasmRates = rates.first();
                Summary javaRates = rates.second();
                findings.row(Row.of("WASM counter increments, " + mode + ", " + who, wasmRates.median(), "/s")
                                .against("Java counter (demo CounterActor) increments, same runtime and callers",
                                        javaRates.median()))
                        .note(String.format(Locale.ROOT, "%s, %s: WASM %s to %s/s, Java %s to %s/s.", mode, who,
                                Numbers.format(wasmRates.min()), Numbers.format(wasmRates.max()),
                                Numbers.format(javaRates.min()), Numbers.format(javaRates.max())));
                findings.row(Row.of("WASM / Java counter, " + mode + ", " + who,
                        wasmRates.median() / javaRates.median(), "x").target(durable ? DURABLE_TARGET : MEMORY_TARGET));
            }
        }
    }
}
