package dev.troupe.testing;

import dev.troupe.ActorContract;
import java.util.List;

/** An actor whose run loop takes the messages of its queues ({@link LooperActor}). */
@ActorContract("test-looper")
public interface Looper {
    /** The texts the loop processed, in order. */
    List<String> seen();

    /** Writes to the state, as a turn between the loop's messages. */
    void touch();

    /** How often {@link #touch} ran. */
    int touched();

    /** Puts the actor to sleep once this turn commits. */
    void nap();

    /** Destroys the actor. */
    void remove();
}
