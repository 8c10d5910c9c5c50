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
 * the actors the phase added. Each size runs the phases below on its own set of Key objects, created
 * up front and held to the end of that size, so no phase counts the keys: they are the caller's
 * identity of the actors, not overhead.
 *
 *   store     the MemoryStore's records alone (no runtime), for the same actors: subtracted below
 *   mailbox   the baseline, one minimal mailbox actor per key in a ConcurrentHashMap by key
 *   active    Troupe with every actor active and idle; minus the store's share and the state object
 *   asleep    Troupe after every actor went to sleep; minus the store's share: the runtime's residue
 *
 * A class histogram (GC.class_histogram) of the active phase says where the bytes are.
 */

/**
 * {@code memory}: heap per idle active actor beyond its state, and per sleeping actor, with 100,000
 * and with 1,000,000 actors, next to a minimal mailbox actor.
 */
public final class MemoryBenchmark implements Benchmark {
    static final int[] SIZES = {100_000, 1_000_000};
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
        return "Heap per idle active actor beyond its state, and per sleeping actor, 100,000 and 1,000,000 actors, "
                + "MemoryStore";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        HeapMeter heap = new HeapMeter();
        Findings findings = new Findings();
        try (var profile = Profiling.start(context)) {
            for (int actors : SIZES) {
                measure(heap, actors, findings);
            }
        }
        return findings.note("Used heap after System.gc() until it settles (MemoryMXBean); collectors: " + gc()
                + "; keys are 2-part [\"memory\", \"<n>\"], created up front and held throughout each size, so no "
                + "figure counts them.");
    }

    private static void measure(HeapMeter heap, int actors, Findings findings) throws Exception {
        Key[] keys = keys(actors);
        String size = String.format(Locale.ROOT, "%,d actors", actors);
        Phases.Measured records = Phases.storeRecords(heap, keys);
        double store = records.bytes() / (double) actors;
        double mailbox = Phases.mailboxActors(heap, keys) / (double) actors;
        Phases.Measured active = Phases.activeActors(heap, keys);
        Phases.Measured asleep = Phases.sleepingActors(heap, keys);
        ClassHistogram.Entry states = active.growth().stream()
                .filter(e -> e.className().equals(STATE_CLASS)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + STATE_CLASS + " grew in the active phase"));
        double state = states.bytes() / (double) states.instances();
        double activeBeyondState = active.bytes() / (double) actors - store - state;
        double residue = asleep.bytes() / (double) actors - store;
        findings.row(Row.of("heap per idle active actor beyond its state, " + size, activeBeyondState, "B")
                        .against("minimal mailbox actor in a ConcurrentHashMap", mailbox).target(ACTIVE_TARGET))
                .row(Row.of("heap per sleeping actor (runtime residue), " + size, residue, "B"))
                .row(Row.of("MemoryStore record per actor (subtracted above), " + size, store, "B"))
                .row(Row.of("state object (CounterActor.State, subtracted above), " + size, state, "B"))
                .note("Where an idle active actor's bytes are with " + size + ", per actor (class histograms of "
                        + "the active phase less those of the store phase; includes the state): "
                        + breakdown(ClassHistogram.beyond(active.growth(), records.growth()), actors) + ".");
        if (!active.settled()) {
            findings.note("With " + size + ", not every actor was active at the measurement.");
        }
        if (!asleep.settled()) {
            findings.note("With " + size + ", not every actor went to sleep within the wait; the residue includes "
                    + "the ones awake.");
        }
    }

    private static Key[] keys(int actors) {
        Key[] keys = new Key[actors];
        for (int i = 0; i < actors; i++) {
            keys[i] = Key.of("memory", Integer.toString(i));
        }
        return keys;
    }

    private static String breakdown(List<ClassHistogram.Entry> growth, int actors) {
        return growth.stream().limit(HISTOGRAM_LINES)
                .filter(e -> e.bytes() >= actors)
                .map(e -> String.format(Locale.ROOT, "`%s` %s x %s B", e.className(),
                        Numbers.format(e.instances() / (double) actors), Numbers.format(e.bytes() / (double) actors)))
                .collect(Collectors.joining(", "));
    }

    private static String gc() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }
}
