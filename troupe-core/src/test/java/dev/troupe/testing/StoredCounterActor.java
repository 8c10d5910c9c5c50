package dev.troupe.testing;

/**
 * A {@link Counter} that keeps a copy of its count in its storage, in the same turn as the state: the
 * key {@code count}, and one key {@code n/<count>} per increment. The storage crash tests check that
 * after a SIGKILL the two never disagree.
 */
public final class StoredCounterActor extends CopyingCounterActor {
    @Override
    protected void copy(long count, long amount) {
        storage().put("count", count);
        storage().put("n/" + count, amount);
    }
}
