package dev.troupe.sqlite;

import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import dev.troupe.store.ContentChunks;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The content store's queries, each on a connection of the {@link ReaderPool}. A stream of content
 * fetches one chunk per query as it is read, so it holds no connection between reads and at most one
 * chunk in memory.
 */
final class SqliteContentReader {
    private final ReaderPool pool;

    SqliteContentReader(ReaderPool pool) {
        this.pool = pool;
    }

    /** See {@link dev.troupe.store.ContentStore#contentInfo}. */
    Optional<ContentInfo> info(ContentHash hash) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT size, stored_at FROM content WHERE hash = ?")) {
                query.setString(1, hash.hex());
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new ContentInfo(hash, row.getLong(1), Micros.toInstant(row.getLong(2))))
                            : Optional.empty();
                }
            }
        });
    }

    /** See {@link dev.troupe.store.ContentStore#openContent}. */
    Optional<InputStream> open(ContentHash hash) throws SQLException {
        return info(hash).map(info -> ContentChunks.join(info.size(), index -> chunk(hash, index)));
    }

    private byte[] chunk(ContentHash hash, int index) throws IOException {
        try {
            return pool.read(connection -> {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT data FROM content_chunks WHERE hash = ? AND idx = ?")) {
                    query.setString(1, hash.hex());
                    query.setInt(2, index);
                    try (ResultSet row = query.executeQuery()) {
                        return row.next() ? row.getBytes(1) : null;
                    }
                }
            });
        } catch (SQLException e) {
            throw new IOException("reading chunk " + index + " of content " + hash + " failed: " + e.getMessage(), e);
        }
    }

    /** See {@link dev.troupe.store.ContentStore#label}. */
    Optional<ContentHash> label(String name) throws SQLException {
        return pool.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT hash FROM content_labels WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new ContentHash(row.getString(1))) : Optional.empty();
                }
            }
        });
    }
}
