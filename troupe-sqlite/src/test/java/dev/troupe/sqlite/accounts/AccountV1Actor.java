package dev.troupe.sqlite.accounts;

import dev.troupe.Actor;
import dev.troupe.Input;

/** Implements {@link AccountV1}; its state, {@code {"balance":n}}, is state version 1. */
public final class AccountV1Actor extends Actor<AccountV1Actor.State> implements AccountV1 {
    /** State version 1: whole euros. */
    public record State(long balance) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public long deposit(long euros) {
        return update(s -> new State(s.balance() + euros)).balance();
    }

    @Override
    public long balance() {
        return state().balance();
    }
}
