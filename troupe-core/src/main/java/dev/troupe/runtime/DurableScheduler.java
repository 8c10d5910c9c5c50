package dev.troupe.runtime;

import dev.troupe.TimeSource;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Fires durable schedules.
 *
 * The store is the source of truth: a schedule exists until the commit of the turn that ran it
 * removes it. One thread asks the store for due schedules, hands each to the runtime (which routes it
 * to its actor, waking it if asleep) and remembers it as in flight so it is not dispatched twice. When
 * the run commits, or fails, the schedule leaves the in-flight set; if it failed it is still in the
 * store and fires again on the next pass. Hence at-least-once, in (dueAt, id) order per actor.
 *
 * Between passes the thread sleeps until the earliest due time it knows of, at most pollInterval (so
 * that schedules written by another process sharing the store are found too), and is woken early when
 * this process commits a schedule that is due sooner. It never waits with a timeout of its own: a
 * wake-up registered on the runtime's time source ends the wait, so a manual time source that jumps
 * past a due time makes the schedule fire at once. The time is read again after registering the
 * wake-up, so an advance between the pass and the registration is not lost. A nudge counts as work
 * in flight (Quiescence) until the pass it asked for has dispatched what was due and the wake-up for the
 * next pass is registered.
 */
final class DurableScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableScheduler.class);
    private static final int PAGE = 512;

    private final Store store;
    private final TimeSource clock;
    private final Duration pollInterval;
    private final Consumer<DueSchedule> dispatch;
    private final Quiescence quiescence;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private Instant wakeAt = Instant.MAX;
    private boolean nudged;
    private volatile boolean closed;

    DurableScheduler(Store store, TimeSource clock, Duration pollInterval, Consumer<DueSchedule> dispatch,
                     Quiescence quiescence) {
        this.store = store;
        this.quiescence = quiescence;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.dispatch = dispatch;
        this.thread = Thread.ofPlatform().name("troupe-scheduler").daemon(true).unstarted(this::run);
    }

    /** Starts the passes; the first one dispatches what is already due in the store. */
    void start() {
        thread.start();
    }

    /** A schedule due at {@code dueAt} was committed; wake up early if it is due before the next pass. */
    void scheduled(Instant dueAt) {
        lock.lock();
        try {
            if (dueAt.isBefore(wakeAt)) {
                nudge();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The run of a schedule finished, committed or failed. A failed run's schedule is still stored and is
     * dispatched again on the next pass, at most one poll interval later.
     */
    void finished(String scheduleId) {
        inFlight.remove(scheduleId);
    }

    private void run() {
        boolean asked = false;
        while (!closed) {
            Instant next;
            try {
                next = pass();
            } catch (RuntimeException e) {
                LOG.error("schedule pass failed; retrying after {}", pollInterval, e);
                next = clock.instant().plus(pollInterval);
            }
            try {
                asked = await(next, asked);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Instant pass() {
        Instant now = clock.instant();
        boolean more = true;
        while (more && !closed) {
            int limit = PAGE + inFlight.size();
            List<DueSchedule> due = store.dueSchedules(now, limit);
            int dispatched = 0;
            for (DueSchedule schedule : due) {
                String id = schedule.schedule().id();
                if (inFlight.add(id)) {
                    dispatchOrRelease(schedule, id);
                    dispatched++;
                }
            }
            more = dispatched > 0 && due.size() == limit;
        }
        Optional<Instant> next = store.nextDueAt();
        Instant poll = now.plus(pollInterval);
        return next.filter(n -> n.isAfter(now) && n.isBefore(poll)).orElse(poll);
    }

    /** A dispatch that throws never reached an actor: the schedule leaves the in-flight set to fire again. */
    private void dispatchOrRelease(DueSchedule schedule, String id) {
        try {
            dispatch.accept(schedule);
        } catch (RuntimeException e) {
            inFlight.remove(id);
            throw e;
        }
    }

    /**
     * Waits for {@code until} or a nudge; returns whether the next pass counts as work (Quiescence). The pass
     * that ran before, if {@code asked} for, stops counting only once the wake-up is registered and is not
     * due yet: a time source advanced before that makes the next pass count as well, one advanced after it
     * fires the wake-up, so no advance is seen by no one while the runtime looks quiescent.
     */
    private boolean await(Instant until, boolean asked) throws InterruptedException {
        TimeSource.Wakeup alarm = clock.schedule(until, this::nudge);
        lock.lock();
        try {
            wakeAt = until;
            boolean due = !clock.instant().isBefore(until);
            if (due && !asked) {
                quiescence.started();
            } else if (!due && asked) {
                quiescence.ended(1);
            }
            while (!nudged && !closed && clock.instant().isBefore(until)) {
                wake.await();
            }
            if (due && nudged) {
                quiescence.ended(1);
            }
            boolean counted = due || nudged;
            nudged = false;
            wakeAt = Instant.MAX;
            return counted;
        } finally {
            lock.unlock();
            alarm.cancel();
        }
    }

    private void nudge() {
        lock.lock();
        try {
            if (!nudged) {
                quiescence.started();
            }
            nudged = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
