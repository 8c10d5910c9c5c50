package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.UserException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Implements {@link Journal}. */
public final class JournalActor extends Actor<JournalActor.State> implements Journal {
    /** The state: the lines. */
    public record State(List<String> lines) {
        State with(String line) {
            List<String> next = new ArrayList<>(lines);
            next.add(line);
            return new State(List.copyOf(next));
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    public int note(String text, String url) {
        String fetched = url.isEmpty() ? "" : effects().http(HttpRequest.newBuilder(URI.create(url)).build()).body();
        String line = String.join("|", text, effects().now().toString(), Double.toString(effects().random()),
                effects().uuid().toString(), fetched, effects().record("tag", String.class, () -> "t" + System.nanoTime()));
        return update(s -> s.with(line)).lines().size();
    }

    @Override
    public int noteCarelessly(String text) {
        return update(s -> s.with(text + "@" + System.nanoTime())).lines().size();
    }

    @Override
    public int noteThenFail(String text) {
        update(s -> s.with(text));
        throw new UserException("refused", "no notes today: " + effects().uuid(), Map.of());
    }

    @Override
    public String noteLater(long delayMillis, String text) {
        return schedules().after(Duration.ofMillis(delayMillis), "note", text, "");
    }

    @Override
    public int noteCount(String counterKey) {
        Counter counter = actor(Counter.class, Key.of(counterKey));
        long count = counter.increment(1);
        String refusal;
        try {
            counter.incrementThenFail(1);
            refusal = "none";
        } catch (UserException e) {
            refusal = e.error().code();
        }
        String line = "count " + count + " " + refusal;
        return update(s -> s.with(line)).lines().size();
    }

    @Override
    public List<String> lines() {
        return state().lines();
    }
}
