package dev.troupe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.store.Store;
import dev.troupe.store.StoreLocation;
import org.junit.jupiter.api.Test;

/** {@link StoreLocation} finds {@link PostgresStoreProvider} for {@code postgresql://} and {@code postgres://} URIs. */
class PostgresStoreLocationTest {

    @Test
    void aPostgresqlUriOpensAPostgresStore() {
        String uri = "postgresql://" + EmbeddedPostgresSupport.USER + "@localhost:" + EmbeddedPostgresSupport.port()
                + "/" + EmbeddedPostgresSupport.newDatabase();
        try (Store store = StoreLocation.open(uri)) {
            assertThat(store).isInstanceOf(PostgresStore.class);
        }
    }

    @Test
    void describesTheUriWithoutItsPassword() {
        assertThat(StoreLocation.describe("postgres://ada:s3cret@db.example:5432/troupe"))
                .isEqualTo("postgres://ada:***@db.example:5432/troupe");
        assertThat(new PostgresStoreProvider().accepts("postgresql://ada@db/troupe")).isTrue();
        assertThat(new PostgresStoreProvider().accepts("/var/lib/troupe")).isFalse();
    }
}
