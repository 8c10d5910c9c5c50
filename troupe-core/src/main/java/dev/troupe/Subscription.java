package dev.troupe;

/** An open in-process connection to an actor; closing it unsubscribes and disconnects. Idempotent. */
public interface Subscription extends AutoCloseable {

    /** The connection id as the actor sees it. */
    String connectionId();

    @Override
    void close();
}
