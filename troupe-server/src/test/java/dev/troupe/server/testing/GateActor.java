package dev.troupe.server.testing;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Implements {@link Gate}: {@code onBeforeConnect} waits (up to 30 s) until {@link #OPEN} is counted down. */
public final class GateActor extends Actor<GateActor.State> implements Gate {
    /** Counted down by the test to let connections through. */
    public static final CountDownLatch OPEN = new CountDownLatch(1);

    /** No state to speak of. */
    public record State() {
    }

    @Override
    protected State initialState(Input input) {
        return new State();
    }

    @Override
    protected void onBeforeConnect(Map<String, Object> params, Caller caller) {
        try {
            if (!OPEN.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
    }

    @Override
    public int echo(int value) {
        return value;
    }
}
