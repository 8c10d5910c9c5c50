package dev.troupe.sqlite;

import dev.troupe.Key;
import dev.troupe.store.DeadLetter;
import dev.troupe.store.OutboxMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The store's queries of one-way messages, each one statement on a connection from the {@link ReaderPool}. */
final class OutboxReads {
    private static final String PAIR = "sender_id = ?1 AND receiver_type = ?2 AND receiver_key = ?3";

    private final ReaderPool pool;

    OutboxReads(ReaderPool pool) {
        this.pool = pool;
    }

    /** See {@link dev.troupe.store.Store#pendingMessages}. */
    List<OutboxMessage> pending(Instant sentBefore, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM outbox WHERE sent_at <= ? ORDER BY sender_id, receiver_type, receiver_key, seq LIMIT ?")) {
                query.setLong(1, Micros.bound(sentBefore));
                query.setInt(2, limit);
                List<OutboxMessage> messages = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        messages.add(Rows.message(rows));
                    }
                }
                return messages;
            }
        });
    }

    /** See {@link dev.troupe.store.Store#lastSentSeq}. */
    long lastSent(String senderId, String receiverType, Key receiverKey) throws SQLException {
        return seq("SELECT max(coalesce((SELECT max(seq) FROM outbox WHERE " + PAIR + "), 0),"
                + " coalesce((SELECT received FROM message_pairs WHERE " + PAIR + "), 0))",
                senderId, receiverType, receiverKey);
    }

    /** See {@link dev.troupe.store.Store#lastReceivedSeq}. */
    long lastReceived(String senderId, String receiverType, Key receiverKey) throws SQLException {
        return seq("SELECT coalesce((SELECT received FROM message_pairs WHERE " + PAIR + "), 0)",
                senderId, receiverType, receiverKey);
    }

    /** See {@link dev.troupe.store.Store#deadLetters}. */
    List<DeadLetter> deadLetters(int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + ", error, dead_at FROM dead_letters ORDER BY rowid LIMIT ?")) {
                query.setInt(1, limit);
                List<DeadLetter> dead = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        dead.add(new DeadLetter(Rows.message(rows), rows.getString(10),
                                Micros.toInstant(rows.getLong(11))));
                    }
                }
                return dead;
            }
        });
    }

    private long seq(String sql, String senderId, String receiverType, Key receiverKey) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, senderId);
                query.setString(2, receiverType);
                query.setString(3, receiverKey.toJson());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
