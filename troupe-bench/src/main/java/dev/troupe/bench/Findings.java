package dev.troupe.bench;

import dev.troupe.bench.result.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run found: its rows and remarks, collected as it goes. Not thread-safe.
 */
public final class Findings {
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Adds a measurement. */
    public Findings row(Row row) {
        rows.add(row);
        return this;
    }

    /** Adds a remark on the method or on something seen during the run. */
    public Findings note(String note) {
        notes.add(note);
        return this;
    }

    /** The measurements, in the order added. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The remarks, in the order added. */
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
