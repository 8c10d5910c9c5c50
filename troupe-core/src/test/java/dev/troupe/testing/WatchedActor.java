package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Implements {@link Watched}; {@code onStateChange} appends to {@link #CHANGES} before anything else. */
public final class WatchedActor extends Actor<WatchedActor.State> implements Watched {
    /** Every {@code onStateChange} call in this JVM, as {@code key:previous->current}. */
    public static final Queue<String> CHANGES = new ConcurrentLinkedQueue<>();

    /** The state: the value. */
    public record State(long value) {
    }

    /** The calls {@code onStateChange} saw for the actor keyed {@code key}, in order. */
    public static List<String> changesOf(String key) {
        return CHANGES.stream().filter(c -> c.startsWith(key + ":")).map(c -> c.substring(key.length() + 1)).toList();
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    protected void onStateChange(State previous, State current) {
        CHANGES.add(key().part(0) + ":" + previous.value() + "->" + current.value());
        broadcast("changed", previous.value(), current.value());
        if (current.value() == CHANGE_AGAIN) {
            setState(new State(0));
        }
        if (current.value() == THROW) {
            throw new IllegalStateException("onStateChange fails on purpose");
        }
    }

    @Override
    public long set(long value) {
        return setState(new State(value)).value();
    }

    @Override
    public long addTwice(long amount) {
        update(s -> new State(s.value() + amount));
        return update(s -> new State(s.value() + amount)).value();
    }

    @Override
    public void keep() {
        setState(state());
    }

    @Override
    public void setThenFail(long value) {
        setState(new State(value));
        throw new UserException("refused", "setThenFail always fails");
    }

    @Override
    public long value() {
        return state().value();
    }
}
