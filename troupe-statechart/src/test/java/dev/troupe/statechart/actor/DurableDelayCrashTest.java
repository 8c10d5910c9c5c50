package dev.troupe.statechart.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import dev.troupe.sqlite.SqliteStore;
import dev.troupe.store.Store;
import dev.troupe.testing.crash.CallLedger;
import dev.troupe.testing.crash.StoreFactory;
import dev.troupe.testing.crash.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable {@code after} delays survive a crash: a {@link MachineWorker} in a child JVM on SQLite puts a
 * machine into a state with a {@link MachineWorker#DELAY} long delay, lets it sleep and is killed with
 * SIGKILL before the delay passes. A fresh runtime on the same store makes the transition exactly once;
 * a state left before the kill leaves no delay behind, so nothing happens after the restart. The
 * fresh runtime owns and closes the store it is given.
 */
class DurableDelayCrashTest {
    private static final Duration FIRE_TIMEOUT = MachineWorker.DELAY.plusSeconds(30);

    @TempDir
    Path dir;

    @Test
    void delayPendingAtTheKill_firesOnceAfterTheRestart() throws Exception {
        killAfter("fires", "{\"type\":\"START\"}");
        try (Store stopped = openStore()) {
            assertThat(snapshot(stopped, "fires").at("/snapshot/value").asText())
                    .as("the delay outlasted the worker").isEqualTo("waiting");
            assertThat(stopped.nextDueAt()).as("the delay is a pending schedule").isPresent();
        }

        Store store = openStore();
        try (Troupe troupe = runtime(store)) {
            await("the delayed transition after the restart").atMost(FIRE_TIMEOUT)
                    .until(() -> snapshot(store, "fires").at("/snapshot/value").asText().equals("done"));
            JsonNode view = view(troupe, "fires");
            assertThat(view.path("value").asText()).isEqualTo("done");
            assertThat(view.at("/public/arrivals").asInt()).as("transitions into done").isEqualTo(1);
            assertThat(store.nextDueAt()).isEmpty();
            assertThat(snapshot(store, "fires").path(StoredMachine.DELAYS).isEmpty()).isTrue();
        }
    }

    @Test
    void stateLeftBeforeTheKill_leavesNoDelay_andNothingHappensAfterTheRestart() throws Exception {
        killAfter("cancelled", "{\"type\":\"START\"}", "{\"type\":\"STOP\"}");
        try (Store stopped = openStore()) {
            assertThat(stopped.nextDueAt()).as("no schedule left to fire").isEmpty();
            assertThat(snapshot(stopped, "cancelled").path(StoredMachine.DELAYS).isEmpty()).isTrue();
        }

        Store store = openStore();
        try (Troupe troupe = runtime(store)) {
            JsonNode view = view(troupe, "cancelled");
            assertThat(view.path("value").asText()).isEqualTo("idle");
            assertThat(view.at("/public/arrivals").asInt()).isZero();
            assertThat(store.nextDueAt()).isEmpty();
        }
    }

    private void killAfter(String key, String... events) throws Exception {
        try (WorkerProcess worker = WorkerProcess.start(MachineWorker.class, Sqlite.class, dir.toString(),
                dir.resolve(key + ".log"), new CallLedger())) {
            for (String event : events) {
                worker.request("SEND " + key + " " + event, "DONE");
            }
            worker.request("SLEEP", "DONE");
            assertThat(worker.kill()).as("exit status of the killed worker").isEqualTo(WorkerProcess.SIGKILL_EXIT);
        }
    }

    private Store openStore() {
        return StoreFactory.open(Sqlite.class.getName(), dir.toString());
    }

    private static Troupe runtime(Store store) {
        return Troupe.builder().store(store)
                .register(ProbeMachine.definition(MachineWorker.DELAY.toMillis()), type -> type.allow(CallerType.CLIENT))
                .schedulePollInterval(Duration.ofMillis(100))
                .build();
    }

    private static JsonNode snapshot(Store store, String key) throws Exception {
        return Json.mapper().readTree(store.find(ProbeMachine.TYPE, Key.of(key)).orElseThrow().state());
    }

    private static JsonNode view(Troupe troupe, String key) throws Exception {
        return Json.mapper().valueToTree(troupe.host().view(new Address(ProbeMachine.TYPE, Key.of(key)),
                Caller.client("ann"), CreateMode.GET, Input.none()).get(30, TimeUnit.SECONDS));
    }

    /** Opens the SQLite store in a data directory, in the worker JVM and in the test. */
    public static final class Sqlite implements StoreFactory {
        @Override
        public Store open(String directory) {
            return SqliteStore.open(Path.of(directory));
        }
    }
}
