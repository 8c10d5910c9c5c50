package dev.troupe.demo.chat;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Implements {@link ChatUser}. */
public final class ChatUserActor extends Actor<ChatUserActor.State> implements ChatUser {
    private static final int MAX_TITLE = 120;

    /**
     * A user's conversations.
     *
     * @param lastId        the number of the latest conversation id
     * @param conversations newest first
     */
    public record State(long lastId, List<Summary> conversations) {
        /** Freezes the field. */
        public State {
            conversations = List.copyOf(conversations);
        }
    }

    @Override
    protected State initialState(Input input) {
        return new State(0, List.of());
    }

    @Override
    public Summary start(String title) {
        String text = ConversationActor.checked(title, MAX_TITLE, "invalid_title", "a title");
        State current = state();
        Summary summary = new Summary("c" + (current.lastId() + 1), text, effects().now());
        List<Summary> all = new ArrayList<>(current.conversations());
        all.addFirst(summary);
        setState(new State(current.lastId() + 1, all));
        return summary;
    }

    @Override
    public List<Summary> conversations() {
        return state().conversations();
    }

    @Override
    protected Object view(State state, Caller caller) {
        return Map.of("conversations", state.conversations());
    }
}
