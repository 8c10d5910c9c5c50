package dev.troupe.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL server for the whole test JVM, started on first use and stopped by a
 * shutdown hook, and a fresh, empty database for each caller, so that test classes running in
 * parallel never see each other's rows. Public, in this module's test-jar, for troupe-cluster's
 * multi-node tests.
 */
public final class EmbeddedPostgresSupport {
    /** The server's superuser, who may connect without a password. */
    public static final String USER = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgresSupport() {
    }

    private static final class Server {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException("starting embedded PostgreSQL failed", e);
            }
        }
    }

    /** The server's port on localhost. */
    public static int port() {
        return Server.INSTANCE.getPort();
    }

    /** Creates a new, empty database and returns its name. */
    public static String newDatabase() {
        String name = "troupe_test_" + DATABASES.incrementAndGet();
        try (Connection connection = Server.INSTANCE.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + name + " failed", e);
        }
        return name;
    }

    /** The JDBC URL of {@code database}, without user or password. */
    static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * A libpq-style URI of {@code database} over TCP on 127.0.0.1, as the superuser, for another JVM
     * (such as a {@code CounterWorker}) to open with {@link PostgresStore#fromUri}.
     */
    public static String uri(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port() + "/" + database;
    }

    /** The JDBC URL of a new, empty database. */
    static String newDatabaseUrl() {
        return jdbcUrl(newDatabase());
    }

    /** An unpooled data source on {@code database}, as the superuser. */
    static DataSource dataSource(String database) {
        return Server.INSTANCE.getDatabase(USER, database);
    }
}
