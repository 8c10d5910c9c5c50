package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * 64 virtual-thread callers x 1,000 increments, on one actor and spread over 1,000 actors: every
 * acknowledged increment is counted, durable, and no two turns of one actor ever overlapped.
 */
class ConcurrencyStressTest {
    private static final int CALLERS = 64;
    private static final int CALLS = 1_000;

    @Test
    void oneActor_countsEveryAcknowledgedIncrement_withoutOverlap() throws Exception {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = TroupeTestSupport.builder(store).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("hot"));
            long acknowledged = run(i -> counter.increment(1));

            assertThat(acknowledged).isEqualTo((long) CALLERS * CALLS);
            assertThat(counter.count()).isEqualTo(acknowledged);
            assertThat(counter.overlaps()).isZero();
            assertThat(store.find("test-counter", Key.of("hot")).orElseThrow().state())
                    .isEqualTo("{\"count\":" + acknowledged + "}");
            assertThat(troupe.stats().durableTurns()).isGreaterThanOrEqualTo(acknowledged);
        }
    }

    @Test
    void thousandActors_countEveryAcknowledgedIncrement_withoutOverlap() throws Exception {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = TroupeTestSupport.builder(store).build()) {
            int actors = 1_000;
            AtomicLongArray acked = new AtomicLongArray(actors);
            run(i -> {
                int target = Math.floorMod(i * 7919, actors);
                troupe.actor(Counter.class, Key.of("c" + target)).increment(1);
                acked.incrementAndGet(target);
                return 1;
            });
            for (int a = 0; a < actors; a++) {
                Counter counter = troupe.actor(Counter.class, Key.of("c" + a));
                assertThat(counter.count()).as("actor c%d", a).isEqualTo(acked.get(a));
                assertThat(counter.overlaps()).as("overlaps of c%d", a).isZero();
                assertThat(store.find("test-counter", Key.of("c" + a)).orElseThrow().state())
                        .isEqualTo("{\"count\":" + acked.get(a) + "}");
            }
        }
    }

    private interface Call {
        long apply(int sequence);
    }

    private static long run(Call call) throws Exception {
        List<Future<Long>> results = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CALLERS; c++) {
                int caller = c;
                results.add(callers.submit(() -> {
                    long acknowledged = 0;
                    for (int i = 0; i < CALLS; i++) {
                        call.apply(caller * CALLS + i);
                        acknowledged++;
                    }
                    return acknowledged;
                }));
            }
        }
        long total = 0;
        for (Future<Long> result : results) {
            total += result.get();
        }
        return total;
    }
}
