package dev.troupe.testing;

import dev.troupe.ActorContract;
import java.util.List;

/** Records its lifecycle hooks, for lifecycle tests. */
@ActorContract("test-lifecycle")
public interface Lifecycle {
    /** Appends a note to the state. */
    List<String> note(String text);

    /** The notes, including hook notes. */
    List<String> notes();

    /** Asks to sleep after this turn. */
    void nap();

    /** Asks to be destroyed after this turn. */
    void selfDestruct();
}
