package dev.troupe.runtime;

import dev.troupe.Sql;
import dev.troupe.store.StorageChange;
import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/*
 * An awake actor's SQL database: an in-memory SQLite database holding what the completed turns left,
 * durable or not yet (as the activation's state runs ahead of durability), plus the image of it after the
 * last completed turn that wrote.
 *
 * Durability rides on the actor's key–value storage: the image is cut into pages, page i kept under the
 * reserved key "#sql/" + i (six digits, so the keys sort in page order). After a turn that wrote, the
 * database is serialised and compared page by page with the last image; the pages that differ (and the
 * removal of pages past a smaller end) become storage changes of that turn, committed in its store
 * transaction with its state. Loading concatenates the pages and deserialises them. So the database is
 * exactly as atomic, fenced and coalesced as storage, on every store, without a second transaction.
 *
 * The writer connection is used by the actor's writing turns, one at a time (the mailbox runs them in
 * order). Read-only turns and views run beside them and must not see a writing turn's open transaction,
 * so they read a second connection holding the last image, refreshed when it changed. A failed commit
 * unloads the activation and closes this, so the next turn loads the store's pages again.
 *
 * Limits: MAX_DATABASE_BYTES through max_page_count (SQLite answers SQLITE_FULL, which TurnSql reports
 * as sql/too_large); no attached databases; extensions off; foreign keys enforced. Memory while awake is
 * about twice the database (SQLite's pages and the last image), three times while read-only turns read.
 */
final class ActorSql implements AutoCloseable {
    /** The prefix of the storage keys holding the pages. */
    static final String PREFIX = "#sql/";
    /**
     * The page size of new databases: small pages keep a turn's write small (an insert changes about two
     * pages), and the store keeps values of this size well.
     */
    static final int PAGE_BYTES = 1024;
    private static final long MAX_PAGES = Sql.MAX_DATABASE_BYTES / PAGE_BYTES;

    private SQLiteConnection writer;
    private volatile byte[] image;
    private @Nullable SQLiteConnection reader;
    private byte @Nullable [] readerImage;

    private ActorSql(SQLiteConnection writer, byte[] image) {
        this.writer = writer;
        this.image = image;
    }

    /** The database kept in {@code pages} (the actor's {@code #sql/} storage entries), or a new one. */
    static ActorSql open(SortedMap<String, byte[]> pages) {
        byte[] image = assemble(pages);
        try {
            return new ActorSql(connect(image), image);
        } catch (SQLException e) {
            throw new IllegalStateException("the actor's SQL database cannot be opened: " + e.getMessage(), e);
        }
    }

    private static byte[] assemble(SortedMap<String, byte[]> pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pages.size() * PAGE_BYTES);
        int expected = 0;
        for (Map.Entry<String, byte[]> page : pages.entrySet()) {
            if (!page.getKey().equals(key(expected))) {
                throw new IllegalStateException("the actor's SQL database is missing page " + expected
                        + " (found " + page.getKey() + ")");
            }
            out.writeBytes(page.getValue());
            expected++;
        }
        return out.toByteArray();
    }

    private static SQLiteConnection connect(byte[] image) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteConnection connection = (SQLiteConnection) config.createConnection("jdbc:sqlite::memory:");
        if (image.length > 0) {
            connection.deserialize("main", image);
        }
        connection.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
        try (Statement statement = connection.createStatement()) {
            if (image.length == 0) {
                statement.execute("PRAGMA page_size = " + PAGE_BYTES);
            }
            statement.execute("PRAGMA max_page_count = " + MAX_PAGES);
            statement.execute("PRAGMA trusted_schema = OFF");
        }
        return connection;
    }

    static String key(int page) {
        return PREFIX + String.format("%06d", page);
    }

    /** The connection of the actor's writing turns. */
    SQLiteConnection writer() {
        return writer;
    }

    /** Runs {@code read} on a connection holding what the completed turns left, for a read-only turn. */
    synchronized <T> T read(Function<SQLiteConnection, T> read) {
        byte[] current = image;
        try {
            if (reader == null || readerImage != current) {
                if (reader != null) {
                    reader.close();
                }
                reader = connect(current);
                try (Statement statement = reader.createStatement()) {
                    statement.execute("PRAGMA query_only = ON");
                }
                readerImage = current;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the actor's SQL database cannot be read: " + e.getMessage(), e);
        }
        return read.apply(reader);
    }

    /**
     * After a turn that wrote and committed its transaction: the storage changes that bring the stored
     * pages to the database as it is now, which becomes the last image.
     */
    List<StorageChange> changes() {
        byte[] next = serialize();
        byte[] last = image;
        int size = pageSize(next.length > 0 ? next : last);
        int pages = next.length / size;
        int lastPages = last.length / size;
        List<StorageChange> changes = new ArrayList<>();
        for (int page = 0; page < pages; page++) {
            int from = page * size;
            int to = from + size;
            if (page >= lastPages || Arrays.mismatch(next, from, to, last, from, to) >= 0) {
                changes.add(new StorageChange(key(page), Arrays.copyOfRange(next, from, to)));
            }
        }
        for (int page = pages; page < lastPages; page++) {
            changes.add(new StorageChange(key(page), null));
        }
        image = next;
        return changes;
    }

    /** The page size of a database image, from its header (bytes 16 and 17, big-endian; 1 means 65,536). */
    private static int pageSize(byte[] image) {
        if (image.length < 100) {
            return PAGE_BYTES;
        }
        int size = (image[16] & 0xff) << 8 | (image[17] & 0xff);
        return size == 1 ? 65_536 : size;
    }

    /** Puts the database back to the last image (a turn's transaction was lost under it). */
    void reset() {
        try {
            writer.close();
            writer = connect(image);
        } catch (SQLException e) {
            throw new IllegalStateException("the actor's SQL database cannot be restored: " + e.getMessage(), e);
        }
    }

    private byte[] serialize() {
        try {
            byte[] bytes = writer.serialize("main");
            return bytes == null ? new byte[0] : bytes;
        } catch (SQLException e) {
            throw new IllegalStateException("the actor's SQL database cannot be serialised: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
            if (reader != null) {
                reader.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the actor's SQL database cannot be closed: " + e.getMessage(), e);
        }
    }
}
