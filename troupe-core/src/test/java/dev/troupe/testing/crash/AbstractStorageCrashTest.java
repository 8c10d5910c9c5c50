package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.Store;
import dev.troupe.testing.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An actor's storage changes and its state are one commit, on any durable store: subclass it, naming
 * the {@link StoreFactory} and the argument that open the store under test (the same store every time).
 *
 * <p>Each cycle starts a {@link StorageCounterWorker} (counters that write their count into their
 * storage in every increment), loads it from many virtual threads and kills it with SIGKILL mid-load.
 * Then, for every counter, the storage must hold exactly the stored count and one key per increment
 * up to it, never more and never fewer, and every acknowledged increment must be there; the next cycle
 * continues on the same store.
 */
public abstract class AbstractStorageCrashTest {
    private static final int CYCLES = 2;
    private static final int ACKS_PER_CYCLE = 1_000;
    private static final int KEYS = 20;
    private static final int THREADS = 32;

    @TempDir
    Path logs;

    /** The factory that opens the store under test, in the worker JVM and in this one. */
    protected abstract Class<? extends StoreFactory> storeFactory();

    /** The argument that opens the store under test; the same store on every call within a test. */
    protected abstract String storeArgument();

    @Test
    void killedMidLoad_leavesEveryActorsStorageMatchingItsState() throws Exception {
        new KillCycles(StorageCounterWorker.class, storeFactory(), storeArgument(), CYCLES, ACKS_PER_CYCLE, THREADS, keys())
                .run(logs, this::check);
    }

    private void check(int cycle, CallLedger ledger) throws Exception {
        String type = Counter.class.getAnnotation(dev.troupe.ActorContract.class).value();
        try (Store store = StoreFactory.open(storeFactory().getName(), storeArgument())) {
            for (String key : keys()) {
                ActorRecord record = store.find(type, Key.of(key)).orElseThrow();
                long count = Json.mapper().readTree(record.state()).get("count").asLong();
                NavigableMap<String, byte[]> storage = store.storage(record.id());
                assertThat(count).as("cycle %d, %s: acked <= persisted", cycle, key)
                        .isGreaterThanOrEqualTo(ledger.maxAck(key));
                assertThat(new String(storage.get("count"), StandardCharsets.UTF_8))
                        .as("cycle %d, %s: the stored copy of the count", cycle, key).isEqualTo(Long.toString(count));
                assertThat(storage.keySet()).as("cycle %d, %s: one key per increment, and the count", cycle, key)
                        .containsExactlyInAnyOrderElementsOf(expectedKeys(count));
            }
        }
    }

    private static List<String> expectedKeys(long count) {
        return LongStream.concat(LongStream.of(0), LongStream.rangeClosed(1, count))
                .mapToObj(n -> n == 0 ? "count" : "n/" + n).toList();
    }

    private static List<String> keys() {
        return IntStream.range(0, KEYS).mapToObj(k -> "s" + k).toList();
    }
}
