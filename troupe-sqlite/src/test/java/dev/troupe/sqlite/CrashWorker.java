package dev.troupe.sqlite;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The process {@link CrashRecoveryTest} kills: it increments counters on an {@link SqliteStore} from
 * many virtual threads, printing {@code SENT key} before each call and {@code ACK key value} after each
 * acknowledged one, until it is killed. Before the load it sets a durable schedule and prints
 * {@code SCHEDULED key} once that is acknowledged.
 */
public final class CrashWorker {
    static final int KEYS = 20;
    static final int THREADS = 32;

    private CrashWorker() {
    }

    /** Arguments: the data directory and the cycle number. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String cycle = args[1];
        PrintStream out = System.out;
        Troupe troupe = Troupe.builder().store(SqliteStore.open(dir)).register(CounterActor.class).build();
        String scheduled = "sched-" + cycle;
        troupe.actor(Counter.class, Key.of(scheduled)).incrementLater(1_500, 1_000_000);
        line(out, "SCHEDULED " + scheduled);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                callers.submit(() -> {
                    for (long i = 0; ; i++) {
                        String key = "k" + ((thread + i) % KEYS);
                        line(out, "SENT " + key);
                        long value = troupe.actor(Counter.class, Key.of(key)).increment(1);
                        line(out, "ACK " + key + " " + value);
                    }
                });
            }
        }
    }

    private static void line(PrintStream out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
