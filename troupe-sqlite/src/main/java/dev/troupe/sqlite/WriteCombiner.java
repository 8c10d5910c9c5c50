package dev.troupe.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/*
 * Flat combining (Hendler, Incze, Shavit, Tzafrir, 2010) in front of the one writing connection.
 *
 * Every operation is queued. A caller that finds no combiner at work becomes the combiner: it takes
 * what is queued (its own operation first among them, up to maxBatch) and hands the list to the
 * Executor, which runs it as one write transaction; then it wakes the callers whose operations it ran
 * and passes the combiner's role to the caller at the head of the queue, if any. Everyone else parks
 * until their operation is done or the role is passed to them. So N concurrent activations cost one
 * fsync instead of N, and a lone caller runs its own operation at once, on its own thread.
 *
 * Why the role is passed rather than released: a caller that queued while the combiner was busy has
 * already lost the race for the role, and would otherwise wait for an operation nobody runs. The
 * release path re-checks the queue after clearing the flag for the same reason (a caller may queue
 * between the combiner's last look and the clearing).
 */

/**
 * Lets concurrent writers share one SQLite write transaction: whichever caller finds the writer free runs
 * every operation queued so far, its own included. Each operation still succeeds or fails on its own (see
 * {@link Executor}).
 */
final class WriteCombiner {

    /** Runs a batch of operations as one transaction and completes each of them. */
    @FunctionalInterface
    interface Executor {

        /** Runs {@code operations}, giving each its result or failure; must not throw. */
        void execute(List<Operation<?>> operations);
    }

    /** One caller's unit of work, with its outcome once the combiner has run it. */
    static final class Operation<T> {
        private static final int QUEUED = 0;
        private static final int PROMOTED = 1;
        private static final int DONE = 2;

        private final SqlWork<T> work;
        private final Thread caller = Thread.currentThread();
        private volatile int status = QUEUED;
        private T result;
        private Throwable failure;

        private Operation(SqlWork<T> work) {
            this.work = work;
        }

        /** Runs the work on the combiner's thread, inside the executor's transaction. */
        T run() throws SQLException {
            return work.run();
        }

        /** Records the result; the caller sees it once the combiner marks the operation done. */
        void succeeded(T value) {
            result = value;
            failure = null;
        }

        /** Records a failure; the caller rethrows it once the combiner marks the operation done. */
        void failed(Throwable cause) {
            result = null;
            failure = cause;
        }

        private void done() {
            status = DONE;
            LockSupport.unpark(caller);
        }

        private void promote() {
            status = PROMOTED;
            LockSupport.unpark(caller);
        }

        private T outcome() throws SQLException {
            switch (failure) {
                case null -> {
                    return result;
                }
                case SQLException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException("unexpected failure", failure);
            }
        }
    }

    private final ConcurrentLinkedQueue<Operation<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean combining = new AtomicBoolean();
    private final Executor executor;
    private final int maxBatch;

    WriteCombiner(Executor executor, int maxBatch) {
        this.executor = executor;
        this.maxBatch = maxBatch;
    }

    /**
     * Runs {@code work} in a write transaction, possibly shared with other callers' work, and returns its
     * result once that transaction has committed.
     *
     * @throws SQLException if the work failed, or the transaction it ran in could not commit
     */
    <T> T submit(SqlWork<T> work) throws SQLException {
        Operation<T> operation = new Operation<>(work);
        queue.add(operation);
        if (combining.compareAndSet(false, true)) {
            combine();
        }
        boolean interrupted = false;
        while (true) {
            int status = operation.status;
            if (status == Operation.DONE) {
                break;
            }
            if (status == Operation.PROMOTED) {
                operation.status = Operation.QUEUED;
                combine();
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return operation.outcome();
    }

    /** Operations waiting for a combiner (not counting those being run). Linear in their number. */
    int queued() {
        return queue.size();
    }

    /** Runs one batch from the head of the queue, then passes the role on. Holds the role on entry. */
    private void combine() {
        List<Operation<?>> batch = new ArrayList<>();
        try {
            Operation<?> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
            }
            executor.execute(batch);
        } catch (RuntimeException | Error e) {
            batch.forEach(operation -> operation.failed(e));
        } finally {
            batch.forEach(Operation::done);
            passOn();
        }
    }

    private void passOn() {
        while (true) {
            Operation<?> head = queue.peek();
            if (head != null) {
                head.promote();
                return;
            }
            combining.set(false);
            if (queue.isEmpty() || !combining.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
