package dev.troupe.sqlite;

import dev.troupe.store.MessageReceipt;
import dev.troupe.store.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The writer's statements for one-way messages: adding them to the outbox, applying receipts and
 * making dead letters. Prepared once on the writer connection; used only inside its transactions.
 */
final class OutboxWrites {
    private static final String PAIR = "sender_id = ? AND receiver_type = ? AND receiver_key = ?";

    private final PreparedStatement insert;
    private final PreparedStatement receivedBy;
    private final PreparedStatement keepDead;
    private final PreparedStatement delete;
    private final PreparedStatement selectReceived;
    private final PreparedStatement putReceived;
    private final PreparedStatement insertDead;

    OutboxWrites(Connection connection) throws SQLException {
        insert = connection.prepareStatement("INSERT INTO outbox (" + Rows.MESSAGE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        receivedBy = connection.prepareStatement("""
                INSERT INTO message_pairs (sender_id, receiver_type, receiver_key, received)
                SELECT ?, type, key, ? FROM actors WHERE id = ?
                ON CONFLICT DO UPDATE SET received = max(received, excluded.received)""");
        keepDead = connection.prepareStatement("INSERT INTO dead_letters (" + Rows.MESSAGE_COLUMNS
                + ", error, dead_at) SELECT " + Rows.MESSAGE_COLUMNS + ", ?, ? FROM outbox WHERE id = ?");
        delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ?");
        selectReceived = connection.prepareStatement("SELECT received FROM message_pairs WHERE " + PAIR);
        putReceived = connection.prepareStatement("""
                INSERT INTO message_pairs (sender_id, receiver_type, receiver_key, received) VALUES (?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET received = excluded.received""");
        insertDead = connection.prepareStatement("INSERT INTO dead_letters (" + Rows.MESSAGE_COLUMNS
                + ", error, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Adds a message to the outbox. */
    void add(OutboxMessage message) throws SQLException {
        bind(insert, message);
        insert.executeUpdate();
    }

    /** Applies a receipt of the actor {@code receiverId}. */
    void received(String receiverId, MessageReceipt receipt, long nowMicros) throws SQLException {
        receivedBy.setString(1, receipt.senderId());
        receivedBy.setLong(2, receipt.seq());
        receivedBy.setString(3, receiverId);
        receivedBy.executeUpdate();
        if (receipt.error() != null) {
            keepDead.setString(1, receipt.error());
            keepDead.setLong(2, nowMicros);
            keepDead.setString(3, receipt.messageId());
            keepDead.executeUpdate();
        }
        delete.setString(1, receipt.messageId());
        delete.executeUpdate();
    }

    /** See {@link dev.troupe.store.Store#deadLetter}. */
    boolean deadLetter(OutboxMessage message, String error, Instant at) throws SQLException {
        selectReceived.setString(1, message.senderId());
        selectReceived.setString(2, message.receiverType());
        selectReceived.setString(3, message.receiverKey().toJson());
        long last;
        try (ResultSet row = selectReceived.executeQuery()) {
            last = row.next() ? row.getLong(1) : 0;
        }
        if (message.seq() > last + 1) {
            return false;
        }
        delete.setString(1, message.id());
        delete.executeUpdate();
        if (message.seq() <= last) {
            return false;
        }
        putReceived.setString(1, message.senderId());
        putReceived.setString(2, message.receiverType());
        putReceived.setString(3, message.receiverKey().toJson());
        putReceived.setLong(4, message.seq());
        putReceived.executeUpdate();
        bind(insertDead, message);
        insertDead.setString(10, error);
        insertDead.setLong(11, Micros.of(at));
        insertDead.executeUpdate();
        return true;
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
        statement.setLong(9, Micros.of(message.sentAt()));
    }
}
