package dev.troupe.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.troupe.store.StoreException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Creates the HikariCP pools of stores opened from a JDBC URL.
 *
 * <p>A pool is created connected: an unreachable server or bad credentials fail here, at once, rather
 * than at the first operation. Connections use READ COMMITTED, which {@link BatchCommit}'s fencing
 * relies on, and wait at most {@link #CONNECTION_TIMEOUT} for a free connection or a new one. The
 * driver is told not to put statement parameters and server error details in its exceptions
 * ({@code logServerErrorDetail=false}): those would carry actor state, which may be private and large,
 * into {@link StoreException} messages and logs.
 */
final class ConnectionPools {
    /** How long taking a connection may wait. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final AtomicInteger POOLS = new AtomicInteger();

    private ConnectionPools() {
    }

    /**
     * A started pool.
     *
     * @throws StoreException if the URL is not a PostgreSQL JDBC URL or no connection can be made
     */
    static HikariDataSource open(String jdbcUrl, @Nullable String user, @Nullable String password) {
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new StoreException("not a PostgreSQL JDBC URL (expected " + JDBC_PREFIX + "//host:port/database): "
                    + withoutParameters(jdbcUrl));
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("troupe-postgres-" + POOLS.incrementAndGet());
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.addDataSourceProperty("logServerErrorDetail", "false");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + withoutParameters(jdbcUrl) + ": "
                    + rootMessage(e), e);
        }
    }

    /** The URL without its parameters, which may hold a password. */
    static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
