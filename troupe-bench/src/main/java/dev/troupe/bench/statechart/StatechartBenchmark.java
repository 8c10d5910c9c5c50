package dev.troupe.bench.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Profiling;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import dev.troupe.json.Json;
import dev.troupe.statechart.Implementations;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.Snapshot;
import dev.troupe.statechart.Statecharts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code statechart}: the engine's transitions per second on three machines of the differential
 * fixtures ({@code flat}, {@code deep}, {@code parallel}), next to XState v5 running the same definitions
 * in Node in the same run ({@code createActor(machine).send(event)}, troupe-statechart's pinned
 * {@code xstate}). Both sides send the same {@value #EVENTS} seeded random events from the fixture's list,
 * round after round, on one thread; {@code inc} and {@code dec} assign, other actions do nothing (the
 * engine reports them as data). Rounds alternate the engine and XState after an unrecorded warm-up.
 * Then durable machine-actor sends on SQLite next to the plain counter in the same runtime
 * ({@link MachineActorRounds}).
 */
public final class StatechartBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(StatechartBenchmark.class);
    static final List<String> MACHINES = List.of("flat", "deep", "parallel");
    static final int EVENTS = 10_000;
    static final int ROUNDS = 3;
    static final long WARMUP_MILLIS = 2_000;
    static final long WINDOW_MILLIS = 3_000;
    static final double TARGET_RATIO = 5;

    @Override
    public String name() {
        return "statechart";
    }

    @Override
    public String title() {
        return "Statechart engine transitions/s next to XState v5 in Node on the same machines; durable machine-actor sends next to the counter";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Path root = context.repositoryRoot("fixtures/statecharts");
        Path node = root.resolve("troupe-statechart/src/test/node");
        installXState(node);
        Path scratch = context.freshDirectory("events");
        Findings findings = new Findings();
        try (var profile = Profiling.start(context)) {
            for (String name : MACHINES) {
                Path fixture = root.resolve("fixtures/statecharts/" + name + ".json");
                JsonNode definition = Json.mapper().readTree(fixture.toFile()).get("machine");
                List<ObjectNode> events = events(Json.mapper().readTree(fixture.toFile()).get("events"));
                Path eventsFile = scratch.resolve(name + ".json").toAbsolutePath();
                Files.writeString(eventsFile, Json.mapper().writeValueAsString(events));
                Machine machine = Machine.fromJson(definition, implementations(definition));
                measureEngine(machine, events, WARMUP_MILLIS);
                List<Double> engine = new ArrayList<>();
                List<Double> xstate = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    engine.add(measureEngine(machine, events, WINDOW_MILLIS));
                    xstate.add(measureXState(node, fixture, eventsFile));
                    LOG.info("statechart {} round {}: engine {} /s, xstate {} /s", name, round + 1,
                            Math.round(engine.getLast()), Math.round(xstate.getLast()));
                }
                double xstateMedian = median(xstate);
                findings.row(Row.of("Transitions, " + name + " machine (" + machine + "), 1 thread", median(engine), "/s")
                        .against("xstate@5 createActor(...).send(...) in Node, same machine and events", xstateMedian)
                        .target(Target.atLeast(TARGET_RATIO * xstateMedian)));
                findings.note(name + ": engine " + range(engine) + " /s, XState " + range(xstate) + " /s over the rounds.");
            }
            MachineActorRounds.run(context.freshDirectory("machine-actors"), findings);
        }
        return findings.note("Medians of " + ROUNDS + " alternating rounds of " + WINDOW_MILLIS / 1000 + " s (each "
                + "XState round in a fresh Node process with a " + WARMUP_MILLIS / 1000 + " s warm-up; the engine warmed "
                + "up once per machine). Both sides send the same " + String.format("%,d", EVENTS)
                + " seeded events cyclically and keep the snapshot; one thread each on the shared 2 cores. Target: at "
                + "least " + (int) TARGET_RATIO
                + "x XState's rate in the same run.");
    }

    /** Transitions per second for a window: each event's snapshot feeds the next transition. */
    static double measureEngine(Machine machine, List<ObjectNode> events, long millis) {
        Snapshot snapshot = Statecharts.initialTransition(machine, null).snapshot();
        long sent = 0;
        long started = System.nanoTime();
        long end = started + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                snapshot = Statecharts.transition(machine, snapshot, events.get((int) ((sent + i) % events.size())))
                        .snapshot();
            }
            sent += 1000;
        }
        return sent / ((System.nanoTime() - started) / 1e9);
    }

    private static double measureXState(Path node, Path fixture, Path events) throws IOException, InterruptedException {
        String output = runNode(node, "node", "bench.mjs", fixture.toString(), events.toString(),
                Long.toString(WARMUP_MILLIS), Long.toString(WINDOW_MILLIS));
        return Json.mapper().readTree(output).get("perSecond").asDouble();
    }

    /** The seeded event sequence, from the fixture's events (strings are event types). */
    static List<ObjectNode> events(JsonNode choices) {
        List<ObjectNode> pool = new ArrayList<>();
        choices.forEach(choice -> pool.add(choice.isTextual()
                ? JsonNodeFactory.instance.objectNode().put("type", choice.asText()) : (ObjectNode) choice));
        Random random = new Random(13);
        List<ObjectNode> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            events.add(pool.get(random.nextInt(pool.size())));
        }
        return Collections.unmodifiableList(events);
    }

    /** {@code inc} and {@code dec} on {@code count}; every other named action an effect. */
    static Implementations implementations(JsonNode definition) {
        Implementations.Builder builder = Implementations.builder();
        Set<String> names = new TreeSet<>();
        collectActionNames(definition, names::add);
        for (String name : names) {
            switch (name) {
                case "inc" -> builder.assign(name, (c, e) -> c.put("count", c.path("count").asInt() + 1));
                case "dec" -> builder.assign(name, (c, e) -> c.put("count", c.path("count").asInt() - 1));
                default -> builder.effect(name);
            }
        }
        return builder.build();
    }

    private static void collectActionNames(JsonNode node, Consumer<String> names) {
        if (node.isArray()) {
            node.forEach(child -> collectActionNames(child, names));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (Set.of("entry", "exit", "actions").contains(field.getKey())) {
                    JsonNode value = field.getValue();
                    if (value.isArray()) {
                        value.forEach(action -> names.accept(action.asText()));
                    } else {
                        names.accept(value.asText());
                    }
                } else {
                    collectActionNames(field.getValue(), names);
                }
            });
        }
    }

    private static void installXState(Path node) throws IOException, InterruptedException {
        if (!Files.isDirectory(node.resolve("node_modules/xstate"))) {
            runNode(node, "npm", "ci", "--no-audit", "--no-fund");
        }
    }

    private static String runNode(Path directory, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("the statechart benchmark needs '" + command[0] + "' (Node.js 20 or later) for "
                    + "its XState baseline", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String range(List<Double> values) {
        return String.format("%,.0f to %,.0f", Collections.min(values), Collections.max(values));
    }
}
