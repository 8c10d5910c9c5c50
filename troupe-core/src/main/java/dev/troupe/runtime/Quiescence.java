package dev.troupe.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Knows when the runtime has nothing left to do, for tests that drive a manual time source.
 *
 * Work is counted in units that each end after starting every unit they set off: a message from the
 * moment its mailbox accepts it until its turn (or no-op) is over; a pending write from its
 * submission until the outputs of its batch are released; a schedule pass from the nudge that asks
 * for it until it has dispatched what was due. So a unit in flight that sets off another one starts
 * it before it ends, and the runtime is quiescent exactly when every unit started has ended.
 *
 * Two LongAdders count starts and ends, so the hot path pays one uncontended add per unit and end.
 * quiet() reads the ends first, then the starts: an end is always preceded by its start, so if any
 * unit was in flight when the ends were read, the starts read afterwards exceed them. Equal sums
 * therefore prove a moment with nothing in flight. Waiters are woken by ends, only when someone waits.
 */
final class Quiescence {
    private final LongAdder started = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile int waiters;

    /** A unit of work started. */
    void started() {
        started.increment();
    }

    /** {@code units} units of work ended, after starting whatever they set off. */
    void ended(int units) {
        if (units == 0) {
            return;
        }
        ended.add(units);
        if (waiters > 0) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until no unit of work is in flight.
     *
     * @return false if work was still in flight after {@code timeout}
     */
    boolean await(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            waiters++;
            while (!quiet()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            waiters--;
            lock.unlock();
        }
    }

    private boolean quiet() {
        long ends = ended.sum();
        return started.sum() == ends;
    }
}
