package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Troupe;
import dev.troupe.WorkflowStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows survive SIGKILL mid-run on any durable store, each step's effect committed exactly once:
 * subclass it, naming the {@link StoreFactory} and the argument that open the store under test.
 *
 * <p>A {@link WorkflowWorker} starts {@value #WORKFLOWS} workflows of {@value #STEPS} steps and is killed
 * with SIGKILL once about a third of the steps have run; a second worker on the same store resumes them
 * (their advances are durable schedules) until all have completed. Then every workflow's steps must have
 * committed their effect once each, in order, and its status must list them all.
 */
public abstract class AbstractWorkflowCrashTest {
    private static final int WORKFLOWS = 16;
    private static final int STEPS = 30;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path logs;

    /** The factory that opens the store under test, in the worker JVM and in this one. */
    protected abstract Class<? extends StoreFactory> storeFactory();

    /** The argument that opens the store under test; the same store on every call within a test. */
    protected abstract String storeArgument();

    @Test
    void killedMidWorkflow_resumesAtTheFirstUnfinishedStep_andRunsEachStepOnce() throws Exception {
        CallLedger ledger = new CallLedger();
        try (WorkerProcess worker = WorkerProcess.start(WorkflowWorker.class, storeFactory(), storeArgument(),
                logs.resolve("worker-0.log"), ledger)) {
            worker.request("START " + WORKFLOWS + " " + STEPS, "DONE");
            worker.awaitUntil("a third of the steps run", () -> totalSent(ledger) >= WORKFLOWS * STEPS / 3, LOAD_TIMEOUT);
            assertThat(worker.kill()).isEqualTo(WorkerProcess.SIGKILL_EXIT);
        }
        assertThat(totalSent(ledger)).as("killed before the end").isLessThan(WORKFLOWS * STEPS);
        try (WorkerProcess worker = WorkerProcess.start(WorkflowWorker.class, storeFactory(), storeArgument(),
                logs.resolve("worker-1.log"), ledger)) {
            worker.request("FINISH", "DONE");
        }
        try (Troupe troupe = Troupe.builder().store(StoreFactory.open(storeFactory().getName(), storeArgument()))
                .register(WorkflowWorker.StepperActor.class).build()) {
            Map<String, List<Integer>> done = new HashMap<>();
            List<WorkflowStatus> statuses = new ArrayList<>();
            for (int a = 0; a < WorkflowWorker.ACTORS; a++) {
                WorkflowWorker.Stepper stepper = troupe.actor(WorkflowWorker.Stepper.class, WorkflowWorker.actorOf(a));
                done.putAll(stepper.done());
                statuses.addAll(stepper.statuses());
            }
            List<Integer> allSteps = IntStream.rangeClosed(1, STEPS).boxed().toList();
            assertThat(statuses).hasSize(WORKFLOWS).allSatisfy(status -> {
                assertThat(status.state()).as(status.id()).isEqualTo("completed");
                assertThat(status.steps()).as(status.id()).hasSize(STEPS);
                assertThat(done.get(status.id())).as("%s: each step's effect once, in order", status.id())
                        .containsExactlyElementsOf(allSteps);
            });
        }
    }

    private static long totalSent(CallLedger ledger) {
        long sent = 0;
        for (int n = 0; n < WORKFLOWS; n++) {
            sent += ledger.sent("w" + n);
        }
        return sent;
    }
}
