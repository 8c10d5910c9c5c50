package dev.troupe.testkit;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Implements {@link Chime}. */
public final class ChimeActor extends Actor<ChimeActor.State> implements Chime {
    /**
     * The state: the committed runs, and the series that cancels itself after {@code limit} runs.
     *
     * @param runs   how many runs committed
     * @param series the self-cancelling series, or null
     * @param limit  the run at which it cancels itself
     */
    public record State(int runs, @Nullable String series, int limit) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0, null, 0);
    }

    @Override
    public String every(String expression, String zone) {
        return schedules().cron(expression, zone, "tick");
    }

    @Override
    public String everyInUtc(String expression) {
        return schedules().cron(expression, ZoneOffset.UTC, "tick");
    }

    @Override
    public String everyWithoutZone(String expression) {
        return schedules().cron(expression, (ZoneId) null, "tick");
    }

    @Override
    public String tickThenEvery(String expression, String zone) {
        tick();
        return schedules().cron(expression, zone, "tick");
    }

    @Override
    public String everyUntil(String expression, int runs) {
        String id = schedules().cron(expression, ZoneOffset.UTC, "tick");
        update(s -> new State(s.runs(), id, runs));
        return id;
    }

    @Override
    public String failEvery(String expression) {
        return schedules().cron(expression, ZoneOffset.UTC, "fail");
    }

    @Override
    public String everyUnknown(String expression) {
        return schedules().cron(expression, ZoneOffset.UTC, "noSuchAction");
    }

    @Override
    public String tickThenTryEvery(String expression) {
        tick();
        schedules().after(Duration.ofHours(1), "tick");
        try {
            schedules().cron(expression, ZoneOffset.UTC, "tick");
            return "none";
        } catch (TroupeException e) {
            return e.error().qualifiedCode();
        }
    }

    @Override
    public void stop(String scheduleId) {
        schedules().cancel(scheduleId);
    }

    @Override
    public void tick() {
        State next = update(s -> new State(s.runs() + 1, s.series(), s.limit()));
        if (next.series() != null && next.runs() == next.limit()) {
            schedules().cancel(next.series());
        }
    }

    @Override
    public void fail() {
        throw new IllegalStateException("this run fails");
    }

    @Override
    public int runs() {
        return state().runs();
    }
}
