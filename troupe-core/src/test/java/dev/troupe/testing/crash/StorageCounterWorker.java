package dev.troupe.testing.crash;

import java.io.IOException;

/** A {@link CounterWorker} whose counters copy their count into their storage, for {@link AbstractStorageCrashTest}. */
public final class StorageCounterWorker {
    private StorageCounterWorker() {
    }

    /** Arguments: the {@link StoreFactory} class name and its argument. */
    public static void main(String[] args) throws IOException, InterruptedException {
        CounterWorker.main(new String[] {args[0], args[1], CounterWorker.STORAGE});
    }
}
