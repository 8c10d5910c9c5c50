package dev.troupe.bench.queues;

import dev.troupe.Actor;
import dev.troupe.Input;
import java.util.concurrent.atomic.LongAdder;

/**
 * Implements {@link Worker}: one durable count, advanced by {@link #add} and by each message of its
 * queue {@value #QUEUE}, and a process-wide count of the queue messages processed.
 */
public final class WorkerActor extends Actor<WorkerActor.State> implements Worker {
    /** The queue the benchmark enqueues to. */
    static final String QUEUE = "jobs";
    /** Every queue message processed by every worker in this process, read by the benchmark between windows. */
    static final LongAdder PROCESSED = new LongAdder();

    /** The state: the count. */
    public record State(long count) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public long add(long n) {
        return update(s -> new State(s.count() + n)).count();
    }

    @Override
    protected void onQueueMessage(String queue, Object message) {
        update(s -> new State(s.count() + ((Number) message).longValue()));
        PROCESSED.increment();
    }
}
