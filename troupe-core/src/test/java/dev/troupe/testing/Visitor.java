package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/** The opening side of the channel tests: opens a channel to a {@link Lobby} and talks on it. */
@ActorContract("test-visitor")
public interface Visitor {
    /** Opens a channel to the lobby {@code lobby} with {@code hello}; returns the channel's id. */
    String visit(String lobby, String hello);

    /** Opens a channel to an actor of a type nobody registered. */
    String visitUnregistered();

    /** Sends {@code message} on the channel opened last (kept in memory, even once it closed). */
    void say(String message);

    /** Sends {@code count} numbers, 1 to count, on the channel opened last, in one turn. */
    void count(int count);

    /** Closes every open channel. */
    void leave();

    /** What arrived, in order: {@code got:<message>}, {@code closed:<code>}. */
    @ReadOnly
    List<String> events();

    /** How many channels are open. */
    @ReadOnly
    int openChannels();

    /** Destroys this visitor. */
    void vanish();
}
