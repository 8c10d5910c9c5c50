package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Connection;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Implements {@link Sessions}: {@code onConnect} puts a {@link Session} in the connection's state,
 * {@code onDisconnect} records the session as it was when its connection closed.
 */
public final class SessionsActor extends Actor<SessionsActor.State> implements Sessions {
    /** Every session whose connection closed in this JVM, as {@code key:name:hits}. */
    public static final Queue<String> ENDED = new ConcurrentLinkedQueue<>();

    /** The durable state: how many connections ever opened. */
    public record State(long opened) {
    }

    /** What one connection keeps: a name and its hits. */
    public record Session(String name, long hits) {
        Session hit() {
            return new Session(name, hits + 1);
        }

        @Override
        public String toString() {
            return name + ":" + hits;
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    protected void onConnect(Connection connection) {
        Object name = connection.params().getOrDefault("name", connection.caller().id());
        connection.state(new Session(String.valueOf(name), 0));
        update(s -> new State(s.opened() + 1));
    }

    @Override
    protected void onDisconnect(Connection connection) {
        ENDED.add(key().part(0) + ":" + connection.state());
    }

    @Override
    public long hit() {
        Connection connection = connection();
        if (connection == null) {
            throw new UserException("no_connection", "hit counts per connection; call it through one");
        }
        Session next = connection.state(Session.class).hit();
        connection.state(next);
        return next.hits();
    }

    @Override
    public List<String> sessions() {
        return connections().stream().map(c -> String.valueOf(c.state())).sorted().toList();
    }
}
