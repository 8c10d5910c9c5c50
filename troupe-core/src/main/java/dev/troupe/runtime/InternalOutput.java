package dev.troupe.runtime;

import dev.troupe.TroupeException;

/** Runtime bookkeeping that must follow a commit either way (a schedule run finishing, a wake-up hint). */
record InternalOutput(Runnable action) implements TurnOutput {
    @Override
    public void release() {
        action.run();
    }

    @Override
    public void fail(TroupeException error) {
        action.run();
    }
}
