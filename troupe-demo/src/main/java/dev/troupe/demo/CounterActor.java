package dev.troupe.demo;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.Map;

/** Implements {@link Counter}; everyone sees the count. */
public final class CounterActor extends Actor<CounterActor.State> implements Counter {

    /**
     * The counter's state.
     *
     * @param count the current count
     */
    public record State(long count) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws UserException {@code user/overflow} if the count would pass {@code Long.MAX_VALUE} or
     *                       {@code Long.MIN_VALUE}; the count is then unchanged
     */
    @Override
    public long increment(long amount) {
        long count = state().count();
        long sum;
        try {
            sum = Math.addExact(count, amount);
        } catch (ArithmeticException e) {
            throw new UserException("overflow", "adding " + amount + " to " + count + " would pass the range of a long",
                    Map.of("count", count, "amount", amount));
        }
        State next = update(state -> new State(sum));
        broadcast(DemoActors.NEW_COUNT, next.count());
        return next.count();
    }

    @Override
    public long count() {
        return state().count();
    }

    @Override
    protected Object view(State state, Caller caller) {
        return Map.of("count", state.count());
    }
}
