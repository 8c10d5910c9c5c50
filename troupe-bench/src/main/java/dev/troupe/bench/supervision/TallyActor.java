package dev.troupe.bench.supervision;

import dev.troupe.Actor;
import dev.troupe.Input;
import java.util.concurrent.atomic.LongAdder;

/** Implements {@link Tally}: a durable count, and a process-wide count of the turns that ran. */
public final class TallyActor extends Actor<TallyActor.State> implements Tally {
    /** Every {@code add} turn of every tally in this process, read by the benchmark between windows. */
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
        PROCESSED.increment();
        return update(s -> new State(s.count() + n)).count();
    }
}
