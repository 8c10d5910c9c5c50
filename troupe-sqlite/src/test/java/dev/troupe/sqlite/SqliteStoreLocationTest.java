package dev.troupe.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.store.Store;
import dev.troupe.store.StoreException;
import dev.troupe.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreLocation} finds {@link SqliteStoreProvider} for a directory, written plain or as {@code sqlite:DIR}. */
class SqliteStoreLocationTest {
    @TempDir
    Path directory;

    @Test
    void aDirectoryOpensASqliteStore() {
        try (Store store = StoreLocation.open(directory.resolve("plain").toString())) {
            assertThat(store).isInstanceOf(SqliteStore.class);
        }
        assertThat(directory.resolve("plain").resolve(SqliteStore.DATABASE_FILE)).exists();
    }

    @Test
    void theSqliteSchemeNamesTheDirectoryToo() {
        try (Store store = StoreLocation.open("sqlite:" + directory.resolve("prefixed"))) {
            assertThat(store).isInstanceOf(SqliteStore.class);
        }
        assertThat(Files.exists(directory.resolve("prefixed").resolve(SqliteStore.DATABASE_FILE))).isTrue();
    }

    @Test
    void describesTheDatabaseFile() {
        assertThat(StoreLocation.describe("sqlite:" + directory))
                .isEqualTo(directory.toAbsolutePath().resolve(SqliteStore.DATABASE_FILE).toString());
    }

    @Test
    void aLocationNoStoreModuleOpensSaysWhichModuleToAdd() {
        assertThatThrownBy(() -> StoreLocation.open("postgresql://troupe@localhost/troupe"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("troupe-postgres");
    }
}
