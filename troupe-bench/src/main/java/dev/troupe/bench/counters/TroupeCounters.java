package dev.troupe.bench.counters;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.demo.Counter;
import dev.troupe.demo.CounterActor;
import dev.troupe.store.MemoryStore;
import java.time.Duration;

/**
 * Troupe's demo counters on {@link MemoryStore}, so that calls measure the runtime (mailbox, turn,
 * output gate, group commit) and not a disk. No actor sleeps or is evicted while a benchmark runs.
 */
final class TroupeCounters implements CounterSystem {
    private final Troupe troupe;
    private final Counter[] counters;

    private TroupeCounters(Troupe troupe, Counter[] counters) {
        this.troupe = troupe;
        this.counters = counters;
    }

    static TroupeCounters open(int size) {
        Troupe troupe = Troupe.builder()
                .store(new MemoryStore())
                .register(CounterActor.class)
                .maxActiveActors(Math.max(100_000, 2 * size))
                .sleepAfter(Duration.ofHours(1))
                .build();
        Counter[] counters = new Counter[size];
        for (int i = 0; i < size; i++) {
            counters[i] = troupe.actor(Counter.class, key(i));
        }
        return new TroupeCounters(troupe, counters);
    }

    /** The key of counter {@code index}: {@code ["bench", "<index>"]}. */
    static Key key(int index) {
        return Key.of("bench", Integer.toString(index));
    }

    @Override
    public Counter counter(int index) {
        return counters[index];
    }

    @Override
    public int size() {
        return counters.length;
    }

    @Override
    public void close() {
        troupe.close();
    }

    @Override
    public String toString() {
        return CounterSystems.TROUPE;
    }
}
