package dev.troupe.agent;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.ArrayList;
import java.util.List;

/** Implements {@link Notes}. */
public final class NotesActor extends Actor<NotesActor.State> implements Notes {
    /**
     * The notes.
     *
     * @param notes in the order added
     */
    public record State(List<String> notes) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of());
    }

    @Override
    public int add(String note, int priority) {
        if (note.length() > 20) {
            throw new UserException("too_long", "a note has at most 20 characters");
        }
        List<String> notes = new ArrayList<>(state().notes());
        notes.add(note + " (" + priority + ")");
        setState(new State(notes));
        return notes.size();
    }

    @Override
    public List<String> list() {
        return state().notes();
    }
}
