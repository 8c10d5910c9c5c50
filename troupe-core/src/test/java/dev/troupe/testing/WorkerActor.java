package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.UserException;

/** The {@link Worker}: its state counts, and its wakes are counted in the state too. */
public final class WorkerActor extends Actor<WorkerActor.State> implements Worker {
    /** The count, the wakes so far and whether onWake fails. */
    public record State(long count, long wakes, boolean brokenWake) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(input.isPresent() ? input.as(Long.class) : 0, 0, false);
    }

    @Override
    protected void onWake() {
        if (state().brokenWake()) {
            throw new IllegalStateException("onWake of " + key() + " is broken");
        }
        update(s -> new State(s.count(), s.wakes() + 1, s.brokenWake()));
    }

    @Override
    public long add(long amount) {
        return update(s -> new State(s.count() + amount, s.wakes(), s.brokenWake())).count();
    }

    @Override
    public long count() {
        return state().count();
    }

    @Override
    public long wakes() {
        return state().wakes();
    }

    @Override
    public void crash() {
        add(1_000);
        throw new IllegalStateException("worker " + key() + " crashed");
    }

    @Override
    public void refuse() {
        throw new UserException("refused", "the worker refuses");
    }

    @Override
    public String awaitRelay(String relay) {
        return actor(Relay.class, Key.of(relay)).waitForGate();
    }

    @Override
    public void breakWake() {
        update(s -> new State(s.count(), s.wakes(), true));
    }

    @Override
    public void complete(String result) {
        finish(result);
    }
}
