package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Implements {@link Counter}; detects overlapping turns with a per-instance in-turn flag. */
public final class CounterActor extends Actor<CounterActor.State> implements Counter {
    /** The state: the count. */
    public record State(long count) {
    }

    private final AtomicInteger inTurn = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();

    @Override
    protected State initialState(Input input) {
        return new State(input.isPresent() ? input.as(Long.class) : 0);
    }

    @Override
    public long increment(long amount) {
        if (inTurn.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
        try {
            State next = update(s -> new State(s.count() + amount));
            broadcast("newCount", next.count());
            return next.count();
        } finally {
            inTurn.decrementAndGet();
        }
    }

    @Override
    public long count() {
        return state().count();
    }

    @Override
    public long incrementThenFail(long amount) {
        update(s -> new State(s.count() + amount));
        broadcast("newCount", state().count());
        schedules().after(Duration.ofMillis(1), "increment", 1000L);
        throw new UserException("refused", "no increments today", Map.of("amount", amount));
    }

    @Override
    public String incrementLater(long delayMillis, long amount) {
        return schedules().after(Duration.ofMillis(delayMillis), "increment", amount);
    }

    @Override
    public void incrementSoon(long delayMillis, long amount) {
        timers().after(Duration.ofMillis(delayMillis), "increment", amount);
    }

    @Override
    public int overlaps() {
        return overlaps.get();
    }
}
