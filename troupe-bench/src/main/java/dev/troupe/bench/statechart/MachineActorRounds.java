package dev.troupe.bench.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.ClosedLoop;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.demo.Counter;
import dev.troupe.demo.CounterActor;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.sqlite.SqliteStore;
import dev.troupe.statechart.Implementations;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.actor.MachineActor;
import dev.troupe.statechart.actor.MachineOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Durable machine-actor sends next to the plain counter, in one runtime on one SQLite store: 1,000
 * counters and 1,000 tally machines (one state, INC assigns count + 1), 1,000 closed-loop callers on
 * random actors of one kind per window, windows alternating between the kinds after a warm-up of
 * each. A send goes through everything a client's does: the event's schema check for its caller
 * type, the engine's macrostep, the snapshot written as the state, and the caller's view answered.
 *
 * Both kinds are called the same way: addresses made once (the counters' handles are), and the caller
 * waits for the reply without a timer of its own. A counter handle's wait is an untimed park with its
 * deadline in the runtime's sweep (CallDeadlines); a timed get on the machine's reply would register
 * and cancel a timer in the carrier pool's delay queue on every call, which the counter does not pay.
 */
final class MachineActorRounds {
    private static final Logger LOG = LoggerFactory.getLogger(MachineActorRounds.class);
    static final int ACTORS = 1_000;
    static final int CALLERS = 1_000;
    static final int ROUNDS = 3;
    static final Duration WINDOW = Duration.ofSeconds(6);
    static final Duration SETTLE = Duration.ofSeconds(1);
    static final double TARGET_RATIO = 0.8;
    private static final String TYPE = "bench-tally";
    private static final Caller CALLER = Caller.client("bench");

    private MachineActorRounds() {
    }

    static void run(Path directory, Findings findings) throws Exception {
        try (Troupe troupe = Troupe.builder()
                .store(SqliteStore.open(directory))
                .register(CounterActor.class)
                .register(tally(), type -> type.allow(CallerType.CLIENT))
                .maxActiveActors(10 * ACTORS)
                .sleepAfter(Duration.ofHours(1))
                .build()) {
            Counter[] counters = new Counter[ACTORS];
            for (int i = 0; i < ACTORS; i++) {
                counters[i] = troupe.actor(Counter.class, Key.of("machine-bench", Integer.toString(i)));
            }
            Address[] machines = new Address[ACTORS];
            for (int i = 0; i < ACTORS; i++) {
                machines[i] = new Address(TYPE, Key.of(Integer.toString(i)));
            }
            HostedAction send = troupe.host().type(TYPE).action(MachineActor.SEND);
            Object[] inc = send.decodeArgs(Json.mapper().readTree("[{\"type\":\"INC\"}]"));
            IntConsumer counterCall = caller -> counters[ThreadLocalRandom.current().nextInt(ACTORS)].increment(1);
            IntConsumer machineCall = caller -> sendTo(troupe, send, inc, machines[ThreadLocalRandom.current().nextInt(ACTORS)]);
            window(counterCall, SETTLE, SETTLE);
            window(machineCall, SETTLE, SETTLE);
            List<Double> counter = new ArrayList<>();
            List<Double> machine = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                counter.add(window(counterCall, SETTLE, WINDOW));
                machine.add(window(machineCall, SETTLE, WINDOW));
                LOG.info("machine actors round {}: counter {} /s, machine {} /s", round + 1,
                        Math.round(counter.getLast()), Math.round(machine.getLast()));
            }
            double counterMedian = StatechartBenchmark.median(counter);
            findings.row(Row.of("SQLite: durable machine sends, 1,000 machine actors, 1,000 callers", StatechartBenchmark.median(machine), "/s")
                    .against("SQLite: durable counter increments, 1,000 counters, 1,000 callers, same runtime",
                            counterMedian)
                    .target(Target.atLeast(TARGET_RATIO * counterMedian)));
            findings.note("Machine actors: medians of " + ROUNDS + " alternating windows of " + WINDOW.toSeconds()
                    + " s per kind (counter " + rates(counter) + ", machine " + rates(machine) + " /s); target at least "
                    + TARGET_RATIO + "x the counter.");
        }
    }

    private static void sendTo(Troupe troupe, HostedAction send, Object[] event, Address machine) {
        try {
            troupe.host().call(machine, send, event, CALLER, CreateMode.GET_OR_CREATE, Input.none(), null).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("send to " + machine + " failed", e.getCause());
        }
    }

    /** Completed calls per second over {@code window}, after {@code settle} of the same load. */
    private static double window(IntConsumer call, Duration settle, Duration window) throws InterruptedException {
        try (ClosedLoop loop = ClosedLoop.start(CALLERS, call)) {
            Thread.sleep(settle);
            long before = loop.completed();
            long start = System.nanoTime();
            Thread.sleep(window);
            long completed = loop.completed() - before;
            if (loop.failed() > 0) {
                throw new IllegalStateException(loop.failed() + " calls failed", loop.firstFailure());
            }
            return completed / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).collect(Collectors.joining(", "));
    }

    private static ActorDefinition tally() throws Exception {
        JsonNode definition = Json.mapper().readTree("""
                {"id": "tally", "initial": "counting", "context": {"count": 0},
                 "states": {"counting": {"on": {"INC": {"actions": "inc"}}}}}
                """);
        Machine machine = Machine.fromJson(definition, Implementations.builder()
                .assign("inc", (context, event) -> context.put("count", context.path("count").asLong() + 1))
                .build());
        return MachineActor.define(TYPE, machine, MachineOptions.builder()
                .event(CallerType.CLIENT, "INC", Json.mapper().readTree("{\"type\":\"object\"}"))
                .build());
    }
}
