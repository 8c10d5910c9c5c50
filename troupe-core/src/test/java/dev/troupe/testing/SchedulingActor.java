package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Implements {@link Scheduling}. */
public final class SchedulingActor extends Actor<SchedulingActor.State> implements Scheduling {
    /** The state: delays whose schedules ran. */
    public record State(List<Integer> ran) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    public void plan(List<Integer> delaysMillis) {
        Instant base = Instant.now();
        for (int delay : delaysMillis) {
            schedules().at(base.plus(Duration.ofMillis(delay)), "record", delay);
        }
    }

    @Override
    public void planAndCancel(int delayMillis) {
        String id = schedules().after(Duration.ofMillis(delayMillis), "record", delayMillis);
        schedules().cancel(id);
    }

    @Override
    public void planUnknown() {
        schedules().after(Duration.ofMillis(10), "noSuchAction");
    }

    @Override
    public void record(int delayMillis) {
        List<Integer> next = new ArrayList<>(state().ran());
        next.add(delayMillis);
        setState(new State(List.copyOf(next)));
    }

    @Override
    public List<Integer> ran() {
        return state().ran();
    }
}
