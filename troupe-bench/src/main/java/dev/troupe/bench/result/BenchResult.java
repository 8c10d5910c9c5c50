package dev.troupe.bench.result;

import java.util.List;
import java.util.Objects;

/**
 * What one run of one benchmark measured, with enough context to reproduce it. Written as
 * {@code NAME.json} and rendered as a table in {@code docs/benchmarks.md}.
 *
 * @param name      the benchmark's name ({@code calls}, {@code durable}, ...)
 * @param title     a one-line description
 * @param command   the exact command that produced the result
 * @param revision  the git revision of the code measured, or "unknown"
 * @param startedAt when the run started (ISO-8601, UTC)
 * @param seconds   how long the run took
 * @param machine   where it ran
 * @param rows      the measurements
 * @param notes     remarks on the method or on anomalies seen during the run
 */
public record BenchResult(String name, String title, String command, String revision, String startedAt,
                          double seconds, Machine machine, List<Row> rows, List<String> notes) {

    /** Checks the required fields and freezes the lists. */
    public BenchResult {
        Objects.requireNonNull(name, "name");
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
