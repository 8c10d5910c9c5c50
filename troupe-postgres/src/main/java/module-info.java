/**
 * The PostgreSQL store, found by {@code dev.troupe.store.StoreLocation} for {@code postgresql://}
 * locations. The JDBC driver, an automatic module with a stable name ({@code Automatic-Module-Name}),
 * is required so that it is in the module graph for the pool.
 */
@SuppressWarnings("requires-automatic")
module dev.troupe.postgres {
    requires transitive dev.troupe.core;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires org.postgresql.jdbc;

    exports dev.troupe.postgres;

    provides dev.troupe.store.StoreProvider with dev.troupe.postgres.PostgresStoreProvider;
}
