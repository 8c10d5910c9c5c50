package dev.troupe.demo;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/**
 * The demo chat room: messages in order, broadcast as {@code message} once durable.
 */
@ActorContract("chat-room")
public interface ChatRoom {

    /**
     * Posts a message.
     *
     * @throws dev.troupe.UserException {@code user/invalid_message} if the user name (1–64 characters)
     *                                  or the text (1–2,000 characters) is empty or too long
     */
    ChatMessage send(String user, String text);

    /** The most recent messages (up to {@value ChatRoomActor#HISTORY_LIMIT}), oldest first. */
    @ReadOnly
    List<ChatMessage> history();
}
