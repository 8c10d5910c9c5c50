package dev.troupe.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WriteCombiner} on its own: batching, exclusion, outcomes, interrupts. */
@Timeout(60)
class WriteCombinerTest {

    /** Runs every operation of a batch; checks that no two batches ever overlap. */
    private static final class CountingExecutor implements WriteCombiner.Executor {
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger largest = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        @Override
        public void execute(List<WriteCombiner.Operation<?>> operations) {
            if (!running.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            batches.incrementAndGet();
            largest.accumulateAndGet(operations.size(), Math::max);
            operations.forEach(CountingExecutor::run);
            running.set(false);
        }

        private static <T> void run(WriteCombiner.Operation<T> operation) {
            try {
                operation.succeeded(operation.run());
            } catch (SQLException | RuntimeException e) {
                operation.failed(e);
            }
        }
    }

    /** An operation that keeps the combiner busy, inside its batch, until released. */
    private record Held(CountDownLatch gate, Future<String> operation) {
        static Held start(ExecutorService pool, WriteCombiner combiner) throws InterruptedException {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<String> operation = pool.submit(() -> combiner.submit(() -> {
                inside.countDown();
                opened(release);
                return "first";
            }));
            inside.await();
            return new Held(release, operation);
        }

        /** Lets the operation finish; returns its result. */
        String release() throws Exception {
            gate.countDown();
            return operation.get();
        }
    }

    @Test
    void manyCallers_eachGetTheirOwnResult_batchesNeverOverlap() throws Exception {
        CountingExecutor executor = new CountingExecutor();
        WriteCombiner combiner = new WriteCombiner(executor, 1024);
        int threads = 64;
        int perThread = 2_000;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> sums = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                sums.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < perThread; i++) {
                        int expected = base + i;
                        if (combiner.submit(() -> expected) != expected) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> sum : sums) {
                assertThat(sum.get()).isZero();
            }
        }
        assertThat(executor.overlaps).hasValue(0);
        assertThat(executor.batches.get()).isLessThanOrEqualTo(threads * perThread);
        assertThat(combiner.queued()).isZero();
    }

    @Test
    void callersQueuedBehindARunningBatch_shareTheNextOne() throws Exception {
        CountingExecutor executor = new CountingExecutor();
        WriteCombiner combiner = new WriteCombiner(executor, 1024);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Held blocker = Held.start(pool, combiner);
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int value = i;
                queued.add(pool.submit(() -> combiner.submit(() -> value)));
            }
            await().until(() -> combiner.queued() == 100);
            assertThat(blocker.release()).isEqualTo("first");
            for (int i = 0; i < queued.size(); i++) {
                assertThat(queued.get(i).get()).isEqualTo(i);
            }
        }
        assertThat(executor.batches).hasValue(2);
        assertThat(executor.largest).hasValue(100);
    }

    @Test
    void batchesAreCappedAtMaxBatch() throws Exception {
        CountingExecutor executor = new CountingExecutor();
        WriteCombiner combiner = new WriteCombiner(executor, 10);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Held blocker = Held.start(pool, combiner);
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                int value = i;
                queued.add(pool.submit(() -> combiner.submit(() -> value)));
            }
            await().until(() -> combiner.queued() == 35);
            blocker.release();
            for (Future<Integer> future : queued) {
                future.get();
            }
        }
        assertThat(executor.batches).hasValue(1 + 4);
        assertThat(executor.largest).hasValue(10);
    }

    @Test
    void aFailure_reachesOnlyItsOwnCaller() throws Exception {
        WriteCombiner combiner = new WriteCombiner(new CountingExecutor(), 1024);
        assertThatThrownBy(() -> combiner.submit(() -> {
            throw new SQLException("boom");
        })).isInstanceOf(SQLException.class).hasMessage("boom");
        assertThatThrownBy(() -> combiner.submit(() -> {
            throw new IllegalStateException("bad");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bad");
        assertThat(combiner.submit(() -> "fine")).isEqualTo("fine");
    }

    @Test
    void anExecutorThatThrows_failsItsBatch_andTheCombinerKeepsWorking() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        CountingExecutor healthy = new CountingExecutor();
        WriteCombiner combiner = new WriteCombiner(operations -> {
            if (broken.getAndSet(false)) {
                throw new IllegalStateException("executor broke");
            }
            healthy.execute(operations);
        }, 1024);
        assertThatThrownBy(() -> combiner.submit(() -> 1)).hasMessage("executor broke");
        assertThat(combiner.submit(() -> 2)).isEqualTo(2);
    }

    @Test
    void anInterruptedCaller_stillGetsItsResult_andKeepsTheInterrupt() throws Exception {
        CountingExecutor executor = new CountingExecutor();
        WriteCombiner combiner = new WriteCombiner(executor, 1024);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Held blocker = Held.start(pool, combiner);
            CountDownLatch interruptedSeen = new CountDownLatch(1);
            Thread waiter = Thread.ofVirtual().unstarted(() -> {
                try {
                    assertThat(combiner.submit(() -> "second")).isEqualTo("second");
                    if (Thread.currentThread().isInterrupted()) {
                        interruptedSeen.countDown();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            waiter.start();
            await().until(() -> combiner.queued() == 1);
            waiter.interrupt();
            assertThat(blocker.release()).isEqualTo("first");
            waiter.join();
            assertThat(interruptedSeen.getCount()).isZero();
        }
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
