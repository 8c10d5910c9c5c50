package dev.troupe.bench.counters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Opens counter systems by name, for JMH parameters, and activates their counters. */
public final class CounterSystems {
    /** Troupe on {@code MemoryStore}. */
    public static final String TROUPE = "troupe";
    /** The minimal mailbox actor, {@link MailboxCounter}. */
    public static final String MAILBOX = "mailbox";
    /**
     * {@link MailboxCounter} whose callers wait with a timeout, as Troupe's do. Not in the default
     * runs; select it with JMH's {@code -p system=mailbox,mailbox-timed}.
     */
    public static final String MAILBOX_TIMED = "mailbox-timed";
    /** Apache Pekko typed actors asked with {@code AskPattern}. */
    public static final String PEKKO = "pekko";

    private static final int ACTIVATING_THREADS = 64;

    private CounterSystems() {
    }

    /**
     * Opens {@code counters} counters of the system {@code name}, each activated by one
     * {@code increment(0)} so that creation is not measured.
     *
     * @throws IllegalArgumentException if the name is unknown
     */
    public static CounterSystem open(String name, int counters) throws InterruptedException {
        CounterSystem system = switch (name) {
            case TROUPE -> TroupeCounters.open(counters);
            case MAILBOX -> new MailboxCounters(counters, false);
            case MAILBOX_TIMED -> new MailboxCounters(counters, true);
            case PEKKO -> PekkoCounters.open(counters);
            default -> throw new IllegalArgumentException("unknown counter system '" + name + "'");
        };
        try {
            activate(system);
        } catch (InterruptedException | RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    private static void activate(CounterSystem system) throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < ACTIVATING_THREADS; t++) {
                int first = t;
                done.add(executor.submit(() -> {
                    for (int i = first; i < system.size(); i += ACTIVATING_THREADS) {
                        system.counter(i).increment(0);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("activating the counters of " + system + " failed", e.getCause());
        }
    }
}
