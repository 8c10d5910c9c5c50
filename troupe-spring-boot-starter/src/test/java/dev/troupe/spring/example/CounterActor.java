package dev.troupe.spring.example;

import dev.troupe.Actor;
import dev.troupe.Input;

/** Implements {@link Counter}: Troupe makes one per activation and keeps its state durable. */
public final class CounterActor extends Actor<CounterActor.State> implements Counter {
    public record State(long count) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public long increment(long amount) {
        return update(state -> new State(state.count() + amount)).count();
    }

    @Override
    public long count() {
        return state().count();
    }
}
