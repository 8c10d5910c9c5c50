package dev.troupe.bench.sql;

import dev.troupe.Actor;
import dev.troupe.Input;
import java.util.List;

/** Implements {@link Notes}: a table {@code notes}, migrated on wake, and the number of rows in the state. */
public final class NotesActor extends Actor<Long> implements Notes {
    private static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");

    @Override
    protected Long initialState(Input input) {
        return 0L;
    }

    @Override
    protected void onWake() {
        sql().migrate(MIGRATIONS);
    }

    @Override
    public long add(String text) {
        sql().exec("INSERT INTO notes (text) VALUES (?)", text);
        return update(count -> count + 1);
    }
}
