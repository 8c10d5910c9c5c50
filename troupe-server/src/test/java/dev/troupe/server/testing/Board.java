package dev.troupe.server.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/** A message board with public posts and per-caller private notes, for view and connection tests. */
@ActorContract("test-board")
public interface Board {
    /** Adds a public post; broadcasts {@code posted}. Returns the number of posts. */
    int post(String text);

    /** Adds a private note of the calling caller; nobody else may see it. */
    void note(String text);

    /** The public posts. */
    @ReadOnly
    List<String> posts();

    /** Broadcasts {@code shout} with {@code payload}, {@code times} times, without changing state. */
    void shout(String payload, int times);

    /** How many connections the actor has seen open and close, as {@code [opened, closed]}. */
    @ReadOnly
    List<Integer> connectionCounts();
}
