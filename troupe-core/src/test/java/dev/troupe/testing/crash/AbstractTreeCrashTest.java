package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.Store;
import dev.troupe.testing.Team;
import dev.troupe.testing.TeamActor;
import dev.troupe.testing.WorkerActor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent-child link is durable on any store: subclass it, naming the {@link StoreFactory} and the
 * argument that open the store under test.
 *
 * <p>Each cycle starts a {@link TreeWorker}, which grows a three-level tree (root, sub-teams, workers)
 * from many threads, and kills it with SIGKILL once a number of spawns has been acknowledged. Then the
 * tree must be intact: every acknowledged worker exists under its sub-team, every child's parent
 * exists, and the link is exactly the key derivation ({@code [parentId, name]}). A new runtime on the
 * same store lists the same tree; the next cycle grows it further. Some workers are asked to finish
 * while the load runs: each finish that was acknowledged ends with the worker destroyed and its
 * sub-team holding the result exactly once, and no result is ever reported twice, whether the kill came
 * before or after the report reached the sub-team. Finally, destroying the root destroys all of it.
 */
public abstract class AbstractTreeCrashTest {
    private static final int CYCLES = 2;
    private static final int ACKS_PER_CYCLE = 300;
    private static final int THREADS = 8;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);
    private static final String TEAM = "test-team";
    private static final String WORKER = "test-worker";

    @TempDir
    Path logs;

    /** The factory that opens the store under test, in the worker JVM and in this one. */
    protected abstract Class<? extends StoreFactory> storeFactory();

    /** The argument that opens the store under test; the same store on every call within a test. */
    protected abstract String storeArgument();

    @Test
    void killedWhileGrowing_leavesTheTreeIntact_andItsSubtreeDestroyable() throws Exception {
        CallLedger ledger = new CallLedger();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (WorkerProcess worker = WorkerProcess.start(TreeWorker.class, storeFactory(), storeArgument(),
                    logs.resolve("tree-worker-" + cycle + ".log"), ledger)) {
                long target = ledger.totalAcks() + ACKS_PER_CYCLE;
                worker.send("LOAD " + THREADS + " " + cycle);
                worker.awaitUntil(ACKS_PER_CYCLE + " more acknowledged spawns in cycle " + cycle,
                        () -> ledger.totalAcks() >= target, LOAD_TIMEOUT);
                assertThat(worker.kill()).as("exit status of the worker killed in cycle %d", cycle)
                        .isEqualTo(WorkerProcess.SIGKILL_EXIT);
            }
            checkStoredTree(cycle, ledger);
            checkListedTree(cycle, ledger);
        }
        try (Store store = StoreFactory.open(storeFactory().getName(), storeArgument());
             Troupe troupe = runtime(store)) {
            troupe.ref(Team.class, Key.of(TreeWorker.ROOT)).destroy();
            assertThat(store.scan(TEAM, null, 10)).as("no team is left").isEmpty();
            assertThat(store.scan(WORKER, null, 10)).as("no worker is left").isEmpty();
        }
    }

    private void checkStoredTree(int cycle, CallLedger ledger) {
        try (Store store = StoreFactory.open(storeFactory().getName(), storeArgument())) {
            ActorRecord root = store.find(TEAM, Key.of(TreeWorker.ROOT)).orElseThrow();
            Map<String, ActorRecord> teams = store.children(root.id(), 1_000).stream()
                    .collect(Collectors.toMap(team -> team.key().part(1), Function.identity()));
            assertThat(teams.keySet()).as("cycle %d: the sub-teams", cycle)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, THREADS).mapToObj(t -> "s" + t).toList());
            for (ActorRecord team : teams.values()) {
                assertThat(team.key()).isEqualTo(Key.of(root.id(), team.key().part(1)));
                assertThat(team.parentId()).isEqualTo(root.id());
            }
            for (ActorRecord worker : all(store, WORKER)) {
                ActorRecord parent = store.findById(worker.parentId()).orElse(null);
                assertThat(parent).as("cycle %d: the parent of %s exists", cycle, worker.key()).isNotNull();
                assertThat(parent.parentId()).as("cycle %d: %s is two levels down", cycle, worker.key())
                        .isEqualTo(root.id());
                assertThat(worker.key()).isEqualTo(Key.of(parent.id(), worker.key().part(1)));
            }
            for (String acked : acknowledgedSpawns(ledger)) {
                String[] parts = acked.split("/");
                ActorRecord team = teams.get(parts[0]);
                if (ledger.sent(TreeWorker.FINISHED + acked) == 0) {
                    assertThat(store.find(WORKER, Key.of(team.id(), parts[1])))
                            .as("cycle %d: acknowledged spawn %s is stored", cycle, acked).isPresent();
                }
            }
        }
    }

    private void checkListedTree(int cycle, CallLedger ledger) {
        try (Store store = StoreFactory.open(storeFactory().getName(), storeArgument());
             Troupe troupe = runtime(store)) {
            Team root = troupe.actor(Team.class, Key.of(TreeWorker.ROOT));
            assertThat(root.childNames()).as("cycle %d: the root lists its sub-teams", cycle).hasSize(THREADS);
            for (String acked : acknowledgedSpawns(ledger)) {
                String[] parts = acked.split("/");
                if (ledger.sent(TreeWorker.FINISHED + acked) == 0) {
                    assertThat(root.teamChildNames(parts[0])).as("cycle %d: %s lists %s", cycle, parts[0], parts[1])
                            .contains(parts[1]);
                }
            }
            checkFinished(cycle, ledger, root);
        }
    }

    /**
     * Every acknowledged finish is reported to its sub-team once and its worker is gone, after the relay
     * and the destroy markers of the new runtime have done what the killed one left; no report twice.
     */
    private static void checkFinished(int cycle, CallLedger ledger, Team root) {
        List<String> finished = ledger.ackedKeys().stream().filter(key -> key.startsWith(TreeWorker.FINISHED))
                .map(key -> key.substring(TreeWorker.FINISHED.length())).toList();
        assertThat(finished).as("cycle %d: some finishes were acknowledged", cycle).isNotEmpty();
        Map<String, List<String>> byTeam = finished.stream().collect(Collectors.groupingBy(name -> name.split("/")[0]));
        byTeam.forEach((team, names) -> await().atMost(REPORT_TIMEOUT).untilAsserted(() -> {
            List<String> reports = root.teamReports(team);
            assertThat(reports).as("cycle %d: %s reports each result once", cycle, team).doesNotHaveDuplicates();
            for (String name : names) {
                assertThat(reports).as("cycle %d: %s reports the acknowledged finish of %s", cycle, team, name)
                        .contains("finished " + name.split("/")[1] + " " + name);
                assertThat(root.teamChildNames(team)).as("cycle %d: %s is destroyed", cycle, name)
                        .doesNotContain(name.split("/")[1]);
            }
        }));
    }

    private static List<String> acknowledgedSpawns(CallLedger ledger) {
        return ledger.ackedKeys().stream().filter(key -> !key.startsWith(TreeWorker.FINISHED)).toList();
    }

    private static List<ActorRecord> all(Store store, String type) {
        List<ActorRecord> all = new ArrayList<>();
        for (List<ActorRecord> page = store.scan(type, null, 500); !page.isEmpty();
             page = store.scan(type, page.getLast().id(), 500)) {
            all.addAll(page);
        }
        return all;
    }

    private static Troupe runtime(Store store) {
        return Troupe.builder().store(store).register(TeamActor.class).register(WorkerActor.class).build();
    }
}
