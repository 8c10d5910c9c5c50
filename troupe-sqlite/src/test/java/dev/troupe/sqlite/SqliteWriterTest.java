package dev.troupe.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link SqliteWriter} combines concurrent operations into shared transactions, on a real file. */
class SqliteWriterTest {
    @TempDir
    Path directory;

    private SqliteWriter writer;
    private SqliteReader reader;

    @BeforeEach
    void open() throws SQLException {
        SqliteConnections connections = new SqliteConnections(directory.resolve("troupe.db"));
        writer = SqliteWriter.open(connections);
        reader = new SqliteReader(new ReaderPool(connections, 2));
    }

    @AfterEach
    void close() throws SQLException {
        reader.close();
        writer.close();
    }

    private static ActorRecord record(int n) {
        return new ActorRecord("id-" + n, "counter", Key.of("k", Integer.toString(n)), "{\"count\":0}", 1, 1,
                Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void creationsQueuedBehindATransaction_shareTheNextOne() throws Exception {
        int creations = 200;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = holdTheWriter(pool);
            List<Future<Boolean>> created = new ArrayList<>();
            for (int i = 0; i < creations; i++) {
                ActorRecord record = record(i);
                created.add(pool.submit(() -> writer.create(record, List.of(), List.of())));
            }
            await().until(() -> writer.queued() == creations);
            long before = writer.transactions();
            release.countDown();
            for (Future<Boolean> future : created) {
                assertThat(future.get()).isTrue();
            }
            assertThat(writer.transactions() - before).isEqualTo(2);
        }
        for (int i = 0; i < creations; i++) {
            assertThat(reader.find("counter", Key.of("k", Integer.toString(i)))).isPresent();
        }
    }

    @Test
    void anOperationThatFails_failsAlone_andTheOthersInItsBatchAreApplied() throws Exception {
        int creations = 50;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = holdTheWriter(pool);
            List<Future<Boolean>> created = new ArrayList<>();
            for (int i = 0; i < creations / 2; i++) {
                ActorRecord record = record(i);
                created.add(pool.submit(() -> writer.create(record, List.of(), List.of())));
            }
            await().until(() -> writer.queued() == creations / 2);
            Future<Object> failing = pool.submit(() -> writer.locked(() -> {
                throw new SQLException("this operation fails");
            }));
            await().until(() -> writer.queued() == creations / 2 + 1);
            for (int i = creations / 2; i < creations; i++) {
                ActorRecord record = record(i);
                created.add(pool.submit(() -> writer.create(record, List.of(), List.of())));
            }
            await().until(() -> writer.queued() == creations + 1);
            release.countDown();
            assertThatThrownBy(failing::get).hasRootCauseMessage("this operation fails");
            for (Future<Boolean> future : created) {
                assertThat(future.get()).isTrue();
            }
        }
        for (int i = 0; i < creations; i++) {
            assertThat(reader.find("counter", Key.of("k", Integer.toString(i)))).isPresent();
        }
    }

    @Test
    void concurrentActivationsAndCommits_loseNothing() throws Exception {
        writer.create(record(0), List.of(), List.of());
        int threads = 32;
        int perThread = 100;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                claims.add(pool.submit(() -> {
                    int claimed = 0;
                    for (int i = 0; i < perThread; i++) {
                        Optional<ActorRecord> record = writer.activate("counter", Key.of("k", "0"));
                        claimed += record.isPresent() ? 1 : 0;
                        CommitResult result = writer.commit(List.of(
                                new ActorWrite("id-0", record.orElseThrow().epoch(), "{\"count\":1}", 1, List.of())));
                        assertThat(result.fenced()).isSubsetOf(List.of("id-0"));
                    }
                    return claimed;
                }));
            }
            int claimed = 0;
            for (Future<Integer> future : claims) {
                claimed += future.get();
            }
            assertThat(claimed).isEqualTo(threads * perThread);
        }
        assertThat(reader.find("counter", Key.of("k", "0")).orElseThrow().epoch()).isEqualTo(1 + threads * perThread);
        assertThat(writer.transactions()).isLessThanOrEqualTo(1 + 2L * threads * perThread);
    }

    /** Starts an operation that keeps the writer busy until the returned latch is released. */
    private CountDownLatch holdTheWriter(ExecutorService pool) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> writer.locked(() -> {
            inside.countDown();
            opened(release);
            return null;
        }));
        inside.await();
        return release;
    }

    /** Waits for {@code latch} inside an operation, whose work may only throw SQLException. */
    private static void opened(CountDownLatch latch) throws SQLException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while held", e);
        }
    }
}
