package com.example.hello;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.TypeOptions;
import dev.troupe.UserException;
import java.util.ArrayList;
import java.util.List;

/** Implements {@link Guestbook}; its state is the list of entries, and everyone sees all of it. */
public final class GuestbookActor extends Actor<GuestbookActor.State> implements Guestbook {

    /**
     * The durable state.
     *
     * @param entries the entries, oldest first
     */
    public record State(List<Entry> entries) {
    }

    /** Who may do what: clients (browsers, curl) are denied until a rule allows them; here all but destroy. */
    public static void access(TypeOptions type) {
        type.allow(CallerType.CLIENT);
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    public Entry sign(String name, String message) {
        if (name.isBlank()) {
            throw new UserException("name_required", "a guestbook is signed with a name");
        }
        List<Entry> entries = new ArrayList<>(state().entries());
        Entry entry = new Entry(entries.size() + 1, name, message);
        entries.add(entry);
        setState(new State(List.copyOf(entries)));
        broadcast("signed", entry);               // sent only once the turn is durable
        return entry;
    }

    @Override
    public List<Entry> entries() {
        return state().entries();
    }

    /** What a caller sees over HTTP and WebSocket: the whole guestbook (nothing is visible by default). */
    @Override
    protected Object view(State state, Caller caller) {
        return state;
    }
}
