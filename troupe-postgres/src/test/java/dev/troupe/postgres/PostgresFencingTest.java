package dev.troupe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.troupe.ActorContract;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.store.ActorRecord;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.crash.CallLedger;
import dev.troupe.testing.crash.CallLedger.Outcome;
import dev.troupe.testing.crash.CounterWorker;
import dev.troupe.testing.crash.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing between processes: runtime A in this JVM and runtime B in a child JVM ({@link CounterWorker},
 * connected over 127.0.0.1) share one database and both activate the same counter. Whichever activated
 * last owns it; the other's commits are refused in SQL, its caller sees {@code actor/fenced}, and no
 * acknowledged increment is ever lost or applied twice.
 *
 * <p>The tests share the database and both runtimes, each test on a counter of its own: fencing is per
 * actor, and a child JVM is costly to start. The child is driven over its stdin and reports every
 * call on its stdout, so the tests wait on that protocol, never on time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFencingTest {
    private static final String COUNTER_TYPE = Counter.class.getAnnotation(ActorContract.class).value();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 20;
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 100;
    private static final int B_ACKS_BEFORE_A_JOINS = 50;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final CallLedger aCalls = new CallLedger();
    private final CallLedger bCalls = new CallLedger();
    private PostgresStore observer;
    private Troupe a;
    private WorkerProcess b;

    @BeforeAll
    void startBothRuntimes(@TempDir Path logs) throws Exception {
        String database = EmbeddedPostgresSupport.newDatabase();
        observer = PostgresStore.open(EmbeddedPostgresSupport.dataSource(database));
        a = Troupe.builder()
                .store(PostgresStore.open(EmbeddedPostgresSupport.jdbcUrl(database), EmbeddedPostgresSupport.USER, null))
                .register(CounterActor.class)
                .build();
        b = WorkerProcess.start(PostgresStoreFactory.class, EmbeddedPostgresSupport.uri(database),
                logs.resolve("runtime-b.log"), bCalls);
    }

    @AfterAll
    void stopBothRuntimes() throws Exception {
        try (PostgresStore observing = observer; Troupe runtimeA = a; WorkerProcess runtimeB = b) {
            // Closes what started, in reverse order: B, A, then the observer.
        }
    }

    @Test
    void afterBActivatesTheActor_aStateChangingCallOnA_failsFenced_andWritesNothing() {
        String key = "fence-a";
        Counter onA = a.actor(Counter.class, Key.of(key));
        assertThat(onA.increment(1)).as("A creates the actor").isEqualTo(1);
        assertThat(stored(key).epoch()).isEqualTo(1);

        assertThat(incrementOnB(key)).as("B activates the actor and sees A's increment").isEqualTo(Outcome.ack(2));
        ActorRecord afterB = stored(key);
        assertThat(afterB.epoch()).as("B's activation claimed the next epoch").isEqualTo(2);

        assertThatThrownBy(() -> onA.increment(1))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FENCED))
                        .as("A's call fails with actor/fenced, not %s", e.error().qualifiedCode()).isTrue());
        assertThat(stored(key)).as("A's refused commit wrote nothing").isEqualTo(afterB);
        assertThat(incrementOnB(key)).as("B keeps serving the actor from the state A did not touch")
                .isEqualTo(Outcome.ack(3));
    }

    @Test
    void alternatingCallsFromBothProcesses_loseNoAcknowledgedIncrement_andApplyNoFencedOne() {
        String key = "fence-b";
        Counter onA = a.actor(Counter.class, Key.of(key));
        List<Outcome> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            outcomes.add(aCalls.increment(key, () -> onA.increment(1)));
            outcomes.add(incrementOnB(key));
        }

        List<Long> acks = outcomes.stream().filter(Outcome::acked).map(Outcome::value).toList();
        assertThat(acks).as("in call order, every acknowledged increment returned the next count: no acknowledged"
                        + " increment was lost and no failed one was applied; outcomes %s", outcomes)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, acks.size()).boxed().toList());
        assertThat(outcomes).as("every failed call failed as fenced")
                .filteredOn(outcome -> !outcome.acked()).allMatch(outcome -> outcome.failedWith(ErrorCode.FENCED));
        assertThat(aCalls.failures(key)).as("A was fenced by B's activations").isNotEmpty();
        assertThat(bCalls.failures(key)).as("B was fenced by A's activations").isNotEmpty();
        assertThat(persistedCount(key)).as("the persisted count is the number of acknowledged increments")
                .isEqualTo(acks.size());
    }

    @Test
    void concurrentLoadFromBothProcesses_persistsEveryAcknowledgedIncrement_andNoMoreThanWereSent() throws Exception {
        String key = "fence-c";
        Counter onA = a.actor(Counter.class, Key.of(key));
        List<Callable<Void>> callers = Collections.nCopies(THREADS, () -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                aCalls.increment(key, () -> onA.increment(1));
            }
            return null;
        });
        b.send("LOAD " + THREADS + " " + key);
        try {
            b.awaitUntil("B's load is under way", () -> bCalls.acks(key).size() >= B_ACKS_BEFORE_A_JOINS,
                    LOAD_TIMEOUT);
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<Void> caller : threads.invokeAll(callers)) {
                    caller.get();
                }
            }
        } finally {
            b.request("STOP", "STOPPED");
        }

        long persisted = persistedCount(key);
        List<Long> acks = Stream.concat(aCalls.acks(key).stream(), bCalls.acks(key).stream()).toList();
        long sent = aCalls.sent(key) + bCalls.sent(key);
        String tally = String.format("A: %d sent, %d acked, failures %s; B: %d sent, %d acked, failures %s",
                aCalls.sent(key), aCalls.acks(key).size(), countByCode(aCalls.failures(key)),
                bCalls.sent(key), bCalls.acks(key).size(), countByCode(bCalls.failures(key)));
        assertThat(bCalls.failures(key)).as("A's activation fenced B's, which was loading (%s)", tally)
                .isNotEmpty();
        assertThat(acks).as("no two acknowledged increments returned the same count (%s)", tally)
                .doesNotHaveDuplicates();
        assertThat(persisted).as("every acknowledged increment is persisted (%s)", tally)
                .isGreaterThanOrEqualTo(acks.size())
                .isGreaterThanOrEqualTo(acks.stream().mapToLong(Long::longValue).max().orElse(0));
        assertThat(persisted).as("the count does not exceed the increments sent (%s)", tally)
                .isLessThanOrEqualTo(sent);
        assertThat(Stream.concat(aCalls.failures(key).stream(), bCalls.failures(key).stream()))
                .as("every failed call failed as fenced (%s)", tally).allMatch(ErrorCode.FENCED.qualified()::equals);
    }

    private static Map<String, Long> countByCode(List<String> failures) {
        return failures.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /** One increment by runtime B, recorded in {@link #bCalls}. */
    private Outcome incrementOnB(String key) {
        b.request("INCREMENT " + key, "INCREMENTED " + key);
        return bCalls.outcomes(key).getLast();
    }

    /** The actor as persisted, read without claiming it. */
    private ActorRecord stored(String key) {
        return observer.find(COUNTER_TYPE, Key.of(key)).orElseThrow();
    }

    private long persistedCount(String key) {
        try {
            return JSON.readTree(stored(key).state()).get("count").asLong();
        } catch (JsonProcessingException e) {
            throw new AssertionError("the stored state of " + key + " is not JSON", e);
        }
    }
}
