package dev.troupe.demo;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
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

    @Override
    public long increment(long amount) {
        State next = update(state -> new State(Math.addExact(state.count(), amount)));
        broadcast("newCount", next.count());
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
