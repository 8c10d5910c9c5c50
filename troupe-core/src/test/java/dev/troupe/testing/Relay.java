package dev.troupe.testing;

import dev.troupe.ActorContract;
import java.util.List;

/** Forwards calls along a path of relays, for call-chain tests. */
@ActorContract("test-relay")
public interface Relay {
    /** Calls the next relay in {@code path} (its first key part), which continues with the rest. */
    String forward(List<String> path);

    /** Blocks until the test releases the shared gate, then counts a hop and answers. */
    String waitForGate();

    /** How many calls passed through. */
    @dev.troupe.ReadOnly
    int hops();
}
