package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** A count whose state can be made unserialisable, for tests of failed serialisation. */
@ActorContract("test-ledger")
public interface Ledger {

    /** Adds one; returns the new count. */
    int add();

    /** Adds one and puts a value Jackson cannot serialise into the state: the turn must fail. */
    int addUnserialisable();

    /** The count. */
    @ReadOnly
    int count();
}
