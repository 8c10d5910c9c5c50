package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.history.History;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.testing.FaultyStore;
import dev.troupe.testing.RelayActor;
import dev.troupe.testing.Team;
import dev.troupe.testing.TeamActor;
import dev.troupe.testing.Worker;
import dev.troupe.testing.WorkerActor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Supervision trees: children spawned under their parent's id, listed, read, stopped and destroyed
 * with their parent; failures reported to the parent and handled by each strategy; results. Restarts
 * here have no backoff (the timing is {@code SupervisionBackoffTest} in troupe-testkit, on its clock).
 */
class SupervisionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TEAM = "test-team";
    private static final String WORKER = "test-worker";
    private static final SupervisorStrategy NO_BACKOFF = SupervisorStrategy.restart()
            .backoff(Duration.ZERO, Duration.ZERO, 0);

    private final MemoryStore store = new MemoryStore();

    private Troupe troupe(SupervisorStrategy strategy) {
        return troupe(strategy, worker -> { });
    }

    private Troupe troupe(SupervisorStrategy strategy, Consumer<TypeOptions> workerOptions) {
        return builder(strategy, workerOptions).build();
    }

    private Troupe.Builder builder(SupervisorStrategy strategy, Consumer<TypeOptions> workerOptions) {
        return Troupe.builder().store(store)
                .register(TeamActor.class, type -> type.supervision(strategy))
                .register(WorkerActor.class, workerOptions)
                .register(RelayActor.class)
                .schedulePollInterval(Duration.ofMillis(100));
    }

    private ActorRecord record(String type, Key key) {
        return store.find(type, key).orElseThrow();
    }

    private static Key key(String json) {
        return Key.fromJson(json);
    }

    // ---- children ----

    @Test
    void spawn_createsTheChildUnderTheParentsIdWithItsInput_andTheParentListsAndReadsIt() {
        try (Troupe troupe = troupe(NO_BACKOFF, worker -> worker.history())) {
            Team team = troupe.actor(Team.class, Key.of("spawner"));

            Key child = key(team.spawnWorker("w1", 5));
            team.spawnWorker("w2", 7);

            String parentId = record(TEAM, Key.of("spawner")).id();
            assertThat(child).isEqualTo(Key.of(parentId, "w1"));
            assertThat(record(WORKER, child).parentId()).isEqualTo(parentId);
            assertThat(team.childNames()).containsExactly("w1", "w2");
            assertThat(team.addToWorker("w1", 1)).isEqualTo(6);
            assertThat(team.workerCount("w1")).isEqualTo(6);
            assertThat(team.workerHistorySize("w1")).isGreaterThanOrEqualTo(2);
            assertThat(troupe.actor(Worker.class, child).count()).as("a child is an actor like any other").isEqualTo(6);
        }
    }

    @Test
    void spawn_ofAnUnregisteredType_failsWithTypeNotFound_andASecondChildOfTheSameName_withDuplicateKey() {
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team team = troupe.actor(Team.class, Key.of("strict"));
            team.spawnWorker("w1", 0);

            assertThatThrownBy(() -> team.spawnByClassName("dev.troupe.testing.Alarm", "a1"))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.TYPE_NOT_FOUND)).isTrue())
                    .hasMessageContaining("dev.troupe.testing.Alarm");
            assertThatThrownBy(() -> team.spawnWorker("w1", 3))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.DUPLICATE_KEY)).isTrue());
            assertThatThrownBy(() -> team.spawnWorker("", 3))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_KEY)).isTrue());
            assertThat(team.childNames()).containsExactly("w1");
            assertThat(team.workerCount("w1")).isZero();
        }
    }

    @Test
    void stop_destroysTheChild_andGetOfAStoppedChildFailsWithNotFound() {
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team team = troupe.actor(Team.class, Key.of("stopper"));
            Key child = key(team.spawnWorker("w1", 1));

            team.stopWorker("w1");

            assertThat(store.find(WORKER, child)).isEmpty();
            assertThat(team.childNames()).isEmpty();
            assertThatThrownBy(() -> team.addToWorker("w1", 1))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());
        }
    }

    @Test
    void destroyingAParent_destroysItsSubtreeChildrenFirst() {
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team root = troupe.actor(Team.class, Key.of("root"));
            Key sub = key(root.spawnTeam("sub"));
            Key leaf = key(root.spawnInTeam("sub", "leaf", 1));
            Key sibling = key(root.spawnWorker("w1", 2));

            troupe.ref(Team.class, Key.of("root")).destroy();

            assertThat(store.find(TEAM, Key.of("root"))).isEmpty();
            assertThat(store.find(TEAM, sub)).isEmpty();
            assertThat(store.find(WORKER, leaf)).isEmpty();
            assertThat(store.find(WORKER, sibling)).isEmpty();
            assertThat(store.scan(WORKER, null, 10)).isEmpty();
        }
    }

    @Test
    void aDestroyInterruptedByACrash_resumesFromItsDurableMarker() {
        Key sub;
        Key leaf;
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team root = troupe.actor(Team.class, Key.of("interrupted"));
            sub = key(root.spawnTeam("sub"));
            leaf = key(root.spawnInTeam("sub", "leaf", 1));
        }
        ActorRecord root = record(TEAM, Key.of("interrupted"));
        store.commit(List.of(new ActorWrite(root.id(), root.epoch(), null, 1, List.of(new ScheduleChange.Put(
                new ScheduleRecord("marker", root.id(), Instant.now(), "#destroy", "[]"))))));

        try (Troupe restarted = troupe(NO_BACKOFF)) {
            await("the destroy resumes after the restart").atMost(WAIT)
                    .until(() -> store.find(TEAM, Key.of("interrupted")).isEmpty());
            assertThat(store.find(TEAM, sub)).isEmpty();
            assertThat(store.find(WORKER, leaf)).isEmpty();
            assertThat(store.nextDueAt()).isEmpty();
        }
    }

    // ---- failures and strategies ----

    private static void awaitReports(Team team, String... expected) {
        await("reports " + List.of(expected)).atMost(WAIT).untilAsserted(() ->
                assertThat(team.reports()).containsExactly(expected));
    }

    @Test
    void restart_oneForOne_rebuildsTheFailedChildFromItsLastCommittedState() {
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team team = troupe.actor(Team.class, Key.of("one-for-one"));
            Worker w1 = troupe.actor(Worker.class, key(team.spawnWorker("w1", 5)));
            Worker w2 = troupe.actor(Worker.class, key(team.spawnWorker("w2", 0)));
            w1.add(1);

            assertThatThrownBy(w1::crash).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.INTERNAL_ERROR)).isTrue());

            awaitReports(team, "failed w1 crash RESTART 0");
            await("w1 woke again").atMost(WAIT).until(() -> w1.wakes() == 2);
            assertThat(w1.count()).as("the crashed turn left no trace").isEqualTo(6);
            assertThat(w2.wakes()).as("one-for-one leaves the sibling alone").isEqualTo(1);
        }
    }

    @Test
    void restart_fromInitialState_resetsTheChildToWhatItsSpawnInputGives() {
        try (Troupe troupe = troupe(NO_BACKOFF.fromInitialState())) {
            Team team = troupe.actor(Team.class, Key.of("fresh"));
            Worker w1 = troupe.actor(Worker.class, key(team.spawnWorker("w1", 5)));
            w1.add(10);

            assertThatThrownBy(w1::crash).isInstanceOf(TroupeException.class);

            await("w1 is back at the initial state of its spawn input").atMost(WAIT).until(() -> w1.count() == 5);
            assertThat(team.workerCount("w1")).as("the reset is committed").isEqualTo(5);
        }
    }

    @Test
    void restart_allForOne_rebuildsEveryChild() {
        SupervisorStrategy allForOne = SupervisorStrategy.restartAll().backoff(Duration.ZERO, Duration.ZERO, 0);
        try (Troupe troupe = troupe(allForOne)) {
            Team team = troupe.actor(Team.class, Key.of("all-for-one"));
            Worker w1 = troupe.actor(Worker.class, key(team.spawnWorker("w1", 0)));
            Worker w2 = troupe.actor(Worker.class, key(team.spawnWorker("w2", 0)));

            assertThatThrownBy(w1::crash).isInstanceOf(TroupeException.class);

            await("both children woke again").atMost(WAIT).until(() -> w1.wakes() == 2 && w2.wakes() == 2);
            assertThat(team.reports()).containsExactly("failed w1 crash RESTART 0");
        }
    }

    @Test
    void stop_destroysTheFailedChild() {
        try (Troupe troupe = troupe(SupervisorStrategy.stop())) {
            Team team = troupe.actor(Team.class, Key.of("stops"));
            Key w1 = key(team.spawnWorker("w1", 0));

            assertThatThrownBy(() -> troupe.actor(Worker.class, w1).crash()).isInstanceOf(TroupeException.class);

            awaitReports(team, "failed w1 crash STOP 0");
            await("the failed child is gone").atMost(WAIT).until(() -> store.find(WORKER, w1).isEmpty());
            assertThat(team.childNames()).isEmpty();
        }
    }

    @Test
    void resume_leavesTheFailedChildAsItIs() {
        try (Troupe troupe = troupe(SupervisorStrategy.resume())) {
            Team team = troupe.actor(Team.class, Key.of("resumes"));
            Worker w1 = troupe.actor(Worker.class, key(team.spawnWorker("w1", 3)));

            assertThatThrownBy(w1::crash).isInstanceOf(TroupeException.class);

            awaitReports(team, "failed w1 crash RESUME 0");
            assertThat(w1.wakes()).as("not restarted").isEqualTo(1);
            assertThat(w1.add(1)).isEqualTo(4);
        }
    }

    @Test
    void escalate_reportsTheFailureToTheGrandparent_asItsChildsFailure() {
        try (Troupe troupe = troupe(SupervisorStrategy.escalate())) {
            Team root = troupe.actor(Team.class, Key.of("escalates"));
            Team sub = troupe.actor(Team.class, key(root.spawnTeam("sub")));
            Worker leaf = troupe.actor(Worker.class, key(sub.spawnWorker("leaf", 0)));

            assertThatThrownBy(leaf::crash).isInstanceOf(TroupeException.class);

            awaitReports(sub, "failed leaf crash ESCALATE 0");
            awaitReports(root, "failed sub #escalated ESCALATE 0");
        }
    }

    @Test
    void aChildFailingInOnWake_isRestartedUntilMaxRestarts_thenTheFailureEscalates() {
        try (Troupe troupe = troupe(NO_BACKOFF.maxRestarts(2, Duration.ofHours(1)))) {
            Team root = troupe.actor(Team.class, Key.of("gives-up"));
            Team sub = troupe.actor(Team.class, key(root.spawnTeam("sub")));
            Worker leaf = troupe.actor(Worker.class, key(sub.spawnWorker("leaf", 0)));
            leaf.breakWake();

            assertThatThrownBy(leaf::crash).isInstanceOf(TroupeException.class);

            awaitReports(sub, "failed leaf crash RESTART 0", "failed leaf #onWake RESTART 1",
                    "failed leaf #onWake ESCALATE 2");
            awaitReports(root, "failed sub #escalated RESTART 0");
        }
    }

    @Test
    void aCallThatTimesOutInTheChild_isAFailure() {
        try (Troupe troupe = builder(SupervisorStrategy.resume(), worker -> { }).callTimeout(Duration.ofSeconds(1))
                .build()) {
            Team team = troupe.actor(Team.class, Key.of("times-out"));
            Worker w1 = troupe.actor(Worker.class, key(team.spawnWorker("w1", 0)));

            try {
                assertThatThrownBy(() -> w1.awaitRelay("supervision-shut-gate")).isInstanceOfSatisfying(
                        TroupeException.class, e -> assertThat(e.is(ErrorCode.TIMEOUT)).isTrue());
                awaitReports(team, "failed w1 awaitRelay RESUME 0");
            } finally {
                RelayActor.gate("supervision-shut-gate").countDown();
            }
        }
    }

    @Test
    void aUserException_isAnAnswer_notAFailure() {
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team team = troupe.actor(Team.class, Key.of("answers"));
            Worker w1 = troupe.actor(Worker.class, key(team.spawnWorker("w1", 0)));

            assertThatThrownBy(w1::refuse).isInstanceOf(UserException.class);
            assertThatThrownBy(w1::crash).isInstanceOf(TroupeException.class);

            awaitReports(team, "failed w1 crash RESTART 0");
        }
    }

    @Test
    void aChildThatFinishes_isDestroyed_andItsParentReceivesTheResult() {
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team team = troupe.actor(Team.class, Key.of("finishes"));
            Key w1 = key(team.spawnWorker("w1", 0));

            troupe.actor(Worker.class, w1).complete("all done");

            awaitReports(team, "finished w1 all done");
            assertThat(store.find(WORKER, w1)).isEmpty();
        }
    }

    @Test
    void aFinishWhoseDestroyFails_isReportedOnce_andItsDurableMarkerDestroysTheChildLater() {
        FaultyStore faulty = new FaultyStore(store);
        try (Troupe troupe = builder(NO_BACKOFF, worker -> { }).store(faulty).build()) {
            Team team = troupe.actor(Team.class, Key.of("finish-retried"));
            Key w1 = key(team.spawnWorker("w1", 0));
            faulty.failDestroys(true);

            troupe.actor(Worker.class, w1).complete("done");

            awaitReports(team, "finished w1 done");
            assertThat(store.find(WORKER, w1)).as("the child whose destroy failed").isPresent();
            faulty.failDestroys(false);
            await("the destroy marker destroys the child").atMost(WAIT).until(() -> store.find(WORKER, w1).isEmpty());
            assertThat(team.reports()).containsExactly("finished w1 done");
        }
    }

    @Test
    void theResultOfAFinishedChild_arrivesAsItsJson_andTheParentsTurnReplays() {
        try (Troupe troupe = historyTroupe()) {
            Team team = troupe.actor(Team.class, Key.of("replayed"));
            troupe.actor(Worker.class, key(team.spawnWorker("w1", 0))).complete("result");

            assertReplays(troupe.history(Team.class, Key.of("replayed")), "message", "#onChildFinished",
                    "finished w1 result");
        }
    }

    @Test
    void theParentsTurnThatHeardOfAFailure_recordsIt_andReplays() {
        try (Troupe troupe = historyTroupe()) {
            Team team = troupe.actor(Team.class, Key.of("failure-replayed"));
            Worker w1 = troupe.actor(Worker.class, key(team.spawnWorker("w1", 0)));
            assertThatThrownBy(w1::crash).isInstanceOf(TroupeException.class);

            assertReplays(troupe.history(Team.class, Key.of("failure-replayed")), "hook", "#onChildFailed",
                    "failed w1 crash RESTART 0");
        }
    }

    /** A runtime whose teams keep a history with a checkpoint every other entry, so that stateAt starts after the spawn. */
    private Troupe historyTroupe() {
        return Troupe.builder().store(store)
                .register(TeamActor.class, type -> type.supervision(NO_BACKOFF).history(h -> h.checkpointEvery(2)))
                .register(WorkerActor.class).build();
    }

    /**
     * The entry of the hook {@code name} (awaited without a turn of the parent, so that it follows the
     * spawn's checkpoint) is of {@code kind} and no checkpoint itself, and replaying it reproduces its report
     * (a team's first report line, or, for a null {@code report}, a worker's count of 5).
     */
    private static void assertReplays(History history, String kind, String name, @Nullable String report) {
        HistoryEntry entry = await("the entry of " + name).atMost(WAIT).until(() -> history.entries(0, 100).stream()
                .filter(e -> e.message().contains("\"name\":\"" + name + "\"")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(entry.message()).contains("\"kind\":\"" + kind + "\"");
        assertThat(entry.checkpoint()).as("the state comes from replay, not from a checkpoint").isNull();
        JsonNode state = history.stateAt(entry.seq());
        if (report == null) {
            assertThat(state.path("count").asLong()).as("the count of the spawn input").isEqualTo(5);
        } else {
            assertThat(state.path("reports").get(0).asText()).isEqualTo(report);
        }
    }

    @Test
    void aRestartFromTheInitialState_replaysWithTheSpawnInput() {
        try (Troupe troupe = Troupe.builder().store(store)
                .register(TeamActor.class, type -> type.supervision(NO_BACKOFF.fromInitialState()))
                .register(WorkerActor.class, type -> type.history(h -> h.checkpointEvery(3))).build()) {
            Team team = troupe.actor(Team.class, Key.of("reset-replayed"));
            Key w1 = key(team.spawnWorker("w1", 5));
            Worker worker = troupe.actor(Worker.class, w1);
            worker.add(10);
            assertThatThrownBy(worker::crash).isInstanceOf(TroupeException.class);

            assertReplays(troupe.history(Worker.class, w1), "hook", "#restartFromInitialState", null);
            assertThat(worker.count()).isEqualTo(5);
        }
    }

    @Test
    void spawningAChildWithInputThatHasNoJsonForm_failsWithInvalidArgs_andCreatesNothing() {
        try (Troupe troupe = troupe(NO_BACKOFF)) {
            Team team = troupe.actor(Team.class, Key.of("bad-input"));

            assertThatThrownBy(() -> team.spawnWithInputWithoutJson("w1")).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.INVALID_ARGS)).isTrue());
            assertThat(team.childNames()).isEmpty();
        }
    }
}
