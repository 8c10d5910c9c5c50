package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;

/** Implements {@link Bell}. */
public final class BellActor extends Actor<BellActor.State> implements Bell {
    /** The state: how many rings committed. */
    public record State(int rings) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public String ringEvery(String expression, String zone) {
        return schedules().cron(expression, zone, "ring");
    }

    @Override
    public void stop(String scheduleId) {
        schedules().cancel(scheduleId);
    }

    @Override
    public void ring() {
        update(s -> new State(s.rings() + 1));
    }

    @Override
    public int rings() {
        return state().rings();
    }
}
