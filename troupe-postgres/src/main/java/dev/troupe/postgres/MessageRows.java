package dev.troupe.postgres;

import dev.troupe.Key;
import dev.troupe.store.DeadLetter;
import dev.troupe.store.MessageReceipt;
import dev.troupe.store.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads {@code troupe_outbox}, {@code troupe_message_pairs} and {@code troupe_dead_letters}:
 * the one-way messages waiting, the last message of each pair its receiver processed, and the messages
 * kept as dead letters. Instants are {@code timestamptz}, everything else text or bigint kept as given.
 * Inserts of one transaction go in one JDBC batch.
 */
final class MessageRows {
    private static final String COLUMNS = "id, sender_id, caller, receiver_type, receiver_key, seq, action, args, sent_at";
    private static final String PAIR = "sender_id = ? AND receiver_type = ? AND receiver_key = ?";
    private static final String INSERT = "INSERT INTO troupe_outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECEIVED_BY = """
            INSERT INTO troupe_message_pairs (sender_id, receiver_type, receiver_key, received)
            SELECT ?, type, key, ? FROM troupe_actors WHERE id = ?
            ON CONFLICT (sender_id, receiver_type, receiver_key)
            DO UPDATE SET received = greatest(troupe_message_pairs.received, excluded.received)""";
    private static final String KEEP_DEAD = "INSERT INTO troupe_dead_letters (" + COLUMNS + ", error, dead_at) SELECT "
            + COLUMNS + ", ?, now() FROM troupe_outbox WHERE id = ? ON CONFLICT (id) DO NOTHING";
    private static final String DELETE = "DELETE FROM troupe_outbox WHERE id = ?";
    private static final String RECEIVED = "SELECT received FROM troupe_message_pairs WHERE " + PAIR;
    private static final String PUT_RECEIVED = """
            INSERT INTO troupe_message_pairs (sender_id, receiver_type, receiver_key, received) VALUES (?, ?, ?, ?)
            ON CONFLICT (sender_id, receiver_type, receiver_key)
            DO UPDATE SET received = greatest(troupe_message_pairs.received, excluded.received)""";
    private static final String INSERT_DEAD = "INSERT INTO troupe_dead_letters (" + COLUMNS
            + ", error, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String PENDING = "SELECT " + COLUMNS
            + " FROM troupe_outbox WHERE sent_at <= ? ORDER BY sender_id, receiver_type, receiver_key, seq LIMIT ?";
    private static final String LAST_SENT = "SELECT greatest(coalesce((SELECT max(seq) FROM troupe_outbox WHERE "
            + PAIR + "), 0), coalesce((SELECT received FROM troupe_message_pairs WHERE " + PAIR + "), 0))";
    private static final String DEAD = "SELECT " + COLUMNS
            + ", error, dead_at FROM troupe_dead_letters ORDER BY position LIMIT ?";

    /** One actor's receipts, as a write carries them. */
    record Received(String receiverId, List<MessageReceipt> receipts) {
    }

    private MessageRows() {
    }

    /** Adds the messages to the outbox, in the caller's transaction. */
    static void add(Connection connection, List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (OutboxMessage message : messages) {
                bind(insert, message);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Applies the receipts, in order, in the caller's transaction. */
    static void receive(Connection connection, List<Received> received) throws SQLException {
        if (received.isEmpty()) {
            return;
        }
        try (PreparedStatement position = connection.prepareStatement(RECEIVED_BY);
             PreparedStatement keep = connection.prepareStatement(KEEP_DEAD);
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            for (Received actor : received) {
                for (MessageReceipt receipt : actor.receipts()) {
                    position.setString(1, receipt.senderId());
                    position.setLong(2, receipt.seq());
                    position.setString(3, actor.receiverId());
                    position.executeUpdate();
                    if (receipt.error() != null) {
                        keep.setString(1, receipt.error());
                        keep.setString(2, receipt.messageId());
                        keep.executeUpdate();
                    }
                    delete.setString(1, receipt.messageId());
                    delete.executeUpdate();
                }
            }
        }
    }

    /** See {@link dev.troupe.store.Store#deadLetter}; in the caller's transaction. */
    static boolean deadLetter(Connection connection, OutboxMessage message, String error, Instant at)
            throws SQLException {
        long last = seq(connection, RECEIVED + " FOR UPDATE", message.senderId(), message.receiverType(),
                message.receiverKey(), 1);
        if (message.seq() > last + 1) {
            return false;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, message.id());
            delete.executeUpdate();
        }
        if (message.seq() <= last) {
            return false;
        }
        try (PreparedStatement put = connection.prepareStatement(PUT_RECEIVED);
             PreparedStatement dead = connection.prepareStatement(INSERT_DEAD)) {
            put.setString(1, message.senderId());
            put.setString(2, message.receiverType());
            put.setString(3, message.receiverKey().toJson());
            put.setLong(4, message.seq());
            put.executeUpdate();
            bind(dead, message);
            dead.setString(10, error);
            dead.setObject(11, Timestamps.toColumn(at));
            return dead.executeUpdate() == 1;
        }
    }

    /** See {@link dev.troupe.store.Store#pendingMessages}. */
    static List<OutboxMessage> pending(Connection connection, Instant sentBefore, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(PENDING)) {
            query.setObject(1, Timestamps.toBound(sentBefore));
            query.setInt(2, limit);
            List<OutboxMessage> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    messages.add(read(rows));
                }
            }
            return messages;
        }
    }

    /** See {@link dev.troupe.store.Store#lastSentSeq}. */
    static long lastSent(Connection connection, String senderId, String receiverType, Key receiverKey)
            throws SQLException {
        return seq(connection, LAST_SENT, senderId, receiverType, receiverKey, 2);
    }

    /** See {@link dev.troupe.store.Store#lastReceivedSeq}. */
    static long lastReceived(Connection connection, String senderId, String receiverType, Key receiverKey)
            throws SQLException {
        return seq(connection, RECEIVED, senderId, receiverType, receiverKey, 1);
    }

    /** See {@link dev.troupe.store.Store#deadLetters}. */
    static List<DeadLetter> deadLetters(Connection connection, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(DEAD)) {
            query.setInt(1, limit);
            List<DeadLetter> dead = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    dead.add(new DeadLetter(read(rows), rows.getString("error"), Timestamps.read(rows, "dead_at")));
                }
            }
            return dead;
        }
    }

    /** The pair's seq the query selects, 0 if it selects no row; the pair is bound {@code times} over. */
    private static long seq(Connection connection, String sql, String senderId, String receiverType, Key receiverKey,
                            int times) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < times; i++) {
                query.setString(3 * i + 1, senderId);
                query.setString(3 * i + 2, receiverType);
                query.setString(3 * i + 3, receiverKey.toJson());
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static void bind(PreparedStatement statement, OutboxMessage message) throws SQLException {
        statement.setString(1, message.id());
        statement.setString(2, message.senderId());
        statement.setString(3, message.caller());
        statement.setString(4, message.receiverType());
        statement.setString(5, message.receiverKey().toJson());
        statement.setLong(6, message.seq());
        statement.setString(7, message.action());
        statement.setString(8, message.args());
        statement.setObject(9, Timestamps.toColumn(message.sentAt()));
    }

    private static OutboxMessage read(ResultSet row) throws SQLException {
        String id = row.getString("id");
        return new OutboxMessage(id, row.getString("sender_id"), row.getString("caller"), row.getString("receiver_type"),
                ActorRows.key(id, row.getString("receiver_key")), row.getLong("seq"), row.getString("action"),
                row.getString("args"), Timestamps.read(row, "sent_at"));
    }
}
