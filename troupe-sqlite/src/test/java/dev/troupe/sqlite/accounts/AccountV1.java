package dev.troupe.sqlite.accounts;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** The first version of {@code test-account}: a balance in whole euros. */
@ActorContract("test-account")
public interface AccountV1 {
    /** Adds whole euros; returns the balance. */
    long deposit(long euros);

    /** The balance in whole euros. */
    @ReadOnly
    long balance();
}
