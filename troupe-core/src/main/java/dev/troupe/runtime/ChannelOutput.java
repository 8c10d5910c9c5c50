package dev.troupe.runtime;

import dev.troupe.TroupeException;

/** A channel message or close a turn made, released once the turn is durable and dropped if it is not. */
record ChannelOutput(Runnable action) implements TurnOutput {
    @Override
    public void release() {
        action.run();
    }

    @Override
    public void fail(TroupeException error) {
        // A turn that did not become durable never happened: nothing goes out on the channel.
    }
}
