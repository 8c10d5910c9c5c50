package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import java.io.IOException;
import java.util.Map;

/**
 * Implements {@link Leaky}. Its {@code view} always throws, and {@code onBeforeConnect} throws when
 * the connection's params carry {@code explode}; both with the secret in the message.
 */
public final class LeakyActor extends Actor<LeakyActor.State> implements Leaky {
    /** The state: nothing of interest. */
    public record State(long calls) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    protected Object view(State state, Caller caller) {
        throw new IllegalStateException("view: " + SECRET);
    }

    @Override
    protected void onBeforeConnect(Map<String, Object> params, Caller caller) {
        if (params.containsKey("explode")) {
            throw new IllegalStateException("onBeforeConnect: " + SECRET);
        }
    }

    @Override
    public String fail() {
        throw new IllegalStateException("fail: " + SECRET, new IOException("cause: " + SECRET));
    }

    @Override
    public Unserialisable unserialisable() {
        return new Unserialisable();
    }
}
