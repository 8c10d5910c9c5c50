package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.Store;
import dev.troupe.testing.Counter;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * An actor's SQL changes and its state are one commit, on any durable store: subclass it, naming the
 * {@link StoreFactory} and the argument that open the store under test (the same store every time).
 *
 * <p>Each cycle starts a {@link SqlCounterWorker} (counters that insert one padded row per increment into
 * their SQL database), loads it from many virtual threads and kills it with SIGKILL mid-load. Then, for
 * every counter, the database reassembled from the pages in the store must be intact and hold exactly the
 * rows 1 to the stored count (none from a turn whose commit was lost, none missing), and every acknowledged
 * increment must be there; the next cycle continues on the same store.
 */
public abstract class AbstractSqlCrashTest {
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
    void killedMidLoad_leavesEveryActorsSqlMatchingItsState() throws Exception {
        new KillCycles(SqlCounterWorker.class, storeFactory(), storeArgument(), CYCLES, ACKS_PER_CYCLE, THREADS, keys())
                .run(logs, this::check);
    }

    private void check(int cycle, CallLedger ledger) throws Exception {
        String type = Counter.class.getAnnotation(dev.troupe.ActorContract.class).value();
        try (Store store = StoreFactory.open(storeFactory().getName(), storeArgument())) {
            for (String key : keys()) {
                ActorRecord record = store.find(type, Key.of(key)).orElseThrow();
                long count = Json.mapper().readTree(record.state()).get("count").asLong();
                assertThat(count).as("cycle %d, %s: acked <= persisted", cycle, key)
                        .isGreaterThanOrEqualTo(ledger.maxAck(key));
                try (SQLiteConnection database = database(store.storage(record.id()));
                     Statement statement = database.createStatement()) {
                    ResultSet integrity = statement.executeQuery("PRAGMA integrity_check");
                    assertThat(integrity.getString(1)).as("cycle %d, %s: the database is intact", cycle, key)
                            .isEqualTo("ok");
                    List<Long> rows = new ArrayList<>();
                    ResultSet numbers = statement.executeQuery("SELECT n FROM increments ORDER BY n");
                    while (numbers.next()) {
                        rows.add(numbers.getLong(1));
                    }
                    assertThat(rows).as("cycle %d, %s: one row per increment up to the count", cycle, key)
                            .isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
                }
            }
        }
    }

    /** The database kept in an actor's {@code #sql/} storage entries, opened as the runtime opens it. */
    private static SQLiteConnection database(Map<String, byte[]> storage) throws Exception {
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        storage.forEach((key, page) -> {
            if (key.startsWith("#sql/")) {
                image.writeBytes(page);
            }
        });
        SQLiteConnection connection = (SQLiteConnection) DriverManager.getConnection("jdbc:sqlite::memory:");
        connection.deserialize("main", image.toByteArray());
        return connection;
    }

    private static List<String> keys() {
        return IntStream.range(0, KEYS).mapToObj(k -> "q" + k).toList();
    }
}
