package dev.troupe.agent;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/** A test actor whose actions the tool tests offer to the model. */
@ActorContract("test-notes")
public interface Notes {
    /**
     * Keeps a note; answers how many there are.
     *
     * @throws dev.troupe.UserException {@code user/too_long} for a note over 20 characters
     */
    int add(String note, int priority);

    /** The notes kept. */
    @ReadOnly
    List<String> list();
}
