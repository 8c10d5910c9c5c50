package dev.troupe.bench.activation;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Latencies;
import dev.troupe.bench.harness.Profiling;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.demo.Counter;
import dev.troupe.demo.DemoActors;
import dev.troupe.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * {@code activation}: waking sleeping actors from {@code SqliteStore}. {@value #ACTORS} counters are
 * created, then the runtime is reopened with {@code maxActiveActors} {@value #ACTIVE}, so every actor
 * starts asleep; read-only calls ({@code count()}) then walk a shuffled permutation of the keys, so each
 * call wakes an actor (load its row, bump its epoch) and evicts the least recently used. Baseline, on the
 * same database file with the runtime closed: raw JDBC one-row transactions, a SELECT by (type, key) and
 * the UPDATE ... RETURNING that activation itself runs to bump the epoch, one per transaction and
 * {@value #CALLERS} per transaction (the ceiling for that many wakes in flight). Rounds interleave them.
 */
public final class ActivationBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ActivationBenchmark.class);
    static final int ACTORS = 20_000;
    static final int ACTIVE = 100;
    static final int ROUNDS = 3;
    static final int CALLERS = 32;
    static final Duration WINDOW = Duration.ofSeconds(5);
    static final int SEQUENTIAL_WAKES = 2_000;
    static final String COLUMNS = "id, type, key, state, state_version, epoch, created_at, updated_at";

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public String title() {
        return "Waking sleeping actors from SQLite next to raw JDBC one-row SELECT and epoch-bump transactions";
    }

    /** One measurement: a rate and the latencies it saw. */
    private record Measured(double perSecond, double p50, double p99) {
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Path directory = context.freshDirectory("sqlite");
        create(directory);
        List<Measured> sequential = new ArrayList<>();
        List<Measured> concurrent = new ArrayList<>();
        List<Measured> select = new ArrayList<>();
        List<Measured> bump = new ArrayList<>();
        List<Measured> bumpConcurrent = new ArrayList<>();
        List<Measured> bumpBatched = new ArrayList<>();
        try (var profile = Profiling.start(context)) {
            try (Troupe troupe = open(directory, ACTIVE)) { // warm-up (JIT), not recorded
                List<Counter> counters = shuffled(troupe, -1);
                wake(counters, 1, SEQUENTIAL_WAKES, Duration.ofSeconds(10));
                wake(counters.reversed(), CALLERS, ACTORS - SEQUENTIAL_WAKES, Duration.ofSeconds(2));
            }
            for (int round = 0; round < ROUNDS; round++) {
                try (Troupe troupe = open(directory, ACTIVE)) {
                    List<Counter> counters = shuffled(troupe, round);
                    sequential.add(wake(counters, 1, SEQUENTIAL_WAKES, Duration.ofSeconds(30)));
                    concurrent.add(wake(counters.reversed(), CALLERS, ACTORS - SEQUENTIAL_WAKES, WINDOW));
                }
                try (Raw raw = new Raw(directory)) {
                    select.add(raw.run(false, 1, 1, SEQUENTIAL_WAKES, Duration.ofSeconds(30), round));
                    bump.add(raw.run(true, 1, 1, SEQUENTIAL_WAKES, Duration.ofSeconds(30), round));
                }
                try (Raw raw = new Raw(directory)) {
                    bumpConcurrent.add(raw.run(true, CALLERS, 1, ACTORS, WINDOW, round));
                }
                try (Raw raw = new Raw(directory)) {
                    bumpBatched.add(raw.run(true, 1, CALLERS, ACTORS, WINDOW, round));
                }
                LOG.info("activation round {}: wake {} {}, select {}, bump {} {} {}", round + 1, sequential.getLast(),
                        concurrent.getLast(), select.getLast(), bump.getLast(), bumpConcurrent.getLast(),
                        bumpBatched.getLast());
            }
        }
        Findings findings = new Findings();
        String selectName = "raw JDBC: SELECT by key, own transaction, 1 thread";
        String bumpName = "raw JDBC: epoch-bump UPDATE ... RETURNING, own transaction (synchronous=FULL), 1 thread";
        findings.row(Row.of("Wakes from SQLite, 1 caller", median(sequential, Measured::perSecond), "/s")
                        .against(bumpName, median(bump, Measured::perSecond)))
                .row(Row.of("Wake latency, 1 caller: p50", median(sequential, Measured::p50), "ms")
                        .against(bumpName, median(bump, Measured::p50)))
                .row(Row.of("Wake latency, 1 caller: p99", median(sequential, Measured::p99), "ms")
                        .against(bumpName, median(bump, Measured::p99)))
                .row(Row.of("Wake latency, 1 caller: p50", median(sequential, Measured::p50), "ms")
                        .against(selectName, median(select, Measured::p50)))
                .row(Row.of("Wakes from SQLite, " + CALLERS + " callers", median(concurrent, Measured::perSecond), "/s")
                        .against("raw JDBC: epoch-bump transactions, " + CALLERS + " threads",
                                median(bumpConcurrent, Measured::perSecond)))
                .row(Row.of("Wakes from SQLite, " + CALLERS + " callers", median(concurrent, Measured::perSecond), "/s")
                        .against("raw JDBC: epoch-bump UPDATEs, " + CALLERS + " per transaction, 1 thread (the ceiling "
                                + "for " + CALLERS + " wakes in flight)", median(bumpBatched, Measured::perSecond)))
                .row(Row.of("Wake latency, " + CALLERS + " callers: p50", median(concurrent, Measured::p50), "ms"))
                .row(Row.of("Wake latency, " + CALLERS + " callers: p99", median(concurrent, Measured::p99), "ms"))
                .row(Row.of("Wakes from SQLite, 1 caller", median(sequential, Measured::perSecond), "/s")
                        .against(selectName, median(select, Measured::perSecond)));
        findings.note(String.format(Locale.ROOT, "%,d counters in one SQLite file (WAL, synchronous=FULL), runtime "
                        + "reopened each round with maxActiveActors %d, so every call wakes an actor and evicts one. "
                        + "Medians of %d rounds: %,d sequential wakes, then %d callers for %d s; wakes/s ranged %s "
                        + "(1 caller) and %s (%d callers), after one unrecorded warm-up pass.", ACTORS, ACTIVE, ROUNDS, SEQUENTIAL_WAKES, CALLERS,
                WINDOW.toSeconds(), range(sequential), range(concurrent), CALLERS));
        findings.note("The 32-caller latencies have no raw baseline: sqlite-jdbc's native calls pin the virtual "
                + "threads' 2 carriers, so the raw threads' time waiting for a carrier falls outside their timed calls "
                + "and their latencies are not comparable; their rate is.");
        return findings;
    }

    private static String range(List<Measured> values) {
        Summary s = Summary.of(values.stream().mapToDouble(Measured::perSecond).toArray());
        return Numbers.format(s.min()) + " to " + Numbers.format(s.max());
    }

    private static double median(List<Measured> values, java.util.function.ToDoubleFunction<Measured> f) {
        return Summary.of(values.stream().mapToDouble(f).toArray()).median();
    }

    private static Troupe open(Path directory, int active) {
        return DemoActors.register(Troupe.builder().store(SqliteStore.open(directory)))
                .maxActiveActors(active).sleepAfter(Duration.ofHours(1)).build();
    }

    private static Key key(int index) {
        return Key.of("wake", Integer.toString(index));
    }

    /** Creates the counters, {@value #CALLERS} at a time. */
    private static void create(Path directory) throws Exception {
        try (Troupe troupe = open(directory, ACTORS + 1_000)) {
            List<Counter> all = new ArrayList<>();
            for (int i = 0; i < ACTORS; i++) {
                all.add(troupe.actor(Counter.class, key(i)));
            }
            long start = System.nanoTime();
            run(all, CALLERS, ACTORS, Duration.ofMinutes(2), counter -> counter.increment(1), new Latencies());
            LOG.info("activation: created {} counters in {} s", ACTORS, (System.nanoTime() - start) / 1e9);
        }
    }

    private static List<Counter> shuffled(Troupe troupe, int round) {
        List<Counter> all = new ArrayList<>();
        for (int i = 0; i < ACTORS; i++) {
            all.add(troupe.actor(Counter.class, key(i)));
        }
        Collections.shuffle(all, new Random(round));
        return all;
    }

    private static Measured wake(List<Counter> counters, int callers, int limit, Duration window) throws Exception {
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        int done = run(counters, callers, limit, window, Counter::count, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measured(done / seconds, latencies.quantileMillis(0.5), latencies.quantileMillis(0.99));
    }

    private interface Call<T> {
        void call(T target) throws Exception;
    }

    /**
     * {@code callers} virtual threads take the next of {@code targets} until {@code limit} are done or
     * {@code window} has passed; returns how many were done.
     */
    private static <T> int run(List<T> targets, int callers, int limit, Duration window, Call<T> call,
                               Latencies latencies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + window.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < limit && i < targets.size() && System.nanoTime() < deadline;
                     i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        call.call(targets.get(i));
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    latencies.record(System.nanoTime() - t0);
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return done.get();
    }

    /** Raw JDBC on the store's database file, with the runtime closed. */
    private static final class Raw implements AutoCloseable {
        private final Path file;
        private final List<String[]> rows = new ArrayList<>();
        private final List<Connection> connections = new ArrayList<>();

        Raw(Path directory) throws SQLException {
            file = directory.resolve(SqliteStore.DATABASE_FILE);
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT type, key FROM actors")) {
                while (result.next()) {
                    rows.add(new String[] {result.getString(1), result.getString(2)});
                }
            }
        }

        private Connection connect() throws SQLException {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(30_000);
            Connection connection = config.createConnection("jdbc:sqlite:" + file);
            synchronized (connections) {
                connections.add(connection);
            }
            return connection;
        }

        /**
         * {@code threads} threads run the SELECT or the epoch bump on the rows in a shuffled order, each
         * committing after every {@code perTransaction} rows.
         */
        Measured run(boolean bump, int threads, int perTransaction, int limit, Duration window, int round)
                throws Exception {
            List<String[]> order = new ArrayList<>(rows);
            Collections.shuffle(order, new Random(100 + round));
            String sql = bump ? "UPDATE actors SET epoch = epoch + 1 WHERE type = ? AND key = ? RETURNING " + COLUMNS
                    : "SELECT " + COLUMNS + " FROM actors WHERE type = ? AND key = ?";
            ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
                try {
                    Connection connection = connect();
                    connection.setAutoCommit(false);
                    return connection.prepareStatement(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            ThreadLocal<int[]> uncommitted = ThreadLocal.withInitial(() -> new int[1]);
            Latencies latencies = new Latencies();
            long start = System.nanoTime();
            int done = ActivationBenchmark.run(order, threads, limit, window, row -> {
                PreparedStatement statement = statements.get();
                statement.setString(1, row[0]);
                statement.setString(2, row[1]);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        throw new IllegalStateException("no row for " + row[1]);
                    }
                    result.getString(4);
                }
                if (++uncommitted.get()[0] == perTransaction) {
                    statement.getConnection().commit();
                    uncommitted.get()[0] = 0;
                }
            }, latencies);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Measured(done / seconds, latencies.quantileMillis(0.5), latencies.quantileMillis(0.99));
        }

        @Override
        public void close() throws SQLException {
            for (Connection connection : connections) {
                if (!connection.isClosed() && !connection.getAutoCommit()) {
                    connection.commit();
                }
                connection.close();
            }
        }
    }
}
