package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import org.jspecify.annotations.Nullable;

/** Implements {@link Ledger}. */
public final class LedgerActor extends Actor<LedgerActor.State> implements Ledger {
    /** The state: a count and, normally nothing, else an object without serialisable properties. */
    public record State(int count, @Nullable Object extra) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0, null);
    }

    @Override
    public int add() {
        return update(s -> new State(s.count() + 1, null)).count();
    }

    @Override
    public int addUnserialisable() {
        return update(s -> new State(s.count() + 1, new Object())).count();
    }

    @Override
    public int count() {
        return state().count();
    }
}
