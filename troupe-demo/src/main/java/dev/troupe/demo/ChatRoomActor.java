package dev.troupe.demo;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Implements {@link ChatRoom}, keeping the last {@value #HISTORY_LIMIT} messages. */
public final class ChatRoomActor extends Actor<ChatRoomActor.State> implements ChatRoom {
    /** How many messages a room keeps. */
    public static final int HISTORY_LIMIT = 500;
    private static final int MAX_USER = 64;
    private static final int MAX_TEXT = 2_000;

    /**
     * The room's state.
     *
     * @param lastSeq  the sequence number of the latest message
     * @param messages the kept messages, oldest first
     */
    public record State(long lastSeq, List<ChatMessage> messages) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0, List.of());
    }

    @Override
    public ChatMessage send(String user, String text) {
        String name = user == null ? "" : user.strip();
        String body = text == null ? "" : text.strip();
        if (name.isEmpty() || name.length() > MAX_USER) {
            throw invalid("user name must be 1 to " + MAX_USER + " characters");
        }
        if (body.isEmpty() || body.length() > MAX_TEXT) {
            throw invalid("text must be 1 to " + MAX_TEXT + " characters");
        }
        State current = state();
        ChatMessage message = new ChatMessage(current.lastSeq() + 1, name, body, java.time.Instant.now());
        List<ChatMessage> kept = new ArrayList<>(current.messages());
        kept.add(message);
        if (kept.size() > HISTORY_LIMIT) {
            kept.subList(0, kept.size() - HISTORY_LIMIT).clear();
        }
        setState(new State(message.seq(), List.copyOf(kept)));
        broadcast(DemoActors.MESSAGE, message);
        return message;
    }

    @Override
    public List<ChatMessage> history() {
        return state().messages();
    }

    @Override
    protected Object view(State state, Caller caller) {
        return Map.of("messages", state.messages());
    }

    private static UserException invalid(String message) {
        return new UserException("invalid_message", message);
    }
}
