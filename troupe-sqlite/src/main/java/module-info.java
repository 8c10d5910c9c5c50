/** The SQLite store: one file per runtime, found by {@code dev.troupe.store.StoreLocation} for paths. */
module dev.troupe.sqlite {
    requires transitive dev.troupe.core;
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    exports dev.troupe.sqlite;

    provides dev.troupe.store.StoreProvider with dev.troupe.sqlite.SqliteStoreProvider;
}
