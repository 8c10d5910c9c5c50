package dev.troupe.moduletest.actors;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import java.util.ArrayList;
import java.util.List;

/** Implements {@link Guestbook} over a record state, which Jackson reads through the module's opens. */
public final class GuestbookActor extends Actor<GuestbookActor.State> implements Guestbook {
    /** The state: who signed, in order. */
    public record State(List<String> names) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    public int sign(String name) {
        List<String> names = new ArrayList<>(state().names());
        names.add(name);
        update(s -> new State(List.copyOf(names)));
        broadcast("signed", name);
        return names.size();
    }

    @Override
    public List<String> names() {
        return state().names();
    }

    @Override
    protected Object view(State state, Caller caller) {
        return state;
    }
}
