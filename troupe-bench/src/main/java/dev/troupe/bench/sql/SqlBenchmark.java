package dev.troupe.bench.sql;

import dev.troupe.ActorRef;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.ClosedLoop;
import dev.troupe.bench.harness.Interleaved;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.sqlite.SQLiteConfig;

/**
 * {@code sql}: per-actor SQL writes on the SQLite store next to raw SQLite doing the same inserts, in
 * interleaved windows of one run on one machine (docs/storage.md). 1,000 in-process callers, caller
 * {@code i} calling actor {@code i}, whose action inserts one row into the actor's own SQL database and
 * bumps its state, and waits for the durable answer (the row's changed pages committed with the state).
 * The raw side: the same callers insert the same rows into one table of a plain SQLite file (WAL,
 * {@code synchronous=FULL}, as the store), each insert its own transaction on one connection, so that
 * each is durable when it returns, as the actor's is.
 */
public final class SqlBenchmark implements Benchmark {
    private static final int ACTORS = 1_000;
    private static final int ROUNDS = 3;
    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final Duration WARM_UP = Duration.ofSeconds(4);
    private static final String TEXT = "a note of about forty characters of text";

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String title() {
        return "Per-actor SQL on SQLite: rows inserted by 1,000 actors vs raw SQLite (synchronous=FULL)";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Findings findings = new Findings();
        Path raw = context.freshDirectory("sql-raw").resolve("raw.db");
        try (Troupe troupe = Troupe.builder().store(SqliteStore.open(context.freshDirectory("sql")))
                .register(NotesActor.class).maxActiveActors(10 * ACTORS).sleepAfter(Duration.ofHours(1)).build();
             Connection connection = rawConnection(raw);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (actor, text) VALUES (?, ?)")) {
            List<ActorRef<Notes>> refs = IntStream.range(0, ACTORS)
                    .mapToObj(i -> troupe.ref(Notes.class, Key.of("n" + i))).toList();
            Notes[] notes = refs.stream().map(ActorRef::get).toArray(Notes[]::new);
            IntStream.range(0, ACTORS).parallel().forEach(i -> refs.get(i).getOrCreate(null).add(TEXT));
            Interleaved.Rates rates = Interleaved.run("sql", new String[] {"actor SQL inserts", "raw SQLite inserts"},
                    window -> ClosedLoop.callRate(ACTORS, i -> notes[i].add(TEXT), window),
                    window -> ClosedLoop.callRate(ACTORS, i -> rawInsert(insert, i), window), ROUNDS, WARM_UP, WINDOW);
            Summary actors = rates.first();
            Summary plain = rates.second();
            findings.row(Row.of("SQLite store: per-actor SQL inserts, 1,000 actors, 1,000 callers", actors.median(), "/s")
                            .against("raw SQLite: the same inserts, one transaction each", plain.median()))
                    .note(String.format(Locale.ROOT, "Medians of %d interleaved %d s windows per side on one machine "
                                    + "(synchronous=FULL on both); actors %s to %s/s, raw %s to %s/s. An actor's insert "
                                    + "is one durable turn whose changed database pages (usually two of 1 KiB) commit "
                                    + "with its state in the store's group commit; a raw insert is one fsynced "
                                    + "transaction of one row.",
                            ROUNDS, WINDOW.toSeconds(), Numbers.format(actors.min()), Numbers.format(actors.max()),
                            Numbers.format(plain.min()), Numbers.format(plain.max())));
        }
        return findings;
    }

    private static Connection rawConnection(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, actor INTEGER NOT NULL, text TEXT NOT NULL)");
        }
        return connection;
    }

    private static void rawInsert(PreparedStatement insert, int actor) {
        synchronized (insert) {
            try {
                insert.setInt(1, actor);
                insert.setString(2, TEXT);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
