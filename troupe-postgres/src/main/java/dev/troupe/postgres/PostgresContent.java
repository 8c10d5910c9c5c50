package dev.troupe.postgres;

import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import dev.troupe.store.ContentChunks;
import dev.troupe.store.ContentSource;
import dev.troupe.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The PostgreSQL store's content half ({@link dev.troupe.store.ContentStore}): content in
 * {@code troupe_content}, its bytes in chunks in {@code troupe_content_chunks}, labels in
 * {@code troupe_content_labels}. A put inserts the content row and its chunks in one transaction, so
 * two processes putting the same bytes at once store one copy (the second waits on the first's key
 * and finds it); a read fetches one chunk per query as the stream is read. A label's foreign key keeps
 * the content it points at: a collection that races a new label to content it is removing fails with
 * a {@link StoreException}, having removed nothing, and can be run again.
 */
final class PostgresContent {
    private static final String INSERT = "INSERT INTO troupe_content (hash, size, stored_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (hash) DO NOTHING";
    private static final String TOUCH = "UPDATE troupe_content SET stored_at = greatest(stored_at, ?) WHERE hash = ?";
    private static final String INSERT_CHUNK = "INSERT INTO troupe_content_chunks (hash, idx, data) VALUES (?, ?, ?)";
    private static final String INFO = "SELECT size, stored_at FROM troupe_content WHERE hash = ?";
    private static final String CHUNK = "SELECT data FROM troupe_content_chunks WHERE hash = ? AND idx = ?";
    private static final String LABEL = "SELECT hash FROM troupe_content_labels WHERE name = ?";
    private static final String PUT_LABEL = """
            INSERT INTO troupe_content_labels (name, hash) SELECT ?, hash FROM troupe_content WHERE hash = ?
            ON CONFLICT (name) DO UPDATE SET hash = excluded.hash""";
    private static final String DELETE_LABEL = "DELETE FROM troupe_content_labels WHERE name = ?";
    private static final String COLLECT = """
            DELETE FROM troupe_content c WHERE c.stored_at < ?
            AND NOT EXISTS (SELECT 1 FROM troupe_content_labels l WHERE l.hash = c.hash)""";

    private final Jdbc jdbc;

    PostgresContent(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    boolean put(ContentHash hash, long size, Instant storedAt, ContentSource source) {
        return jdbc.transaction("storing content " + hash, c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setString(1, hash.hex());
                insert.setLong(2, size);
                insert.setObject(3, Timestamps.toColumn(storedAt));
                if (insert.executeUpdate() == 0) {
                    try (PreparedStatement touch = c.prepareStatement(TOUCH)) {
                        touch.setObject(1, Timestamps.toColumn(storedAt));
                        touch.setString(2, hash.hex());
                        touch.executeUpdate();
                    }
                    return false;
                }
            }
            try (PreparedStatement chunk = c.prepareStatement(INSERT_CHUNK); InputStream in = source.open()) {
                ContentChunks.split(in, size, (index, data) -> {
                    chunk.setString(1, hash.hex());
                    chunk.setInt(2, index);
                    chunk.setBytes(3, data);
                    chunk.executeUpdate();
                });
            } catch (IOException e) {
                throw new StoreException("reading content " + hash + " to store it failed: " + e.getMessage(), e);
            }
            return true;
        });
    }

    Optional<ContentInfo> info(ContentHash hash) {
        return jdbc.autoCommit("reading content " + hash, c -> {
            try (PreparedStatement query = c.prepareStatement(INFO)) {
                query.setString(1, hash.hex());
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new ContentInfo(hash, row.getLong("size"), Timestamps.read(row, "stored_at")))
                            : Optional.empty();
                }
            }
        });
    }

    Optional<InputStream> open(ContentHash hash) {
        return info(hash).map(info -> ContentChunks.join(info.size(), index -> chunk(hash, index)));
    }

    private byte[] chunk(ContentHash hash, int index) throws IOException {
        try {
            return jdbc.autoCommit("reading chunk " + index + " of content " + hash, c -> {
                try (PreparedStatement query = c.prepareStatement(CHUNK)) {
                    query.setString(1, hash.hex());
                    query.setInt(2, index);
                    try (ResultSet row = query.executeQuery()) {
                        return row.next() ? row.getBytes(1) : null;
                    }
                }
            });
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    Optional<ContentHash> label(String name) {
        return jdbc.autoCommit("reading label " + name, c -> {
            try (PreparedStatement query = c.prepareStatement(LABEL)) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new ContentHash(row.getString(1))) : Optional.empty();
                }
            }
        });
    }

    boolean putLabel(String name, ContentHash hash) {
        return jdbc.autoCommit("putting label " + name, c -> update(c.prepareStatement(PUT_LABEL), name, hash.hex()) == 1);
    }

    boolean deleteLabel(String name) {
        return jdbc.autoCommit("deleting label " + name, c -> update(c.prepareStatement(DELETE_LABEL), name) == 1);
    }

    int collect(Instant storedBefore) {
        return jdbc.autoCommit("collecting content", c -> {
            try (PreparedStatement delete = c.prepareStatement(COLLECT)) {
                delete.setObject(1, Timestamps.toColumn(storedBefore));
                return delete.executeUpdate();
            }
        });
    }

    private static int update(PreparedStatement statement, String... parameters) throws SQLException {
        try (statement) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
