package dev.troupe.demo;

import java.time.Instant;

/**
 * One message of a chat room.
 *
 * @param seq  the message's position in the room, from 1
 * @param user who sent it
 * @param text what they wrote
 * @param at   when the room accepted it
 */
public record ChatMessage(long seq, String user, String text, Instant at) {
}
