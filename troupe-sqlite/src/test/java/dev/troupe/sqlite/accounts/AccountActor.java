package dev.troupe.sqlite.accounts;

import dev.troupe.Actor;
import dev.troupe.Input;

/**
 * Implements {@link Account}; its state, {@code {"balance":{"cents":c,"currency":"EUR"}}}, is state
 * version 3. (Version 2, {@code {"cents":c}}, was never a class of its own; it exists only between
 * two upcasters.)
 */
public final class AccountActor extends Actor<AccountActor.State> implements Account {
    /** State version 3. */
    public record State(Money balance) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(new Money(0, "EUR"));
    }

    @Override
    public Money deposit(long cents) {
        return update(s -> new State(new Money(s.balance().cents() + cents, s.balance().currency()))).balance();
    }

    @Override
    public Money balance() {
        return state().balance();
    }
}
