package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.time.Duration;

/** Implements {@link Alarm}; stateless. */
public final class AlarmActor extends Actor<AlarmActor.State> implements Alarm {
    /** No state to speak of. */
    public record State() {
    }

    @Override
    protected State initialState(Input input) {
        return new State();
    }

    @Override
    public void arm(long delayMillis) {
        timers().after(Duration.ofMillis(delayMillis), "ring");
    }

    @Override
    public void ring() {
        throw new UserException("broken", "this alarm never rings");
    }
}
