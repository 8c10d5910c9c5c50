package dev.troupe.testing.crash;

import dev.troupe.Actor;
import dev.troupe.ActorContract;
import dev.troupe.Flow;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.ReadOnly;
import dev.troupe.Troupe;
import dev.troupe.Workflow;
import dev.troupe.WorkflowStatus;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Troupe runtime in a child JVM whose actors run workflows of numbered steps, for
 * {@link AbstractWorkflowCrashTest}. Arguments: a {@link StoreFactory} class name and its argument.
 * Commands: {@code START workflows steps} starts that many workflows (ids {@code w0}, {@code w1}...,
 * spread over {@value #ACTORS} actors), each of {@code steps} steps, and replies {@code DONE};
 * {@code FINISH} waits until every workflow of the store has completed and replies {@code DONE}. Each step
 * body prints {@code SENT <id>} as it runs, before its commit: progress, not acknowledgement.
 */
public final class WorkflowWorker {
    /** How many actors the workflows are spread over. */
    public static final int ACTORS = 4;
    private static volatile @Nullable PrintStream protocol;

    private WorkflowWorker() {
    }

    /** Runs numbered-step workflows; its state records which steps of which workflow ran. */
    @ActorContract("test-stepper")
    public interface Stepper {
        void start(String id, int steps);

        @ReadOnly
        Map<String, List<Integer>> done();

        @ReadOnly
        List<WorkflowStatus> statuses();
    }

    /** Implements {@link Stepper}. */
    public static final class StepperActor extends Actor<StepperActor.State> implements Stepper {
        /** The steps each workflow's bodies committed, in order. */
        public record State(Map<String, List<Integer>> done) {
        }

        @Override
        protected State initialState(Input input) {
            return new State(Map.of());
        }

        @Override
        protected @Nullable Workflow workflow(String name) {
            return name.equals("steps") ? this::steps : null;
        }

        private Object steps(Flow flow, @Nullable Object input) {
            int steps = ((Number) input).intValue();
            for (int i = 1; i <= steps; i++) {
                int step = i;
                flow.step("s" + step, Integer.class, () -> {
                    line("SENT " + flow.id());
                    update(s -> {
                        Map<String, List<Integer>> next = new HashMap<>(s.done());
                        List<Integer> list = new ArrayList<>(next.getOrDefault(flow.id(), List.of()));
                        list.add(step);
                        next.put(flow.id(), list);
                        return new State(next);
                    });
                    return step;
                });
            }
            return steps;
        }

        @Override
        public void start(String id, int steps) {
            workflows().start("steps", id, steps);
        }

        @Override
        public Map<String, List<Integer>> done() {
            return state().done();
        }

        @Override
        public List<WorkflowStatus> statuses() {
            return workflows().ids().stream().map(id -> workflows().status(id).orElseThrow()).toList();
        }
    }

    /** The key of the actor that runs workflow number {@code n}. */
    public static Key actorOf(int n) {
        return Key.of("a" + n % ACTORS);
    }

    /** Arguments: the {@link StoreFactory} class name and its argument. */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        protocol = out;
        System.setOut(System.err);
        Troupe troupe = Troupe.builder().store(StoreFactory.open(args[0], args[1])).register(StepperActor.class).build();
        line("READY");
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String command;
            while ((command = commands.readLine()) != null) {
                String[] words = command.split(" ");
                switch (words[0]) {
                    case "START" -> {
                        for (int n = 0; n < Integer.parseInt(words[1]); n++) {
                            troupe.actor(Stepper.class, actorOf(n)).start("w" + n, Integer.parseInt(words[2]));
                        }
                        line("DONE");
                    }
                    case "FINISH" -> {
                        finish(troupe);
                        line("DONE");
                    }
                    default -> throw new IllegalArgumentException("unknown command: " + command);
                }
            }
        }
        troupe.close();
        System.exit(0);
    }

    /** Waits, a quiescent runtime at a time, until every actor's workflows have completed. */
    private static void finish(Troupe troupe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(50));
        while (Instant.now().isBefore(deadline)) {
            troupe.awaitQuiescence(Duration.ofSeconds(5));
            boolean completed = true;
            for (int a = 0; a < ACTORS; a++) {
                completed &= troupe.actor(Stepper.class, actorOf(a)).statuses().stream()
                        .allMatch(status -> status.state().equals("completed"));
            }
            if (completed) {
                return;
            }
        }
        throw new IllegalStateException("the workflows did not complete in time");
    }

    private static void line(String text) {
        PrintStream out = protocol;
        if (out != null) {
            synchronized (out) {
                out.println(text);
            }
        }
    }
}
