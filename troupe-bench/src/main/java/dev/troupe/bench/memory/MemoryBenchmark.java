package dev.troupe.bench.memory;

import dev.troupe.Key;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.ClassHistogram;
import dev.troupe.bench.harness.HeapMeter;
import dev.troupe.bench.harness.Profiling;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/*
 * Heap per actor, measured as used heap after full collections before and after a phase, divided by
 * the actors the phase added. Every phase uses the same 100,000 Key objects, created up front and held
 * to the end, so no phase counts the keys: they are the caller's identity of the actors, not overhead.
 *
 *   store     the MemoryStore's records alone (no runtime), for the same actors: subtracted below
 *   mailbox   the baseline, 100,000 minimal mailbox actors in a ConcurrentHashMap by key
 *   active    Troupe with all 100,000 active and idle; minus the store's share and the state object
 *   asleep    Troupe after all 100,000 went to sleep; minus the store's share: the runtime's residue
 *
 * A class histogram (GC.class_histogram) of the active phase says where the bytes are.
 */

/**
 * {@code memory}: heap per idle active actor beyond its state, and per sleeping actor, with 100,000
 * actors, next to a minimal mailbox actor.
 */
public final class MemoryBenchmark implements Benchmark {
    static final int ACTORS = 100_000;
    /** Issue #2: at most 1 KiB per idle active actor beyond its state. */
    static final Target ACTIVE_TARGET = Target.atMost(1024);

    private static final String STATE_CLASS = "dev.troupe.demo.CounterActor$State";
    private static final int HISTOGRAM_LINES = 14;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String title() {
        return "Heap per idle active actor beyond its state, and per sleeping actor, 100,000 actors, MemoryStore";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Key[] keys = keys();
        HeapMeter heap = new HeapMeter();
        Findings findings = new Findings();
        try (var profile = Profiling.start(context)) {
            Phases.Measured records = Phases.storeRecords(heap, keys);
            double store = records.bytes() / (double) ACTORS;
            double mailbox = Phases.mailboxActors(heap, keys) / (double) ACTORS;
            Phases.Measured active = Phases.activeActors(heap, keys);
            Phases.Measured asleep = Phases.sleepingActors(heap, keys);
            ClassHistogram.Entry states = active.growth().stream()
                    .filter(e -> e.className().equals(STATE_CLASS)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + STATE_CLASS + " grew in the active phase"));
            double state = states.bytes() / (double) states.instances();
            double activeBeyondState = active.bytes() / (double) ACTORS - store - state;
            double residue = asleep.bytes() / (double) ACTORS - store;
            findings.row(Row.of("heap per idle active actor beyond its state", activeBeyondState, "B")
                            .against("minimal mailbox actor in a ConcurrentHashMap", mailbox).target(ACTIVE_TARGET))
                    .row(Row.of("heap per sleeping actor (runtime residue)", residue, "B"))
                    .row(Row.of("MemoryStore record per actor (subtracted above)", store, "B"))
                    .row(Row.of("state object (CounterActor.State, subtracted above)", state, "B"))
                    .note(String.format(Locale.ROOT, "%,d actors with 2-part keys [\"memory\", \"<n>\"]; the keys are "
                            + "created up front and held throughout, so no figure counts them. Used heap after "
                            + "System.gc() until it settles (MemoryMXBean); collectors: %s.", ACTORS, gc()))
                    .note("Where an idle active actor's bytes are, per actor (class histograms of the active "
                            + "phase less those of the store phase; includes the state): "
                            + breakdown(ClassHistogram.beyond(active.growth(), records.growth())) + ".");
            if (!asleep.settled()) {
                findings.note("Not every actor went to sleep within the wait; the residue includes the ones awake.");
            }
        }
        return findings;
    }

    private static Key[] keys() {
        Key[] keys = new Key[ACTORS];
        for (int i = 0; i < ACTORS; i++) {
            keys[i] = Key.of("memory", Integer.toString(i));
        }
        return keys;
    }

    private static String breakdown(List<ClassHistogram.Entry> growth) {
        return growth.stream().limit(HISTOGRAM_LINES)
                .filter(e -> e.bytes() >= ACTORS)
                .map(e -> String.format(Locale.ROOT, "`%s` %s x %s B", e.className(),
                        Numbers.format(e.instances() / (double) ACTORS), Numbers.format(e.bytes() / (double) ACTORS)))
                .collect(Collectors.joining(", "));
    }

    private static String gc() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }
}
