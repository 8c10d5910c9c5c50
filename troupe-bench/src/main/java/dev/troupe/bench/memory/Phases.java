package dev.troupe.bench.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.counters.MailboxCounter;
import dev.troupe.bench.harness.ClassHistogram;
import dev.troupe.bench.harness.HeapMeter;
import dev.troupe.demo.Counter;
import dev.troupe.demo.CounterActor;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.MemoryStore;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.management.JMException;

/** The phases of {@link MemoryBenchmark}; each returns the heap it added, in bytes. */
final class Phases {
    private static final int WARM_ACTORS = 1_000;
    private static final int THREADS = 64;
    private static final Duration SLEEP_AFTER = Duration.ofSeconds(1);
    private static final Duration ALL_ASLEEP_WITHIN = Duration.ofMinutes(2);

    /**
     * What a Troupe phase added.
     *
     * @param bytes    used heap added
     * @param growth   the classes that grew, largest first
     * @param settled  whether the phase reached the state it measures (for sleep: every actor asleep)
     */
    record Measured(long bytes, List<ClassHistogram.Entry> growth, boolean settled) {
    }

    private Phases() {
    }

    /** The MemoryStore records of the actors, as the runtime leaves them after one increment each. */
    static Measured storeRecords(HeapMeter heap, Key[] keys)
            throws InterruptedException, JsonProcessingException, JMException {
        MemoryStore store = new MemoryStore();
        long before = heap.usedAfterGc();
        ClassHistogram start = ClassHistogram.take();
        for (Key key : keys) {
            String state = Json.mapper().writeValueAsString(new CounterActor.State(1));
            store.create(new ActorRecord(UUID.randomUUID().toString(), "counter", key, state, 1, 1, Instant.now()), List.of());
        }
        long after = heap.usedAfterGc();
        List<ClassHistogram.Entry> growth = ClassHistogram.take().growthSince(start);
        Reference.reachabilityFence(store);
        return new Measured(after - before, growth, true);
    }

    /** The baseline: one minimal mailbox actor per key, each incremented once. */
    static long mailboxActors(HeapMeter heap, Key[] keys) throws Exception {
        long before = heap.usedAfterGc();
        ConcurrentHashMap<Key, MailboxCounter> actors = new ConcurrentHashMap<>();
        forEach(keys, key -> actors.computeIfAbsent(key, k -> new MailboxCounter()).increment(1));
        long after = heap.usedAfterGc();
        Reference.reachabilityFence(actors);
        return after - before;
    }

    /** Troupe with every actor active and idle after one increment each. */
    static Measured activeActors(HeapMeter heap, Key[] keys) throws Exception {
        try (Troupe troupe = troupe(Duration.ofHours(1), keys.length)) {
            warm(troupe);
            long before = heap.usedAfterGc();
            ClassHistogram start = ClassHistogram.take();
            forEach(keys, key -> troupe.actor(Counter.class, key).increment(1));
            long after = heap.usedAfterGc();
            List<ClassHistogram.Entry> growth = ClassHistogram.take().growthSince(start);
            return new Measured(after - before, growth, troupe.stats().activeActors() >= keys.length);
        }
    }

    /** Troupe after every actor, incremented once, went to sleep. */
    static Measured sleepingActors(HeapMeter heap, Key[] keys) throws Exception {
        try (Troupe troupe = troupe(SLEEP_AFTER, keys.length)) {
            warm(troupe);
            awaitAllAsleep(troupe);
            long before = heap.usedAfterGc();
            ClassHistogram start = ClassHistogram.take();
            forEach(keys, key -> troupe.actor(Counter.class, key).increment(1));
            boolean settled = awaitAllAsleep(troupe);
            long after = heap.usedAfterGc();
            List<ClassHistogram.Entry> growth = ClassHistogram.take().growthSince(start);
            return new Measured(after - before, growth, settled);
        }
    }

    private static Troupe troupe(Duration sleepAfter, int actors) {
        return Troupe.builder()
                .store(new MemoryStore())
                .register(CounterActor.class)
                .maxActiveActors(2 * actors)
                .sleepAfter(sleepAfter)
                .idleCheckInterval(Duration.ofMillis(100))
                .build();
    }

    /** Loads the classes and runs the code paths once, on other actors, before the heap is measured. */
    private static void warm(Troupe troupe) throws Exception {
        Key[] warm = new Key[WARM_ACTORS];
        for (int i = 0; i < WARM_ACTORS; i++) {
            warm[i] = Key.of("warm", Integer.toString(i));
        }
        forEach(warm, key -> troupe.actor(Counter.class, key).increment(1));
    }

    private static boolean awaitAllAsleep(Troupe troupe) throws InterruptedException {
        long deadline = System.nanoTime() + ALL_ASLEEP_WITHIN.toNanos();
        while (troupe.stats().activeActors() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Runs {@code action} for every key, from {@value #THREADS} virtual threads. */
    private static void forEach(Key[] keys, Consumer<Key> action) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> stripes = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                stripes.add(executor.submit(() -> {
                    for (int i = first; i < keys.length; i += THREADS) {
                        action.accept(keys[i]);
                    }
                }));
            }
            for (Future<?> stripe : stripes) {
                stripe.get();
            }
        }
    }
}
