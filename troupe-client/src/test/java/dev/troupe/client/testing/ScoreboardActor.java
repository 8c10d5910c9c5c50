package dev.troupe.client.testing;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Implements {@link Scoreboard}; the view of a caller is {@code {"total": sum, "mine": own score}}. */
public final class ScoreboardActor extends Actor<ScoreboardActor.State> implements Scoreboard {
    /** The state: scores by caller id, in order of first score. */
    public record State(Map<String, Integer> scores) {
    }

    /** A caller's view. */
    public record View(int total, int mine) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(Map.of());
    }

    @Override
    protected Object view(State state, Caller caller) {
        int total = state.scores().values().stream().mapToInt(Integer::intValue).sum();
        return new View(total, state.scores().getOrDefault(caller.id(), 0));
    }

    @Override
    public int score(int points) {
        String player = caller().id();
        State next = update(s -> {
            Map<String, Integer> scores = new LinkedHashMap<>(s.scores());
            scores.merge(player, points, Integer::sum);
            return new State(scores);
        });
        int total = next.scores().get(player);
        broadcast("scored", player, total);
        return total;
    }

    @Override
    public Map<String, Integer> scores() {
        return state().scores();
    }

    @Override
    public List<String> players() {
        return new ArrayList<>(state().scores().keySet());
    }
}
