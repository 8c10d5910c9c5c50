package dev.troupe.demo.chat;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.time.Instant;
import java.util.List;

/**
 * A user's list of conversations; key {@code [user]}. Each conversation is the actor
 * {@code chat-conversation} with the key {@code [user, id]}.
 */
@ActorContract("chat-user")
public interface ChatUser {
    /**
     * One conversation of the list.
     *
     * @param id    its id, the second part of its key
     * @param title the title given
     * @param at    when it was started
     */
    record Summary(String id, String title, Instant at) {
    }

    /**
     * Starts a conversation titled {@code title}.
     *
     * @throws dev.troupe.UserException {@code user/invalid_title} for an empty or too long title (1–120 characters)
     */
    Summary start(String title);

    /** The conversations, newest first. */
    @ReadOnly
    List<Summary> conversations();
}
