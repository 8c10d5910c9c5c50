package dev.troupe.server.stream;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts calls in progress (HTTP requests and WebSocket action frames), so that a graceful stop can
 * wait for them to finish. Thread-safe.
 */
public final class InFlight {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int count;

    /** One more call in progress. */
    public void begin() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    /** One call finished. */
    public void end() {
        lock.lock();
        try {
            if (--count == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no call is in progress or {@code timeout} passes.
     *
     * @return true if idle, false on timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (count > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Calls in progress now. */
    public int current() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
