package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Connection;
import dev.troupe.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Implements {@link Lifecycle}; hooks append to the durable notes and to a static log for tests. */
public final class LifecycleActor extends Actor<LifecycleActor.State> implements Lifecycle {
    /** Every hook call in this JVM, as {@code key:hook}. */
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    /** The state: notes. */
    public record State(List<String> notes) {
        /** A state with one more note. */
        State with(String note) {
            List<String> next = new ArrayList<>(notes);
            next.add(note);
            return new State(List.copyOf(next));
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of(input.isPresent() ? "input:" + input.as(String.class) : "no-input"));
    }

    @Override
    protected void onCreate(Input input) {
        record("onCreate");
        update(s -> s.with("created"));
    }

    @Override
    protected void onWake() {
        record("onWake");
        update(s -> s.with("woke"));
    }

    @Override
    protected void onSleep() {
        record("onSleep");
        update(s -> s.with("slept"));
    }

    @Override
    protected void onDestroy() {
        record("onDestroy");
    }

    @Override
    protected void onStateChange(State previous, State current) {
        broadcast("changed", current.notes().size());
    }

    @Override
    protected void onConnect(Connection connection) {
        record("onConnect");
    }

    @Override
    protected void onDisconnect(Connection connection) {
        record("onDisconnect");
    }

    private void record(String hook) {
        EVENTS.add(key().part(0) + ":" + hook);
    }

    @Override
    public List<String> note(String text) {
        return update(s -> s.with(text)).notes();
    }

    @Override
    public List<String> notes() {
        return state().notes();
    }

    @Override
    public void nap() {
        sleep();
    }

    @Override
    public void selfDestruct() {
        destroy();
    }
}
