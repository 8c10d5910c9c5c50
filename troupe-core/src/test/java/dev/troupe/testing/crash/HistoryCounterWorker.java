package dev.troupe.testing.crash;

import java.io.IOException;

/** A {@link CounterWorker} whose counters keep a turn history, for {@link AbstractHistoryCrashTest}. */
public final class HistoryCounterWorker {
    private HistoryCounterWorker() {
    }

    /** Arguments: the {@link StoreFactory} class name and its argument. */
    public static void main(String[] args) throws IOException, InterruptedException {
        CounterWorker.main(new String[] {args[0], args[1], CounterWorker.HISTORY});
    }
}
