package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/**
 * The target side of the channel tests: accepts channels (rejects on {@code "reject"}, waits for
 * {@link LobbyActor#release} on {@code "hang"}), greets, echoes and logs what happens.
 */
@ActorContract("test-lobby")
public interface Lobby {
    /** What happened, in order: {@code open:<message>}, {@code got:<message>}, {@code closed:<code>}. */
    @ReadOnly
    List<String> events();

    /** Sends {@code message} on every open channel, from an action turn. */
    void broadcastOnChannels(String message);

    /** Closes every open channel, from an action turn. */
    void closeChannels();

    /** How many channels are open. */
    @ReadOnly
    int openChannels();

    /** Destroys this lobby. */
    void leave();
}
