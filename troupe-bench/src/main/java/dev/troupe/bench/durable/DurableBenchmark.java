package dev.troupe.bench.durable;

import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Profiling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code durable}: durable increments across 1,000 actors from 1,000 concurrent callers on
 * {@code SqliteStore} ({@code synchronous=FULL}) and on {@code PostgresStore} (an embedded server the
 * benchmark starts), each next to raw batched JDBC updates in the same database, the storage ceiling;
 * and the commit batch sizes that group commit reached.
 */
public final class DurableBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(DurableBenchmark.class);

    @Override
    public String name() {
        return "durable";
    }

    @Override
    public String title() {
        return "Durable increments on SQLite (synchronous=FULL) and PostgreSQL next to raw batched JDBC updates";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Findings findings = new Findings();
        try (var profile = Profiling.start(context)) {
            try (SqliteUnderTest sqlite = new SqliteUnderTest(context.freshDirectory("sqlite"))) {
                DurableRounds.run(sqlite, findings);
            }
            PostgresUnderTest postgres;
            try {
                postgres = PostgresUnderTest.start(context.freshDirectory("postgres"));
            } catch (Exception e) {
                LOG.warn("Embedded PostgreSQL did not start; the PostgreSQL rows are skipped", e);
                return findings.note("PostgreSQL skipped: the embedded server did not start (" + e + ").");
            }
            try (postgres) {
                DurableRounds.run(postgres, findings);
            }
        }
        return findings;
    }
}
