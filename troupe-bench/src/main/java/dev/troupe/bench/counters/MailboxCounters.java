package dev.troupe.bench.counters;

import dev.troupe.demo.Counter;

/** {@link MailboxCounter}s in an array: the baseline counter system. */
final class MailboxCounters implements CounterSystem {
    private final MailboxCounter[] counters;

    private final String name;

    MailboxCounters(int size, boolean timedWait) {
        counters = new MailboxCounter[size];
        for (int i = 0; i < size; i++) {
            counters[i] = new MailboxCounter(timedWait);
        }
        name = timedWait ? CounterSystems.MAILBOX_TIMED : CounterSystems.MAILBOX;
    }

    @Override
    public Counter counter(int index) {
        return counters[index];
    }

    @Override
    public int size() {
        return counters.length;
    }

    @Override
    public void close() {
        // Idle mailbox counters hold no thread; the garbage collector takes them.
    }

    @Override
    public String toString() {
        return name;
    }
}
