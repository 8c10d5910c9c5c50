package dev.troupe.demo.chat;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A conversation with the assistant: a tree of {@link Message}s, answered by the model, with child
 * actors that read every new message and whose answers are kept as a {@link Rollup} beside it. Its key
 * is {@code [user, conversation]}.
 *
 * <p>Events: {@value #MESSAGE} (a {@link Message}, once stored), {@value #GENERATING} (the id of an
 * answer being written and the message it answers, at once), {@code agent.delta} (that id and the next
 * piece of text, at once), {@value #ROLLUP} (a {@link Rollup}, once stored) and {@value #CHILDREN} (the
 * running children's names). The view holds the messages, the rollups and the children. Errors are
 * {@code user/…}: {@code invalid_message}, {@code message_not_found}, {@code not_an_answer},
 * {@code not_written}, {@code child_not_found}, {@code child_running}, {@code child_not_running}.
 */
@ActorContract("chat-conversation")
public interface Conversation {
    /** The event of a stored message. */
    String MESSAGE = "message";
    /** The event of an answer that starts streaming. */
    String GENERATING = "generating";
    /** The event of a changed rollup. */
    String ROLLUP = "rollup";
    /** The event of a changed set of running children. */
    String CHILDREN = "children";

    /**
     * Stores what the user wrote after {@code parent} (null: a new root) and answers it in a turn of its
     * own (streamed), so the message is durable at once.
     *
     * @throws dev.troupe.UserException {@code user/invalid_message} for empty or too long text (1–8,000
     *                                  characters), {@code user/message_not_found} for an unknown parent
     */
    Message send(@Nullable String parent, String content);

    /**
     * Edits a message the user wrote: a new branch beside it (same parent) with {@code content},
     * answered like a sent message; the original stays.
     *
     * @throws dev.troupe.UserException {@code user/message_not_found}, {@code user/not_written} if it is an answer
     */
    Message edit(String messageId, String content);

    /**
     * Answers again the message an answer answered: a new answer beside it (same parent), streamed.
     *
     * @throws dev.troupe.UserException {@code user/message_not_found}, {@code user/not_an_answer} if it is not one
     */
    Message regenerate(String messageId);

    /** Answers the user's message {@code messageId}; the runtime calls it after {@link #send} and {@link #edit}. */
    Message answer(String messageId);

    /** Every message, in the order stored. */
    @ReadOnly
    List<Message> messages();

    /** The messages from the root to {@code messageId}, the thread a reply to it continues. */
    @ReadOnly
    List<Message> thread(String messageId);

    /** The rollups, in the order of their messages. */
    @ReadOnly
    List<Rollup> rollups();

    /** The children this conversation may start. */
    @ReadOnly
    List<ChildManifest> availableChildren();

    /** The names of the running children, in the order started. */
    @ReadOnly
    List<String> runningChildren();

    /**
     * Starts the child {@code name} of the catalogue: from the next message on, it gets every message.
     *
     * @return the running children
     * @throws dev.troupe.UserException {@code user/child_not_found}, {@code user/child_running}
     */
    List<String> startChild(String name);

    /**
     * Stops the child {@code name}; its pending answers time out.
     *
     * @return the running children
     * @throws dev.troupe.UserException {@code user/child_not_running}
     */
    List<String> stopChild(String name);

    /** A child's answer about a message; its runner sends it. Late answers (after the rollup closed) are dropped. */
    void rollupAnswer(String messageId, String child, ChildAnswer answer);

    /** Closes the rollup of {@code messageId} at its deadline: pending children timed out. */
    void closeRollup(String messageId);
}
