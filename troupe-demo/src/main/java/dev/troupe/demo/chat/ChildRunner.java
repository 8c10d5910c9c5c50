package dev.troupe.demo.chat;

import dev.troupe.ActorContract;

/**
 * A conversation's running child: a supervision child of the conversation, named after its manifest,
 * that takes each new message (one-way, in order), calls the manifest's action of the worker actor
 * (its key is the runner's id, so a child started again begins afresh), and sends the answer, or the
 * failure, back to the conversation. The conversation never waits for it.
 */
@ActorContract("chat-child")
public interface ChildRunner {
    /** Hands message {@code messageId} to the worker and reports its answer to the conversation. */
    void deliver(String messageId, String content);
}
