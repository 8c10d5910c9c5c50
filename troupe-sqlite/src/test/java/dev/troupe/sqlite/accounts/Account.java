package dev.troupe.sqlite.accounts;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** The current version of {@code test-account}: a balance in cents of a currency. */
@ActorContract("test-account")
public interface Account {
    /** An amount of money. */
    record Money(long cents, String currency) {
    }

    /** Adds cents; returns the balance. */
    Money deposit(long cents);

    /** The balance. */
    @ReadOnly
    Money balance();
}
