package dev.troupe.demo.chat;

import dev.troupe.ActorContract;

/** A chat child that summarises the conversation so far with the assistant's model. */
@ActorContract("chat-summariser")
public interface Summariser {
    /** Adds {@code text} to the conversation it keeps and answers a summary of all of it. */
    String summarise(String text);
}
