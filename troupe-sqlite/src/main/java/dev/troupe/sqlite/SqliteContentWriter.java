package dev.troupe.sqlite;

import dev.troupe.ContentHash;
import dev.troupe.store.ContentChunks;
import dev.troupe.store.ContentSource;
import dev.troupe.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The content store's writes, each one operation of the {@link SqliteWriter} (so a write shares a
 * transaction with whatever else is queued, and is durable when it returns). A put inserts the content
 * row and its chunks in one transaction; the writer may run it again after another operation of the
 * same transaction failed, which is why the bytes come from a {@link ContentSource} it can reopen.
 */
final class SqliteContentWriter {
    private final SqliteWriter writer;
    private final PreparedStatement selectContent;
    private final PreparedStatement touchContent;
    private final PreparedStatement insertContent;
    private final PreparedStatement insertChunk;
    private final PreparedStatement putLabel;
    private final PreparedStatement deleteLabel;
    private final PreparedStatement collect;

    SqliteContentWriter(SqliteWriter writer) throws SQLException {
        this.writer = writer;
        var connection = writer.connection();
        selectContent = connection.prepareStatement("SELECT 1 FROM content WHERE hash = ?");
        touchContent = connection.prepareStatement("UPDATE content SET stored_at = max(stored_at, ?) WHERE hash = ?");
        insertContent = connection.prepareStatement("INSERT INTO content (hash, size, stored_at) VALUES (?, ?, ?)");
        insertChunk = connection.prepareStatement("INSERT INTO content_chunks (hash, idx, data) VALUES (?, ?, ?)");
        putLabel = connection.prepareStatement("""
                INSERT INTO content_labels (name, hash) SELECT ?1, hash FROM content WHERE hash = ?2
                ON CONFLICT (name) DO UPDATE SET hash = excluded.hash""");
        deleteLabel = connection.prepareStatement("DELETE FROM content_labels WHERE name = ?");
        collect = connection.prepareStatement("""
                DELETE FROM content WHERE stored_at < ?
                AND NOT EXISTS (SELECT 1 FROM content_labels l WHERE l.hash = content.hash)""");
    }

    /** See {@link dev.troupe.store.ContentStore#putContent}. */
    boolean put(ContentHash hash, long size, Instant storedAt, ContentSource source) throws SQLException {
        return writer.locked(() -> {
            selectContent.setString(1, hash.hex());
            boolean present;
            try (ResultSet row = selectContent.executeQuery()) {
                present = row.next();
            }
            if (present) {
                touchContent.setLong(1, Micros.of(storedAt));
                touchContent.setString(2, hash.hex());
                touchContent.executeUpdate();
                return false;
            }
            insertContent.setString(1, hash.hex());
            insertContent.setLong(2, size);
            insertContent.setLong(3, Micros.of(storedAt));
            insertContent.executeUpdate();
            try (InputStream in = source.open()) {
                ContentChunks.split(in, size, (index, data) -> {
                    insertChunk.setString(1, hash.hex());
                    insertChunk.setInt(2, index);
                    insertChunk.setBytes(3, data);
                    insertChunk.executeUpdate();
                });
            } catch (IOException e) {
                throw new StoreException("reading content " + hash + " to store it failed: " + e.getMessage(), e);
            }
            return true;
        });
    }

    /** See {@link dev.troupe.store.ContentStore#putLabel}. */
    boolean putLabel(String name, ContentHash hash) throws SQLException {
        return writer.locked(() -> {
            putLabel.setString(1, name);
            putLabel.setString(2, hash.hex());
            return putLabel.executeUpdate() == 1;
        });
    }

    /** See {@link dev.troupe.store.ContentStore#deleteLabel}. */
    boolean deleteLabel(String name) throws SQLException {
        return writer.locked(() -> {
            deleteLabel.setString(1, name);
            return deleteLabel.executeUpdate() == 1;
        });
    }

    /** See {@link dev.troupe.store.ContentStore#collectContent}; the chunks go by cascade. */
    int collect(Instant storedBefore) throws SQLException {
        return writer.locked(() -> {
            collect.setLong(1, Micros.of(storedBefore));
            return collect.executeUpdate();
        });
    }
}
