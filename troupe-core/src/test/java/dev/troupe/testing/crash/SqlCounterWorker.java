package dev.troupe.testing.crash;

import java.io.IOException;

/** A {@link CounterWorker} whose counters record each increment as an SQL row, for {@link AbstractSqlCrashTest}. */
public final class SqlCounterWorker {
    private SqlCounterWorker() {
    }

    /** Arguments: the {@link StoreFactory} class name and its argument. */
    public static void main(String[] args) throws IOException, InterruptedException {
        CounterWorker.main(new String[] {args[0], args[1], CounterWorker.SQL});
    }
}
