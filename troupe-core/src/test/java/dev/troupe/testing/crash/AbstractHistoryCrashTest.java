package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.history.Verification;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.Store;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn's history entry and its state are one commit, on any durable store: subclass it, naming the
 * {@link StoreFactory} and the argument that open the store under test (the same store every time).
 *
 * <p>Each cycle starts a {@link HistoryCounterWorker} (counters with a history), loads it from many
 * virtual threads and, once a number of increments has been acknowledged, kills it with SIGKILL
 * mid-load. Then, for every counter, the newest entry's state hash must be the hash of the stored
 * state, the acknowledged increments must all be there, and the chain must verify; the next cycle
 * continues the same chains.
 */
public abstract class AbstractHistoryCrashTest {
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
    void killedMidLoad_leavesEveryActorsNewestEntryMatchingItsStoredState() throws Exception {
        new KillCycles(HistoryCounterWorker.class, storeFactory(), storeArgument(), CYCLES, ACKS_PER_CYCLE, THREADS, keys())
                .run(logs, this::check);
    }

    private void check(int cycle, CallLedger ledger) throws Exception {
        String type = Counter.class.getAnnotation(dev.troupe.ActorContract.class).value();
        try (Store store = StoreFactory.open(storeFactory().getName(), storeArgument())) {
            for (String key : keys()) {
                ActorRecord record = store.find(type, Key.of(key)).orElseThrow();
                HistoryEntry newest = store.lastHistoryEntry(record.id()).orElseThrow();
                assertThat(newest.stateHash()).as("cycle %d, %s: the newest entry describes the stored state", cycle, key)
                        .isEqualTo(stateHash(record.state()));
                long count = Json.mapper().readTree(record.state()).get("count").asLong();
                assertThat(count).as("cycle %d, %s: acked <= persisted", cycle, key)
                        .isGreaterThanOrEqualTo(ledger.maxAck(key));
            }
        }
        try (Troupe troupe = Troupe.builder().store(StoreFactory.open(storeFactory().getName(), storeArgument()))
                .register(CounterActor.class, options -> options.history()).build()) {
            for (String key : keys()) {
                Verification verification = troupe.history(Counter.class, Key.of(key)).verify();
                assertThat(verification.valid()).as("cycle %d, %s: %s", cycle, key, verification.problem()).isTrue();
            }
        }
    }

    private static String stateHash(String json) throws Exception {
        String canonical = CanonicalJson.text(CanonicalJson.tree(Json.mapper().readTree(json)));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> keys() {
        return IntStream.range(0, KEYS).mapToObj(k -> "h" + k).toList();
    }
}
