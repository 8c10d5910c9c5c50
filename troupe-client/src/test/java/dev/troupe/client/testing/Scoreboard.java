package dev.troupe.client.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;
import java.util.Map;

/** Scores by player, for client tests: generic results, events and per-caller views. */
@ActorContract("test-scores")
public interface Scoreboard {
    /** Adds points to the calling caller's score; broadcasts {@code scored(player, total)}. */
    int score(int points);

    /** Every player's score. */
    @ReadOnly
    Map<String, Integer> scores();

    /** The players, in order of first score. */
    @ReadOnly
    List<String> players();
}
