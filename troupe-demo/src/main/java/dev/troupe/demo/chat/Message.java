package dev.troupe.demo.chat;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation's tree: every message but the first answers its {@code parent}, so
 * two messages with the same parent are two branches (an edit, a regenerated answer, a second reply).
 *
 * @param id      the message's id in its conversation ({@code m1}, {@code m2}, …)
 * @param parent  the message it follows, or null for a root
 * @param role    {@value #USER} or {@value #ASSISTANT}
 * @param content the text; for a failed answer, what went wrong
 * @param status  {@value #COMPLETE}, or {@value #FAILED} for an answer the model could not give
 * @param at      when the conversation stored it
 */
public record Message(String id, @Nullable String parent, String role, String content, String status, Instant at) {
    /** The role of what a user wrote. */
    public static final String USER = "user";
    /** The role of the model's answers. */
    public static final String ASSISTANT = "assistant";
    /** A message as written or answered. */
    public static final String COMPLETE = "complete";
    /** An answer that failed: the provider refused or could not be reached. */
    public static final String FAILED = "failed";
}
