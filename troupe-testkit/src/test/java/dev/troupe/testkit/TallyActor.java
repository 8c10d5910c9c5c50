package dev.troupe.testkit;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Implements {@link Tally}. Each caller's view shows the total and that caller's own share of it. */
public final class TallyActor extends Actor<TallyActor.State> implements Tally {
    /** The durable state: the total, and what each caller id added. */
    public record State(long total, Map<String, Long> shares) {
    }

    /** What one caller sees. */
    public record View(long total, long mine) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0, Map.of());
    }

    @Override
    protected Object view(State state, Caller caller) {
        return new View(state.total(), state.shares().getOrDefault(caller.id(), 0L));
    }

    @Override
    public long add(long amount) {
        String who = caller().id();
        State next = update(s -> {
            Map<String, Long> shares = new HashMap<>(s.shares());
            shares.merge(who, amount, Long::sum);
            return new State(s.total() + amount, Map.copyOf(shares));
        });
        broadcast("added", amount, next.total());
        return next.total();
    }

    @Override
    public long total() {
        return state().total();
    }

    @Override
    public void addLater(long delayMillis, long amount) {
        schedules().after(Duration.ofMillis(delayMillis), "add", amount);
    }

    @Override
    public void addSoon(long delayMillis, long amount) {
        timers().after(Duration.ofMillis(delayMillis), "add", amount);
    }
}
